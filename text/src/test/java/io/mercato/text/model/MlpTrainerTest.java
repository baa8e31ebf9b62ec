package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.mercato.core.ConfigurationException;
import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import io.mercato.core.linalg.SparseVector;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.pipeline.EncodedText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTrainerTest {

  // tiny data: few large minibatches and a fast learning rate keep the test quick
  private static final TrainingOptions OPTIONS = new TrainingOptions(7L, 20, 64, 3, TrainingListener.NONE);
  private static final MlpTrainer TRAINER = MlpTrainer.builder().learningRate(0.01).build();

  private static TrainingSet train;
  private static TrainingSet validation;
  private static TrainingSet test;
  private static MlpModel model;

  @BeforeAll
  static void trainOnce() {
    Dl4jTexts.KeywordSplits splits = Dl4jTexts.keywordSplits();
    train = splits.train();
    validation = splits.validation();
    test = splits.test();
    model = TRAINER.fit(train, validation, OPTIONS);
  }

  @Test
  void learnsKeywordClassesAndGeneralizesToNewTexts() {
    Dl4jModelChecks.learnsKeywordClasses(model, test, "mlp");
    assertThat(model.inputWidth()).isEqualTo(Dl4jTexts.VOCABULARY);
  }

  @Test
  void sameSeedGivesIdenticalPredictionsAndAnotherSeedDoesNot() {
    Dl4jModelChecks.sameSeedGivesIdenticalPredictions(options -> TRAINER.fit(train, validation, options),
        OPTIONS.withMaxEpochs(3), test.inputs());
  }

  @Test
  void multiLabelGivesIndependentSigmoidOutputs() {
    MlpModel tagger = Dl4jModelChecks.learnsKeywordLabelSets(sets -> TRAINER.fit(sets, null, OPTIONS));
    // independent outputs: a text with all three keywords gets all three labels (sum well above 1)
    double[] all = tagger.predict(List.of(Dl4jTexts.text(2, Dl4jTexts.FIRST_KEYWORD,
        Dl4jTexts.FIRST_KEYWORD + 1, Dl4jTexts.FIRST_KEYWORD + 2, 3)))[0];
    assertThat(Arrays.stream(all).min().getAsDouble()).isGreaterThan(0.5);
  }

  @Test
  void exampleWeightsMoveTheUninformedPredictionToTheWeightedClassShare() {
    // Every text is the same, 90% of them labelled 0 and 10% labelled 1. Cross-entropy with
    // example weights w is minimized by the constant prediction p(1) = sum of w over class 1 /
    // sum of all w: 0.1 unweighted; 0.5 with balanced weights n / (2 n_c) (0.556 and 5).
    int n = 200;
    List<EncodedText> same = new ArrayList<>();
    int[] labels = new int[n];
    double[] balanced = new double[n];
    for (int i = 0; i < n; i++) {
      same.add(Dl4jTexts.text(2, 3, 4));
      labels[i] = i % 10 == 0 ? 1 : 0;
      balanced[i] = labels[i] == 1 ? n / (2.0 * 20) : n / (2.0 * 180);
    }
    TrainingSet plain = new TrainingSet(same, labels, null, 2, null, Dl4jTexts.VOCABULARY, Dl4jTexts.VOCABULARY);
    TrainingSet weighted = new TrainingSet(same, labels, null, 2, balanced, Dl4jTexts.VOCABULARY, Dl4jTexts.VOCABULARY);
    MlpTrainer trainer = MlpTrainer.builder().dropout(0).learningRate(0.05).build();
    TrainingOptions options = new TrainingOptions(3L, 40, 100, 1, TrainingListener.NONE);

    double plainP1 = trainer.fit(plain, null, options).predict(List.of(same.get(0)))[0][1];
    double weightedP1 = trainer.fit(weighted, null, options).predict(List.of(same.get(0)))[0][1];

    assertThat(plainP1).isCloseTo(0.1, offset(0.03));
    assertThat(weightedP1).isCloseTo(0.5, offset(0.03));
  }

  @Test
  void earlyStoppingReportsEachEpochAndKeepsTheBestValidationEpoch() {
    // random labels: the network can only memorize, so held-out accuracy stops improving and training stops
    TrainingSet noisyTrain = withRandomLabels(Dl4jTexts.keywordClasses(200, 3, 6), 11);
    TrainingSet noisyValidation = withRandomLabels(Dl4jTexts.keywordClasses(100, 3, 7), 12);
    List<EpochEvent> events = new ArrayList<>();
    int maxEpochs = 60;
    int patience = 2;
    MlpModel overfit = MlpTrainer.builder().dropout(0).learningRate(0.02).hiddenLayers(128).build()
        .fit(noisyTrain, noisyValidation, new TrainingOptions(5L, maxEpochs, 50, patience, events::add));

    double bestAccuracy = 0;
    for (int e = 0; e < events.size(); e++) {
      assertThat(events.get(e).epoch()).isEqualTo(e + 1);
      assertThat(events.get(e).validationMetricName()).isEqualTo(EarlyStopping.ACCURACY);
      assertThat(events.get(e).trainLoss()).isPositive();
      bestAccuracy = Math.max(bestAccuracy, events.get(e).validationMetric());
    }
    // stopped early, and the last `patience` epochs did not beat the accuracy reached before them
    assertThat(events.size()).isLessThan(maxEpochs);
    double beforeTail = 0;
    for (int e = 0; e < events.size() - patience; e++) {
      beforeTail = Math.max(beforeTail, events.get(e).validationMetric());
    }
    for (int e = events.size() - patience; e < events.size(); e++) {
      assertThat(events.get(e).validationMetric()).isLessThanOrEqualTo(beforeTail);
    }
    // the returned parameters are those of an epoch with the best held-out accuracy
    assertThat(EarlyStopping.accuracy(noisyValidation, overfit.predict(noisyValidation.inputs())))
        .isEqualTo(bestAccuracy);
  }

  private static TrainingSet withRandomLabels(TrainingSet set, long seed) {
    Random random = new Random(seed);
    int[] labels = new int[set.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(set.outputs());
    }
    return new TrainingSet(set.inputs(), labels, null, set.outputs(), null, set.featureDimension(), set.vocabularySize());
  }

  @Test
  void capsWideInputsToTheMostFrequentFeatures() {
    // document frequencies over dimension 6: feature 0 -> 3, 1 -> 1, 2 -> 2, 3 -> 2, 4 -> 0, 5 -> 3
    List<EncodedText> docs = List.of(
        new EncodedText(SparseVector.of(6, new int[] {0, 2, 5}, new double[] {1, 1, 1}), new int[0]),
        new EncodedText(SparseVector.of(6, new int[] {0, 3, 5}, new double[] {1, 1, 1}), new int[0]),
        new EncodedText(SparseVector.of(6, new int[] {0, 1, 2, 3, 5}, new double[] {1, 1, 1, 1, 1}), new int[0]));
    TrainingSet set = new TrainingSet(docs, new int[] {0, 1, 0}, null, 2, null, 6, 2);

    // top 3 by df: 0 and 5 (3 each), then 2 before 3 (tie at 2 -> lower index)
    assertThat(MlpTrainer.selectInputs(set, 3)).containsExactly(0, 2, 5);
    assertThat(MlpTrainer.selectInputs(set, 6)).isNull();

    // keywords (df ~ n/3) outrank every filler word (df ~ n/5): a 10-wide cap keeps them all
    MlpModel capped = MlpTrainer.builder().learningRate(0.01).maxInputFeatures(10).build().fit(train, validation, OPTIONS);
    assertThat(capped.inputWidth()).isEqualTo(10);
    assertThat(Dl4jTexts.accuracy(capped.predict(test.inputs()), test.labels())).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void predictionsFromManyThreadsEqualSingleThreadedOnes() throws Exception {
    assertThat(Dl4jTexts.concurrentMismatches(model, test.inputs().subList(0, 40))).isZero();
  }

  @Test
  void savedModelPredictsIdentically(@TempDir Path dir) {
    MlpModel loaded = Dl4jModelChecks.savedModelPredictsIdentically(model, dir, MlpModel::readFrom, test.inputs());

    assertThat(loaded.inputWidth()).isEqualTo(model.inputWidth());
  }

  @Test
  void cappedModelSurvivesSaving(@TempDir Path dir) {
    MlpModel capped = MlpTrainer.builder().learningRate(0.01).maxInputFeatures(10).build().fit(train, null, OPTIONS.withMaxEpochs(2));
    MlpModel loaded = Dl4jTexts.saveAndLoad(capped, dir, MlpModel::readFrom);

    assertThat(loaded.inputWidth()).isEqualTo(10);
    assertThat(loaded.predict(test.inputs())).isDeepEqualTo(capped.predict(test.inputs()));
  }

  @Test
  void unreadableOrMismatchedNetworkEntriesFailWithModelFileErrors(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.mercato");
    MlpModel capped = MlpTrainer.builder().maxInputFeatures(10).build().fit(train, null, OPTIONS.withMaxEpochs(1));
    Provenance provenance = Provenance.now("", 0, 0, Map.of(), Map.of());
    try (ModelFileWriter writer = ModelFileWriter.create(good, "test-model", 1, provenance)) {
      model.writeTo(writer, "full/");
      capped.writeTo(writer, "capped/");
      writer.commit();
    }
    Path garbage = dir.resolve("garbage.mercato");
    Path swapped = dir.resolve("swapped.mercato");
    try (ModelFileReader in = ModelFileReader.open(good, "test-model", 1);
         ModelFileWriter g = ModelFileWriter.create(garbage, "test-model", 1, provenance);
         ModelFileWriter s = ModelFileWriter.create(swapped, "test-model", 1, provenance)) {
      g.putBytes("m/mlp.json", in.bytes("full/mlp.json"));
      g.putBytes("m/mlp-network.zip", "not a network".getBytes(StandardCharsets.UTF_8));
      g.commit();
      // the full model's configuration (all 46 features) with the capped model's 10-input network
      s.putBytes("m/mlp.json", in.bytes("full/mlp.json"));
      s.putBytes("m/mlp-network.zip", in.bytes("capped/mlp-network.zip"));
      s.commit();
    }

    try (ModelFileReader in = ModelFileReader.open(garbage, "test-model", 1)) {
      assertThatThrownBy(() -> MlpModel.readFrom(in, "m/"))
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("garbage.mercato").hasMessageContaining("'m/mlp-network.zip' is not a readable DL4J network");
    }
    try (ModelFileReader in = ModelFileReader.open(swapped, "test-model", 1)) {
      assertThatThrownBy(() -> MlpModel.readFrom(in, "m/"))
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("the network has 10 inputs and 3 outputs, its configuration says 46 and 3");
    }
  }

  @Test
  void defaultMinibatchIsAboutOneThirtySecondOfTheDataWithin16To128() {
    assertThat(Dl4jNetworks.defaultBatchSize(100)).isEqualTo(16);   // 100 / 32 = 3 -> at least 16
    assertThat(Dl4jNetworks.defaultBatchSize(2000)).isEqualTo(62);  // 2000 / 32 = 62.5 -> 62
    assertThat(Dl4jNetworks.defaultBatchSize(10_000)).isEqualTo(128); // 312 -> at most 128
  }

  @Test
  void rejectsTextsOfAnotherFeatureDimension() {
    EncodedText wrong = new EncodedText(SparseVector.of(7, new int[] {1}, new double[] {1}), new int[] {2});
    assertThatThrownBy(() -> model.predict(List.of(wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 7").hasMessageContaining("expects " + Dl4jTexts.VOCABULARY);
    assertThat(model.predict(List.of())).isEmpty();
  }

  @Test
  void builderNamesTheBadSettingValueAndRange() {
    assertThatThrownBy(() -> MlpTrainer.builder().dropout(1.0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'dropout' = 1.0").hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> MlpTrainer.builder().hiddenLayers().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'hiddenLayers' = []").hasMessageContaining("1 to 4 layers");
    assertThatThrownBy(() -> MlpTrainer.builder().hiddenLayers(64, 0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("[64, 0]").hasMessageContaining("1 to 4096 units");
    assertThatThrownBy(() -> MlpTrainer.builder().learningRate(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'learningRate' = 0.0").hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> MlpTrainer.builder().maxInputFeatures(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'maxInputFeatures' = 0");
    assertThatThrownBy(() -> MlpTrainer.builder().l2(-1).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'l2' = -1.0");
    assertThat(MlpTrainer.builder().build().hyperParameters())
        .containsEntry("hiddenLayers", "[64, 32]").containsEntry("dropout", "0.5");
  }
}
