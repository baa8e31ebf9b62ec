package io.mercato.text.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Recall per kind and decoy survival of {@link PiiMasker#standard()} on the generated {@link PiiCorpus}. */
class PiiMaskerCorpusTest {

  private static final PiiMasker MASKER = PiiMasker.standard();

  @Test
  void catchesAtLeast995PerMilleOfEveryKind() {
    PiiCorpus corpus = new PiiCorpus(7);
    for (PiiKind kind : PiiKind.values()) {
      List<PiiCorpus.Sample> samples = corpus.pii(kind, 1000);
      List<String> missed = samples.stream()
          .filter(s -> !s.caughtIn(MASKER.mask(s.text()), s.text().replace(s.span(), "")))
          .map(s -> s.text() + " -> " + MASKER.mask(s.text())).limit(5).toList();
      assertThat(PiiCorpus.recall(samples, MASKER::mask)).as("recall of %s, missed e.g. %s", kind, missed)
          .isGreaterThanOrEqualTo(0.995);
    }
  }

  @Test
  void leavesAtLeast995PerMilleOfEveryDecoy() {
    PiiCorpus corpus = new PiiCorpus(11);
    for (String type : PiiCorpus.DECOY_TYPES) {
      List<PiiCorpus.Sample> samples = corpus.decoys(type, 1000);
      List<String> masked = samples.stream().filter(s -> !MASKER.mask(s.text()).contains(s.span()))
          .map(s -> s.text() + " -> " + MASKER.mask(s.text())).limit(5).toList();
      assertThat(PiiCorpus.survival(samples, MASKER::mask)).as("survival of %s, masked e.g. %s", type, masked)
          .isGreaterThanOrEqualTo(0.995);
    }
  }

  @Test
  void noneMasksNothing() {
    PiiCorpus corpus = new PiiCorpus(3);
    for (PiiKind kind : PiiKind.values()) {
      for (PiiCorpus.Sample s : corpus.pii(kind, 20)) {
        assertThat(PiiMasker.none().mask(s.text())).isEqualTo(s.text());
      }
    }
  }
}
