package io.mercato.text.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TextPipeline#fitAndEncode(List, List)}: words of pretrained vectors added to the token vocabulary. */
class ExtraVocabularyTest {

  @TempDir
  Path dir;

  private static final TextPipeline PIPELINE = TextPipeline.builder().minTokenCount(2).build();
  private static final List<String> TEXTS = List.of("good shoes", "bad shoes", "good rare");
  private static final List<String> EXTRA = List.of("Bad", "nice", "red shoes", "好", "酒店", "nice", "shoes");

  @Test
  void singleTokenWordsAreAppendedInOrderAndTrainingTextsUseThem() {
    TextPipeline.FittedAndEncoded fe = PIPELINE.fitAndEncode(TEXTS, EXTRA);
    FittedTextPipeline p = fe.pipeline();
    // counted (at least twice, by frequency then token): good, shoes; then the extra words that are one new token:
    // "Bad" normalized to "bad" (counted once, below minTokenCount), "nice", "好"; "red shoes" and "酒店" are
    // several tokens, the second "nice" and "shoes" are known already
    assertThat(p.vocabularySize()).isEqualTo(7);
    assertThat(List.of(p.token(2), p.token(3), p.token(4), p.token(5), p.token(6)))
        .containsExactly("good", "shoes", "bad", "nice", "好");
    // the training texts are encoded with the extended vocabulary, as new texts are
    assertThat(fe.encoded().get(1).tokenIds()).containsExactly(4, 3);
    assertThat(fe.encoded().get(2).tokenIds()).containsExactly(2, 1);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(p.tokenIds(TEXTS.get(i))).containsExactly(fe.encoded().get(i).tokenIds());
    }
    assertThat(p.tokenIds("nice 好 good")).containsExactly(5, 6, 2);
    // without extra words, the same as before
    assertThat(PIPELINE.fitAndEncode(TEXTS, List.of()).pipeline().vocabularySize()).isEqualTo(4);
  }

  @Test
  void theExtendedVocabularyIsSavedWithThePipeline() {
    FittedTextPipeline p = PIPELINE.fitAndEncode(TEXTS, EXTRA).pipeline();
    Path file = dir.resolve("p.mercato");
    try (ModelFileWriter w = ModelFileWriter.create(file, "pipeline-test", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      p.writeTo(w, "p/");
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, "pipeline-test", 1)) {
      FittedTextPipeline again = FittedTextPipeline.readFrom(r, "p/");
      assertThat(again.vocabularySize()).isEqualTo(7);
      assertThat(again.tokenIds("nice 好 bad")).containsExactly(5, 6, 4);
    }
  }
}
