package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad model file fails with a clear {@link ModelFileException}, never a half-loaded classifier. */
class ModelFileErrorsTest {

  @TempDir
  static Path dir;
  private static byte[] good;

  @BeforeAll
  static void saveOne() throws Exception {
    Path file = dir.resolve("good.mercato");
    TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(TextData.english(60, 1)).save(file);
    good = Files.readAllBytes(file);
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> TextClassifier.load(dir.resolve("absent.mercato")))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("not found");
  }

  @Test
  void truncatedFile() throws Exception {
    Path file = dir.resolve("truncated.mercato");
    Files.write(file, Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("truncated.mercato");
  }

  @Test
  void corruptedByte() throws Exception {
    Path file = dir.resolve("corrupt.mercato");
    byte[] bad = good.clone();
    int middle = bad.length / 2;
    bad[middle] ^= 0x5A;
    bad[middle + 1] ^= 0x5A;
    Files.write(file, bad);
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("corrupt.mercato");
  }

  @Test
  void notAModelFile() throws Exception {
    Path file = dir.resolve("notes.mercato");
    Files.writeString(file, "label,text\npositive,great\n");
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class);
  }

  @Test
  void foreignKind() {
    Path file = dir.resolve("recommender.mercato");
    try (ModelFileWriter w = ModelFileWriter.create(file, "recommender", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      w.putBytes("x", new byte[] {1});
      w.commit();
    }
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("expected a 'text-classifier'");
  }

  @Test
  void newerVersion() {
    Path file = dir.resolve("future.mercato");
    try (ModelFileWriter w = ModelFileWriter.create(file, TextClassifier.KIND, TextClassifier.KIND_VERSION + 1,
        Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      w.putBytes("classifier.bin", new byte[] {1});
      w.commit();
    }
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void missingModelEntry() {
    Path file = dir.resolve("incomplete.mercato");
    try (ModelFileWriter w = ModelFileWriter.create(file, TextClassifier.KIND, TextClassifier.KIND_VERSION,
        Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      w.put("classifier.bin", out -> {
        io.mercato.core.io.BinaryArrays.writeString(out, "linear");
        io.mercato.core.io.BinaryArrays.writeStrings(out, java.util.List.of("a", "b"));
        out.writeBoolean(false);
        io.mercato.core.io.BinaryArrays.writeDoubles(out, new double[0]);
      });
      w.commit();
    }
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("missing entry");
  }

  @Test
  void unknownModelType() {
    Path file = dir.resolve("alien.mercato");
    try (ModelFileWriter w = ModelFileWriter.create(file, TextClassifier.KIND, TextClassifier.KIND_VERSION,
        Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      w.put("classifier.bin", out -> {
        io.mercato.core.io.BinaryArrays.writeString(out, "quantum");
        io.mercato.core.io.BinaryArrays.writeStrings(out, java.util.List.of("a", "b"));
        out.writeBoolean(false);
        io.mercato.core.io.BinaryArrays.writeDoubles(out, new double[0]);
      });
      w.commit();
    }
    assertThatThrownBy(() -> TextClassifier.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("quantum");
  }
}
