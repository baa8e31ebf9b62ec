package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.mercato.core.ConfigurationException;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.pipeline.EncodedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CnnTrainerTest {

  // a small network, few large minibatches and a fast learning rate keep the test quick
  private static final TrainingOptions OPTIONS = new TrainingOptions(7L, 15, 64, 3, TrainingListener.NONE);
  private static final CnnTrainer TRAINER = CnnTrainer.builder()
      .embeddingSize(16).filterWidths(2, 3).filters(16).learningRate(0.01).build();

  private static TrainingSet train;
  private static TrainingSet validation;
  private static TrainingSet test;
  private static CnnModel model;
  private static final List<EpochEvent> EVENTS = new ArrayList<>();

  @BeforeAll
  static void trainOnce() {
    Dl4jTexts.KeywordSplits splits = Dl4jTexts.keywordSplits();
    train = splits.train();
    validation = splits.validation();
    test = splits.test();
    model = TRAINER.fit(train, validation, OPTIONS.withListener(EVENTS::add));
  }

  @Test
  void learnsKeywordClassesAndGeneralizesToNewTexts() {
    Dl4jModelChecks.learnsKeywordClasses(model, test, "cnn");
    assertThat(EVENTS).isNotEmpty().allSatisfy(e -> assertThat(e.validationMetricName()).isEqualTo(EarlyStopping.ACCURACY));
  }

  @Test
  void seesWordOrderThatABagOfWordsCannot() {
    // both classes hold the same two keywords; only which comes first differs
    TrainingSet ordered = Dl4jTexts.keywordOrder(300, 4);
    TrainingSet held = Dl4jTexts.keywordOrder(100, 5);
    CnnModel orderModel = TRAINER.fit(ordered, null, OPTIONS);

    assertThat(Dl4jTexts.accuracy(orderModel.predict(held.inputs()), held.labels())).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void predictionDoesNotDependOnBatchPaddingAndStopsAtMaxLength() {
    EncodedText shortText = Dl4jTexts.text(5, Dl4jTexts.FIRST_KEYWORD + 1, 7);
    int[] longIds = new int[40];
    Arrays.fill(longIds, 9);
    EncodedText longText = Dl4jTexts.text(longIds);
    double[] alone = model.predict(List.of(shortText))[0];
    double[] padded = model.predict(List.of(longText, shortText))[1];
    // float32 arithmetic over differently shaped batches: equal up to rounding
    assertThat(padded).containsExactly(alone, offset(1e-5));

    // with maxLength 4, a keyword at position 6 is never read
    CnnModel firstFour = CnnTrainer.builder().embeddingSize(8).filterWidths(2).filters(8).maxLength(4).build()
        .fit(train, null, OPTIONS.withMaxEpochs(1));
    double[] cut = firstFour.predict(List.of(Dl4jTexts.text(3, 4, 5, 6)))[0];
    double[] longer = firstFour.predict(List.of(Dl4jTexts.text(3, 4, 5, 6, 7, 8, Dl4jTexts.FIRST_KEYWORD)))[0];
    assertThat(longer).containsExactly(cut, offset(1e-6));
  }

  @Test
  void emptyTextsAndUnknownIdsStillGetADistribution() {
    EncodedText empty = Dl4jTexts.text();
    EncodedText outOfVocabulary = new EncodedText(Dl4jTexts.text(2).features(), new int[] {999, -3});
    EncodedText unknown = new EncodedText(Dl4jTexts.text(2).features(), new int[] {1, 1});
    double[][] p = model.predict(List.of(empty, outOfVocabulary, unknown));

    assertThat(Arrays.stream(p[0]).sum()).isCloseTo(1.0, offset(1e-5));
    // ids outside the vocabulary read as the unknown id 1
    assertThat(p[1]).containsExactly(p[2], offset(1e-6));
  }

  @Test
  void sameSeedGivesIdenticalPredictionsAndAnotherSeedDoesNot() {
    Dl4jModelChecks.sameSeedGivesIdenticalPredictions(options -> TRAINER.fit(train, validation, options),
        OPTIONS.withMaxEpochs(2), test.inputs());
  }

  @Test
  void multiLabelGivesIndependentSigmoidOutputs() {
    Dl4jModelChecks.learnsKeywordLabelSets(sets -> TRAINER.fit(sets, null, OPTIONS));
  }

  @Test
  void predictionsFromManyThreadsEqualSingleThreadedOnes() throws Exception {
    assertThat(Dl4jTexts.concurrentMismatches(model, test.inputs().subList(0, 40))).isZero();
  }

  @Test
  void savedModelPredictsIdentically(@TempDir Path dir) {
    Dl4jModelChecks.savedModelPredictsIdentically(model, dir, CnnModel::readFrom, test.inputs());
  }

  @Test
  void rejectsTrainingSetsWithoutTokenIds() {
    TrainingSet noIds = new TrainingSet(train.inputs(), train.labels(), null, 3, null, train.featureDimension(), 0);
    assertThatThrownBy(() -> TRAINER.fit(noIds, null, OPTIONS))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'vocabularySize' = 0");
  }

  @Test
  void builderNamesTheBadSettingValueAndRange() {
    assertThatThrownBy(() -> CnnTrainer.builder().filterWidths(3, 3).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'filterWidths' = [3, 3]").hasMessageContaining("distinct");
    assertThatThrownBy(() -> CnnTrainer.builder().filterWidths(3, 17).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("[3, 17]").hasMessageContaining("[1, 16]");
    assertThatThrownBy(() -> CnnTrainer.builder().embeddingSize(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'embeddingSize' = 0").hasMessageContaining("[1, 1024]");
    assertThatThrownBy(() -> CnnTrainer.builder().filters(2000).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'filters' = 2000");
    assertThatThrownBy(() -> CnnTrainer.builder().dropout(-0.1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'dropout' = -0.1");
    assertThatThrownBy(() -> CnnTrainer.builder().maxLength(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxLength' = 0");
    assertThatThrownBy(() -> CnnTrainer.builder().learningRate(2).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'learningRate' = 2.0");
    assertThat(CnnTrainer.builder().build().hyperParameters())
        .containsEntry("filterWidths", "[3, 4, 5]").containsEntry("filters", "64").containsEntry("embeddingSize", "64");
  }
}
