package io.mercato.recsys.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionsCsvTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void loadsColumnsByName() throws IOException {
        Path f = write("r.csv", "timestamp,rating,item,user\n10,4.5,i1,u1\n,3,i2,u1\n20,1,i1,u2\n");
        Interactions d = Interactions.csv(f).ratingColumn("rating").timestampColumn("timestamp").load();
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.value(d.users().index("u1"), d.items().index("i1"))).isEqualTo(4.5);
        assertThat(d.hasTimestamps()).isTrue();
        assertThat(d.byUser().timestamp(1)).isEqualTo(SparseMatrix.NO_TIMESTAMP);
    }

    @Test
    void tsvWithEventsAndRenamedColumns() throws IOException {
        Path f = write("e.tsv", "customer\tproduct\tevent\nc1\tp1\tview\nc1\tp1\tpurchase\nc2\tp2\tview\n");
        Interactions d = Interactions.csv(f).userColumn("customer").itemColumn("product")
                .eventColumn("event", Map.of("view", 1.0, "purchase", 5.0))
                .duplicatePolicy(Interactions.DuplicatePolicy.SUM).load();
        assertThat(d.value(0, 0)).isEqualTo(6.0);
        assertThat(d.value(1, 1)).isEqualTo(1.0);
    }

    @Test
    void badRowNamesFileLineAndColumn() throws IOException {
        Path f = write("bad.csv", "user,item,rating\nu1,i1,4\nu2,i2,lots\n");
        assertThatThrownBy(() -> Interactions.csv(f).ratingColumn("rating").load())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("line 3").hasMessageContaining("rating")
                .hasMessageContaining("lots");
    }

    @Test
    void emptyIdIsABadRow() throws IOException {
        Path f = write("empty.csv", "user,item\nu1,i1\n,i2\n");
        assertThatThrownBy(() -> Interactions.csv(f).load())
                .isInstanceOf(DataException.class).hasMessageContaining("line 3").hasMessageContaining("user");
    }

    @Test
    void toleratesUpToMaxBadRows() throws IOException {
        Path f = write("some.csv", "user,item,rating\nu1,i1,4\nu2,i2,x\nu3,i3,5\nu4,i4,\n");
        InteractionsCsv loader = Interactions.csv(f).ratingColumn("rating").maxBadRows(2);
        Interactions d = loader.load();
        assertThat(d.users().ids()).containsExactly("u1", "u3");
        assertThat(loader.skippedRows()).hasSize(2);
        assertThat(loader.skippedRows().get(1).getMessage()).contains("line 5");
        assertThatThrownBy(() -> Interactions.csv(f).ratingColumn("rating").maxBadRows(1).load())
                .isInstanceOf(DataException.class).hasMessageContaining("line 5");
    }

    @Test
    void missingColumnIsReported() throws IOException {
        Path f = write("cols.csv", "user,item\nu1,i1\n");
        assertThatThrownBy(() -> Interactions.csv(f).ratingColumn("stars").load())
                .isInstanceOf(DataException.class).hasMessageContaining("stars");
    }
}
