package io.mercato.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.DataException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static CsvReader csv(String text) {
        return CsvReader.of(new StringReader(text), "test.csv", ',');
    }

    @Test
    void readsSimpleRecordsWithLineNumbers() {
        try (CsvReader r = csv("id,text\n1,hello\n2,world\n")) {
            assertThat(r.header()).containsExactly("id", "text");
            assertThat(r.column("text")).isEqualTo(1);
            List<CsvRecord> rows = r.readAll();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).line()).isEqualTo(2);
            assertThat(rows.get(1).get("text")).isEqualTo("world");
            assertThat(rows.get(1).get(0)).isEqualTo("2");
            assertThat(rows.get(1).line()).isEqualTo(3);
            assertThat(rows.get(1).source()).isEqualTo("test.csv");
        }
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() {
        String text = "id,text,n\r\n"
                + "1,\"a, b\",3\r\n"
                + "2,\"she said \"\"hi\"\"\",4\r\n"
                + "3,\"two\r\nlines\nthree\",5\r\n"
                + "4,\"\",6\r\n"
                + "5,after,7";
        try (CsvReader r = csv(text)) {
            List<CsvRecord> rows = r.readAll();
            assertThat(rows).extracting(x -> x.get("text"))
                    .containsExactly("a, b", "she said \"hi\"", "two\r\nlines\nthree", "", "after");
            // physical start lines: the multi-line record spans lines 4-6
            assertThat(rows).extracting(CsvRecord::line).containsExactly(2L, 3L, 4L, 7L, 8L);
            assertThat(rows.get(4).get("n")).isEqualTo("7");
        }
    }

    @Test
    void crOnlyLineEndingsAndEmptyFields() {
        try (CsvReader r = csv("a,b,c\r1,,3\r,,\r")) {
            List<CsvRecord> rows = r.readAll();
            assertThat(rows.get(0).values()).containsExactly("1", "", "3");
            assertThat(rows.get(1).values()).containsExactly("", "", "");
            assertThat(rows.get(1).line()).isEqualTo(3);
        }
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        try (CsvReader r = csv("a,b\n\n1,2\n\r\n3,4\n\n")) {
            List<CsvRecord> rows = r.readAll();
            assertThat(rows).extracting(CsvRecord::line).containsExactly(3L, 5L);
        }
    }

    @Test
    void utf8FileWithBomAndTsvByExtension() throws Exception {
        Path f = dir.resolve("reviews.tsv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "label\ttext\npos\t质量很好, 推荐\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        try (CsvReader r = CsvReader.open(f)) {
            assertThat(r.separator()).isEqualTo('\t');
            assertThat(r.header()).containsExactly("label", "text");
            CsvRecord rec = r.iterator().next();
            assertThat(rec.get("text")).isEqualTo("质量很好, 推荐");
            assertThat(rec.source()).isEqualTo(f.toString());
        }
    }

    @Test
    void fileWithoutBomAndCommaByDefault() throws Exception {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "a,b\n1,2\n");
        try (CsvReader r = CsvReader.open(f)) {
            assertThat(r.header()).containsExactly("a", "b");
            assertThat(r.stream().map(x -> x.get("b")).toList()).containsExactly("2");
        }
    }

    @Test
    void headerNamesAreTrimmed() {
        try (CsvReader r = csv(" id , text \n1,x\n")) {
            assertThat(r.header()).containsExactly("id", "text");
        }
    }

    @Test
    void missingHeaderIsReported() {
        assertThatThrownBy(() -> csv("")).isInstanceOf(DataException.class)
                .hasMessage("test.csv, line 1: empty input: a header row is required");
        assertThatThrownBy(() -> csv("\n\n")).isInstanceOf(DataException.class)
                .hasMessageContaining("header row is required");
    }

    @Test
    void duplicateAndEmptyHeaderNamesAreReported() {
        assertThatThrownBy(() -> csv("id,text,id\n1,2,3\n")).isInstanceOf(DataException.class)
                .hasMessage("test.csv, line 1, column 'id': duplicate header name (columns 1 and 3)");
        assertThatThrownBy(() -> csv("id,,x\n")).hasMessage("test.csv, line 1: header column 2 has an empty name");
    }

    @Test
    void raggedRowsAreReportedWithTheirLine() {
        try (CsvReader r = csv("a,b\n1,2\n\"x\ny\",2,3\n")) {
            r.next();
            assertThatThrownBy(r::next).isInstanceOf(DataException.class)
                    .hasMessage("test.csv, line 3: expected 2 fields as in the header but found 3");
        }
        try (CsvReader r = csv("a,b\n1\n")) {
            assertThatThrownBy(r::next).hasMessage("test.csv, line 2: expected 2 fields as in the header but found 1");
        }
    }

    @Test
    void malformedQuotingIsReported() {
        try (CsvReader r = csv("a,b\n1,\"never closed\n2,3\n")) {
            assertThatThrownBy(r::next).isInstanceOf(DataException.class)
                    .hasMessage("test.csv, line 2: quoted field is never closed (opening quote on line 2)");
        }
        try (CsvReader r = csv("a,b\n1,\"x\"y\n")) {
            assertThatThrownBy(r::next).hasMessageStartingWith("test.csv, line 2: unexpected character 'y' after a closing quote");
        }
    }

    @Test
    void quoteInsideUnquotedFieldIsKept() {
        try (CsvReader r = csv("a,b\n1,5\" screen\n")) {
            assertThat(r.next().get("b")).isEqualTo("5\" screen");
        }
    }

    @Test
    void unknownColumnNamesTheColumnsPresent() {
        try (CsvReader r = csv("id,text\n1,x\n")) {
            assertThatThrownBy(() -> r.column("label")).isInstanceOf(DataException.class)
                    .hasMessage("test.csv, line 1, column 'label': no such column; columns present: [id, text]");
            CsvRecord rec = r.next();
            assertThatThrownBy(() -> rec.get("label"))
                    .hasMessage("test.csv, line 2, column 'label': no such column; columns present: [id, text]");
        }
    }

    @Test
    void typedGettersReportBadValues() {
        try (CsvReader r = csv("id,score\n 7 ,2.5\nx,abc\n")) {
            CsvRecord ok = r.next();
            assertThat(ok.getInt("id")).isEqualTo(7);
            assertThat(ok.getLong("id")).isEqualTo(7L);
            assertThat(ok.getDouble("score")).isEqualTo(2.5);
            CsvRecord bad = r.next();
            assertThatThrownBy(() -> bad.getDouble("score"))
                    .hasMessage("test.csv, line 3, column 'score': not a finite number: 'abc'");
            assertThatThrownBy(() -> bad.getInt("id")).hasMessage("test.csv, line 3, column 'id': not a 32-bit integer: 'x'");
            assertThat(bad.error("id", "unknown user").getMessage()).isEqualTo("test.csv, line 3, column 'id': unknown user");
        }
    }

    @Test
    void malformedUtf8AndMissingFileAreReported() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.write(f, new byte[] {'a', '\n', 'o', 'k', '\n', 'x', (byte) 0xC3, '\n'});
        try (CsvReader r = CsvReader.open(f)) {
            assertThat(r.next().get("a")).isEqualTo("ok");
            assertThatThrownBy(r::next).isInstanceOf(DataException.class)
                    .hasMessage(f + ", line 3: not valid UTF-8 (Input length = 1)");
        }
        assertThatThrownBy(() -> CsvReader.open(dir.resolve("nope.csv"))).isInstanceOf(DataException.class)
                .hasMessageEndingWith("nope.csv: file not found");
    }

    @Test
    void iteratesOnceAndLargeInputCrossesBufferBoundaries() {
        StringBuilder sb = new StringBuilder("n,text\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(",\"line ").append(i).append(", with comma\"\n");
        }
        try (CsvReader r = csv(sb.toString())) {
            int count = 0;
            for (CsvRecord rec : r) {
                assertThat(rec.getInt("n")).isEqualTo(count);
                assertThat(rec.line()).isEqualTo(count + 2L);
                count++;
            }
            assertThat(count).isEqualTo(5000);
            assertThatThrownBy(r::iterator).isInstanceOf(IllegalStateException.class);
        }
    }
}
