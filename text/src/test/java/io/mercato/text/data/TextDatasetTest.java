package io.mercato.text.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.text.LabeledText;
import io.mercato.text.data.TextDataset.LoadResult;
import io.mercato.text.data.TextDataset.RowPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDatasetTest {

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void loadsQuotedCsvWithBomChosenColumnsAndMultilineTexts() throws IOException {
    Path file = write("reviews.csv", "\uFEFFid,review,sentiment\r\n"
        + "1,\"Great, really \"\"great\"\" dress\",pos\r\n"
        + "2,\"Two\nlines\",neg\r\n"
        + "3,房间很干净,pos\r\n");
    LoadResult r = TextDataset.csv(file).textColumn("review").labelColumn("sentiment").load();
    assertThat(r.rows()).containsExactly(
        LabeledText.of("Great, really \"great\" dress", "pos"),
        LabeledText.of("Two\nlines", "neg"),
        LabeledText.of("房间很干净", "pos"));
    assertThat(r.skippedEmptyText()).isZero();
    assertThat(r.skippedMissingLabel()).isZero();
    assertThat(r.problems()).isEmpty();
    assertThat(r.texts()).hasSize(3);
    assertThat(r.labels()).containsExactly("pos", "neg", "pos");
  }

  @Test
  void tsvIsDetectedByExtension() throws IOException {
    Path file = write("data.tsv", "label\ttext\nspam\tWin, now!\nham\tsee you\n");
    assertThat(TextDataset.csv(file).load().rows())
        .containsExactly(LabeledText.of("Win, now!", "spam"), LabeledText.of("see you", "ham"));
  }

  @Test
  void multiLabelCellsAreSplitTrimmedAndDeduplicated() throws IOException {
    Path file = write("tags.csv", "text,tags\nsummer sale,sale| summer |sale\nnew in,new\n");
    LoadResult r = TextDataset.csv(file).labelColumn("tags").labelSeparator('|').load();
    assertThat(r.rows()).containsExactly(
        new LabeledText("summer sale", List.of("sale", "summer")), LabeledText.of("new in", "new"));
  }

  @Test
  void emptyTextsAndMissingLabelsAreSkippedAndCountedWithTheirLines() throws IOException {
    Path file = write("gaps.csv", "text,label\nok,a\n   ,b\nno label,\nfine,c\n\"\",\n");
    LoadResult r = TextDataset.csv(file).load();
    assertThat(r.rows()).containsExactly(LabeledText.of("ok", "a"), LabeledText.of("fine", "c"));
    assertThat(r.skippedEmptyText()).isEqualTo(2);   // lines 3 and 6
    assertThat(r.skippedMissingLabel()).isEqualTo(1); // line 4
    assertThat(r.problems()).hasSize(3);
    assertThat(r.problems().get(0)).contains("line 3").contains("text").contains("empty text");
    assertThat(r.problems().get(1)).contains("line 4").contains("label").contains("missing label");
    assertThat(r.problems().get(2)).contains("line 6");
  }

  @Test
  void failPoliciesStopAtTheFirstBadRow() throws IOException {
    Path file = write("gaps.csv", "text,label\nok,a\nno label,\n");
    assertThatThrownBy(() -> TextDataset.csv(file).missingLabelPolicy(RowPolicy.FAIL).load())
        .isInstanceOf(DataException.class).hasMessageContaining("gaps.csv").hasMessageContaining("line 3")
        .hasMessageContaining("label");
    Path empty = write("empty.csv", "text,label\n,a\n");
    assertThatThrownBy(() -> TextDataset.csv(empty).emptyTextPolicy(RowPolicy.FAIL).load())
        .isInstanceOf(DataException.class).hasMessageContaining("line 2").hasMessageContaining("empty text");
  }

  @Test
  void malformedCsvAndMissingColumnsFailWithFileAndLine() throws IOException {
    Path ragged = write("ragged.csv", "text,label\nok,a\ntoo,many,fields\n");
    assertThatThrownBy(() -> TextDataset.csv(ragged).load())
        .isInstanceOf(DataException.class).hasMessageContaining("ragged.csv").hasMessageContaining("line 3");
    Path file = write("cols.csv", "body,label\nok,a\n");
    assertThatThrownBy(() -> TextDataset.csv(file).load())
        .isInstanceOf(DataException.class).hasMessageContaining("text").hasMessageContaining("body");
    assertThatThrownBy(() -> TextDataset.csv(dir.resolve("missing.csv")).load())
        .isInstanceOf(DataException.class).hasMessageContaining("missing.csv");
  }

  @Test
  void validatesSettings() throws IOException {
    Path file = write("x.csv", "text,label\na,b\n");
    assertThatThrownBy(() -> TextDataset.csv(file).textColumn("label").load())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("labelColumn");
    assertThatThrownBy(() -> TextDataset.csv(file).labelSeparator(',').load())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("labelSeparator");
    assertThatThrownBy(() -> TextDataset.csv(file).textColumn(" ").load())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("textColumn");
    assertThatThrownBy(() -> TextDataset.csv(file).emptyTextPolicy(null).load())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("emptyTextPolicy");
  }
}
