package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.examples.TestData;
import io.mercato.text.LabeledText;
import io.mercato.text.TextClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code text train --embeddings}: pretrained vectors from the command line, and their errors. */
class TextEmbeddingsCommandTest {
  @TempDir static Path dir;
  static Path csv;
  static Path vectors;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder c = new StringBuilder("review,sentiment\n");
    TreeSet<String> words = new TreeSet<>();
    for (LabeledText row : TestData.separableTexts()) {
      c.append('"').append(row.text()).append("\",").append(row.label()).append('\n');
      for (String w : row.text().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    csv = Files.writeString(dir.resolve("reviews.csv"), c);
    StringBuilder v = new StringBuilder(words.size() + " 4\n");
    Random random = new Random(1);
    for (String w : words) {
      v.append(w);
      for (int k = 0; k < 4; k++) {
        v.append(' ').append(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
      }
      v.append('\n');
    }
    vectors = Files.writeString(dir.resolve("small.vec"), v);
  }

  private static CliRun train(String model, String out, String... extra) {
    String[] base = {"text", "train", "--data", csv.toString(), "--text-column", "review", "--label-column", "sentiment",
        "--model", model, "--out", dir.resolve(out).toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  @Test
  void trainsACnnFromPretrainedVectors() {
    CliRun run = train("cnn", "cnn.mercato", "--embeddings", vectors.toString(), "--freeze-embeddings",
        "--embeddings-max-words", "1000", "--embeddings-vocabulary");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("word vectors of dimension 4 from " + vectors);
    assertThat(run.out()).contains("pretrained vectors for").contains("(100.0%)");
    TextClassifier clf = TextClassifier.load(dir.resolve("cnn.mercato"));
    assertThat(clf.modelType()).isEqualTo("cnn");
    assertThat(clf.provenance().hyperParameters()).containsEntry("embeddingSize", "4")
        .containsEntry("embeddingsTrainable", "false");
  }

  @Test
  void vectorsWithAModelWithoutAnEmbeddingLayerIsAOneLineError() {
    for (String model : new String[] {"linear", "mlp", "fasttext", "auto"}) {
      CliRun run = train(model, "x.mercato", "--embeddings", vectors.toString());
      assertThat(run.exitCode()).as(model).isEqualTo(1);
      assertThat(run.err()).contains("embeddings").contains("model type " + model).doesNotContain("\tat ");
      assertThat(run.err().strip().lines()).hasSize(1);
    }
    CliRun orphan = train("cnn", "x.mercato", "--freeze-embeddings");
    assertThat(orphan.exitCode()).isEqualTo(1);
    assertThat(orphan.err()).contains("need --embeddings FILE");
  }

  @Test
  void aBadVectorFileNamesFileLineAndReason() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.vec"), "2 3\ngreat 1 2 3\nawful 1 2\n");
    CliRun run = train("cnn", "x.mercato", "--embeddings", bad.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("bad.vec, line 3: wrong dimension: word 'awful' has 2 values, expected 3");
    assertThat(run.err().strip().lines()).hasSize(1);
  }
}
