package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TextClassifier#save(Path, ModelKey)} / {@link TextClassifier#load(Path, ModelKey)}. */
class EncryptedModelTest {
  private static final ModelKey KEY = ModelKey.generate("text-test");
  private static final List<String> LABELS = List.of("delighted-customer", "furious-customer");
  @TempDir
  static Path dir;
  private static TextClassifier classifier;
  private static Path encrypted;

  @BeforeAll
  static void train() {
    List<LabeledText> data = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      data.add(LabeledText.of("wonderfulness superb item " + i, LABELS.get(0)));
      data.add(LabeledText.of("horrendousness broken item " + i, LABELS.get(1)));
    }
    classifier = TextClassifier.builder().modelType(ModelType.LINEAR).seed(3).build().fit(data);
    encrypted = dir.resolve("secret.mercato");
    classifier.save(encrypted, KEY);
  }

  @Test
  void roundTripsAndPredictsTheSame() {
    TextClassifier back = TextClassifier.load(encrypted, KEY);
    for (String text : List.of("superb wonderfulness", "broken horrendousness", "item")) {
      assertThat(back.predict(text).probabilities()).isEqualTo(classifier.predict(text).probabilities());
    }
  }

  @Test
  void fileHoldsNoLabelOrVocabularyString() throws Exception {
    byte[] bytes = Files.readAllBytes(encrypted);
    String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    for (String s : List.of("delighted-customer", "furious-customer", "wonderfulness", "horrendousness",
        "manifest.json", "text-classifier")) {
      assertThat(latin1).as(s).doesNotContain(s);
    }
    // control: in the clear, at least the entry names and the kind are readable
    Path plain = dir.resolve("plain.mercato");
    classifier.save(plain);
    assertThat(new String(Files.readAllBytes(plain), StandardCharsets.ISO_8859_1)).contains("manifest.json");
  }

  @Test
  void wrongMissingKeyAndTamperingFailClearly() throws Exception {
    assertThatThrownBy(() -> TextClassifier.load(encrypted)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("is encrypted (key id 'text-test')");
    assertThatThrownBy(() -> TextClassifier.load(encrypted, ModelKey.generate("text-test")))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("authentication failed");
    byte[] good = Files.readAllBytes(encrypted);
    Path bad = dir.resolve("bad.mercato");
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(bad, flipped);
    assertThatThrownBy(() -> TextClassifier.load(bad, KEY)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("authentication failed");
    Files.write(bad, Arrays.copyOf(good, good.length - 1));
    assertThatThrownBy(() -> TextClassifier.load(bad, KEY)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("bad.mercato");
  }
}
