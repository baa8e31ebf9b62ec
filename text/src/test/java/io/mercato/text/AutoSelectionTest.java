package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link ModelType#AUTO} chooses, judged only on held-out parts of the training data. */
class AutoSelectionTest {

  private static final String LETTERS = "bcdfghjklmnpqrstvwz";

  /** A made-up word of 5 to 7 letters that (almost surely) never repeats. */
  private static String randomWord(Random random) {
    StringBuilder b = new StringBuilder();
    int length = 5 + random.nextInt(3);
    for (int i = 0; i < length; i++) {
      b.append(i % 2 == 1 ? "aeiou".charAt(random.nextInt(5)) : LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return b.toString();
  }

  /**
   * The label is carried only by a suffix ("...ship" or "...ness") of words that each occur once, so
   * whole words cannot generalize while character n-grams can: AUTO must pick the character n-gram
   * candidate and classify unseen words right.
   */
  private static List<LabeledText> suffixData(int n, long seed) {
    Random random = new Random(seed);
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = i % 2 == 0;
      String text = randomWord(random) + " " + randomWord(random) + (positive ? "ship " : "ness ") + randomWord(random);
      out.add(LabeledText.of(text, positive ? "ship" : "ness"));
    }
    return out;
  }

  @Test
  void characterNgramsAreChosenWhenOnlySubwordsCarryTheLabel() {
    TextClassifier clf = TextClassifier.builder().build().fit(suffixData(300, 1));
    Map<String, String> hyper = clf.provenance().hyperParameters();
    assertThat(hyper.get("auto.choice")).isEqualTo("svm C=1, character n-grams");
    assertThat(hyper.get("auto.validation")).isEqualTo("3-fold cross-validation");
    assertThat(hyper.get("pipeline")).contains("charNgrams=2..5");
    assertThat(clf.evaluate(suffixData(200, 2)).accuracy()).isGreaterThan(0.95);
    Map<String, Double> metrics = clf.provenance().metrics();
    assertThat(metrics.get("validation score svm C=1, character n-grams"))
        .isGreaterThan(metrics.get("validation score svm C=1") + 0.2);
  }

  @Test
  void wholeWordsStayWhenTheyCarryTheLabel() {
    // the label words repeat, so words suffice and the first (simpler) candidate wins ties
    TextClassifier clf = TextClassifier.builder().build().fit(TextData.english(300, 7));
    assertThat(clf.provenance().hyperParameters().get("auto.choice")).isEqualTo("svm C=1");
    assertThat(clf.provenance().hyperParameters().get("pipeline")).contains("charNgrams=0..0");
    // a small problem is within the work budget: the cost grids of the SVM and the logistic loss were scored too
    assertThat(clf.provenance().metrics()).containsKeys("validation score svm C=0.3", "validation score svm C=3.0",
        "validation score ovr logistic C=10.0", "validation score ovr logistic C=100.0");
  }

  @Test
  void thoroughSearchAlsoScoresLogisticRegressionAndFastText() {
    TextClassifier clf = TextClassifier.builder().autoSearch(AutoSearch.THOROUGH).build()
        .fit(TextData.english(300, 8));
    assertThat(clf.provenance().metrics()).containsKeys("validation score logistic C=10.0",
        "validation score fasttext", "validation score nbsvm C=1", "validation score svm C=3.0",
        "validation score svm C=0.3");
    assertThat(clf.provenance().hyperParameters()).containsEntry("autoSearch", "THOROUGH");
  }

  @Test
  void largeDataIsCrossValidatedAndAlsoScoresTheCompactFastTextModelAndItsAverageWithTheSvm() {
    // 10,000 texts: 3-fold cross-validation as on small sets, with the fastText-style candidate and its
    // average with the SVM; every candidate gets every held-out text right, so the early-stopped ones
    // cannot be significantly better and the first candidate stays
    TextClassifier clf = TextClassifier.builder().build().fit(TextData.english(10_000, 9));
    assertThat(clf.provenance().hyperParameters()).containsEntry("auto.validation", "3-fold cross-validation")
        .containsEntry("auto.choice", "svm C=1");
    assertThat(clf.provenance().metrics()).containsEntry("validation score fasttext dim=16", 1.0)
        .containsEntry("validation score svm C=1 + fasttext dim=16", 1.0);
  }

  @Test
  void beyondTheChoiceSampleAutoCrossValidatesOnAStratifiedSample() {
    List<LabeledText> data = suffixData(400, 4);
    TextClassifier clf = TextClassifier.builder().choiceSample(200).build().fit(data);
    Map<String, String> hyper = clf.provenance().hyperParameters();
    assertThat(hyper).containsEntry("auto.validation",
        "3-fold cross-validation on a stratified sample of 200 of 400 texts");
    // the sample is enough to find the candidate that generalizes
    assertThat(hyper.get("auto.choice")).isEqualTo("svm C=1, character n-grams");
    assertThat(clf.evaluate(suffixData(200, 2)).accuracy()).isGreaterThan(0.95);
    // reproducible: the same seed draws the same sample and folds
    TextClassifier again = TextClassifier.builder().choiceSample(200).build().fit(data);
    assertThat(again.provenance().metrics()).isEqualTo(clf.provenance().metrics());
  }

  @Test
  void theChoiceSampleMustHoldTwoTextsPerFold() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextClassifier.builder().choiceSample(5).build())
        .isInstanceOf(io.mercato.core.ConfigurationException.class).hasMessageContaining("choiceSample");
  }

  /** {@code n} held-out decisions, right at the positions {@code where} and wrong elsewhere. */
  private static boolean[] decisions(int n, int... where) {
    boolean[] out = new boolean[n];
    for (int i : where) {
      out[i] = true;
    }
    return out;
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }

  @Test
  void anEarlyStoppedChoiceMustBeSignificantlyBetter() {
    boolean[] base = decisions(100, range(0, 50));
    // right alone on 4 where base is right alone on 1: z = 3 / sqrt(5) = 1.34
    boolean[] slightlyBetter = decisions(100, java.util.stream.IntStream.concat(
        java.util.stream.IntStream.range(0, 49), java.util.stream.IntStream.range(50, 54)).toArray());
    boolean[] muchBetter = decisions(100, range(0, 62));
    boolean[] muchBetterStill = decisions(100, range(0, 65));
    // an unbiased choice wins on a single extra correct decision; an optimistic one needs significance
    assertThat(TextClassifierTrainer.choose(List.of(base, slightlyBetter), new boolean[] {false, false})).isEqualTo(1);
    assertThat(TextClassifierTrainer.choose(List.of(base, slightlyBetter), new boolean[] {false, true})).isEqualTo(0);
    assertThat(TextClassifierTrainer.choose(List.of(base, muchBetter), new boolean[] {false, true})).isEqualTo(1);
    // among significant optimistic choices the most correct; ties keep the earlier
    assertThat(TextClassifierTrainer.choose(List.of(base, muchBetter, muchBetterStill),
        new boolean[] {false, true, true})).isEqualTo(2);
    assertThat(TextClassifierTrainer.choose(List.of(base, base), new boolean[] {false, false})).isEqualTo(0);
    // the comparison is against the best unbiased choice, not the first
    // 62 against the best unbiased 60: z = 2 / sqrt(2) = 1.41 (against base it would be 3.46)
    assertThat(TextClassifierTrainer.choose(List.of(base, decisions(100, range(0, 60)), muchBetter),
        new boolean[] {false, false, true})).isEqualTo(1);
  }

  /**
   * A custom SVM keeps the temperature fitted on the holdout through the refit: on separable data the
   * fitted temperature sharpens the probabilities, so the held-out log loss is below that of the raw
   * margins (temperature 1), while every decision is the same.
   */
  @Test
  void customSvmKeepsItsHoldoutTemperature() {
    List<LabeledText> train = TextData.english(300, 21);
    List<LabeledText> test = TextData.english(100, 22);
    TextClassifier fitted = TextClassifier.builder()
        .model(io.mercato.text.model.LinearSvmTrainer.builder().build()).build().fit(train);
    TextClassifier raw = TextClassifier.builder()
        .model(io.mercato.text.model.LinearSvmTrainer.builder().temperature(1).build()).build().fit(train);
    assertThat(fitted.evaluate(test).accuracy()).isEqualTo(raw.evaluate(test).accuracy()).isEqualTo(1.0);
    assertThat(fitted.evaluate(test).logLoss()).isLessThan(raw.evaluate(test).logLoss() / 2);
  }

  @Test
  void sameSeedSameChoiceAndSameProbabilities() {
    List<LabeledText> data = suffixData(300, 3);
    TextClassifier a = TextClassifier.builder().seed(5).build().fit(data);
    TextClassifier b = TextClassifier.builder().seed(5).build().fit(data);
    String text = "kabeship lomuness";
    assertThat(a.predict(text).probabilities()).isEqualTo(b.predict(text).probabilities());
  }
}
