package io.mercato.recsys.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.DataException;
import io.mercato.core.linalg.SparseVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature tables shared by items and users: one builder, one CSV loader. */
class FeaturesTest {

    @TempDir
    Path dir;

    @Test
    void userFeaturesFromCsvWithTagGroupMappingAndImputedScaledNumerics() throws Exception {
        // ages 30, missing, 50: the missing one takes the mean 40; min-max scaled: 0, 0.5, 1
        Path file = Files.writeString(dir.resolve("users.csv"),
                "user,interests,age\nalice,running|outdoor,30\nbob,yoga,\ncarol,,50\n");
        UserFeatures f = UserFeatures.csv(file).tagColumn("interests", "\\|", "category").numericColumn("age").load();
        assertThat(f.ids().ids()).containsExactly("alice", "bob", "carol");
        assertThat(f.featureNames()).containsExactly("category=outdoor", "category=running", "category=yoga", "age");
        assertThat(f.vector("alice").toDense()).containsExactly(1, 1, 0, 0);
        assertThat(f.vector("bob").toDense()).containsExactly(0, 0, 1, 0.5);
        assertThat(f.vector("carol").toDense()).containsExactly(0, 0, 0, 1);
        assertThat(f.featureIndex("category=yoga")).isEqualTo(2);
        assertThat(f.featureIndex("category=chess")).isEqualTo(-1);
        assertThat(f.vector("dave").size()).isZero();
        assertThat(f).hasToString("UserFeatures[3 ids, 4 features]");
    }

    @Test
    void itemsAndUsersBuiltByTheSameBuilderGiveTheSameTable() {
        SparseVector text = SparseVector.of(3, new int[] {0, 2}, new double[] {0.6, 0.8});
        ItemFeatures items = ItemFeatures.builder().tag("x", "colour", "red").numeric("x", "price", 2)
                .numeric("y", "price", 4).vector("y", "description", text).build();
        UserFeatures users = UserFeatures.builder().tag("x", "colour", "red").numeric("x", "price", 2)
                .numeric("y", "price", 4).vector("y", "description", text).build();
        assertThat(users.featureNames()).isEqualTo(items.featureNames())
                .containsExactly("colour=red", "price", "description#0", "description#1", "description#2");
        for (String id : List.of("x", "y")) {
            assertThat(users.vector(id)).isEqualTo(items.vector(id));
        }
        // y: price scaled to 1, then the description block at offset 2
        assertThat(items.vector("y").toDense()).containsExactly(0, 1, 0.6, 0, 0.8);
    }

    @Test
    void badInputIsReportedWithItsPlace() throws Exception {
        Path file = Files.writeString(dir.resolve("users.csv"), "user,age\nalice,30\nbob,old\n");
        assertThatThrownBy(() -> UserFeatures.csv(file).numericColumn("age").load())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("users.csv").hasMessageContaining("line 3").hasMessageContaining("column 'age'")
                .hasMessageContaining("not a number: 'old'");
        Path noId = Files.writeString(dir.resolve("noid.csv"), "user,age\n,30\n");
        assertThatThrownBy(() -> UserFeatures.csv(noId).numericColumn("age").load())
                .isInstanceOf(DataException.class).hasMessageContaining("line 2").hasMessageContaining("empty id");
        // the default id column of items is "item": a users file needs idColumn("user")
        assertThatThrownBy(() -> ItemFeatures.csv(file).load())
                .isInstanceOf(DataException.class).hasMessageContaining("item");
        assertThatThrownBy(() -> UserFeatures.builder().numeric("a", "age", Double.NaN))
                .hasMessageContaining("'age'").hasMessageContaining("finite");
        assertThatThrownBy(() -> UserFeatures.builder().vector("a", "bio", SparseVector.empty(3))
                .vector("b", "bio", SparseVector.empty(4)))
                .hasMessageContaining("'bio'").hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> UserFeatures.of(List.of("a"), List.of("f", "f"), List.of(SparseVector.empty(2))))
                .hasMessageContaining("'f' appears twice");
        assertThatThrownBy(() -> UserFeatures.of(List.of("a"), List.of("f"), List.of(SparseVector.empty(2))))
                .hasMessageContaining("dimension 2");
    }
}
