package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.pipeline.EncodedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every model over token id sequences ({@link RnnTrainer}, {@link AttentionTrainer}) must do on
 * the synthetic texts of {@link Dl4jTexts}, whose answers are known by construction. Each subclass
 * names its trainers and reader; the model is trained once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenSequenceTrainerContract<M extends TokenSequenceModel> {

  // few large minibatches and a fast learning rate keep the tests quick
  static final TrainingOptions OPTIONS = new TrainingOptions(7L, 15, 64, 3, TrainingListener.NONE);

  TrainingSet train;
  TrainingSet validation;
  TrainingSet test;
  M model;
  final List<EpochEvent> events = new ArrayList<>();

  /** A small, fast configuration of the trainer under test. */
  abstract TokenSequenceTrainer<M> trainer();

  /** The same small configuration reading at most {@code maxLength} tokens. */
  abstract TokenSequenceTrainer<M> trainerWithMaxLength(int maxLength);

  /** The model's reader ({@code readFrom}). */
  abstract BiFunction<ModelFileReader, String, M> reader();

  /** The model type name. */
  abstract String type();

  @BeforeAll
  void trainOnce() {
    Dl4jTexts.KeywordSplits splits = Dl4jTexts.keywordSplits();
    train = splits.train();
    validation = splits.validation();
    test = splits.test();
    model = trainer().fit(train, validation, OPTIONS.withListener(events::add));
  }

  @Test
  void learnsKeywordClassesAndGeneralizesToNewTexts() {
    Dl4jModelChecks.learnsKeywordClasses(model, test, type());
    assertThat(events).isNotEmpty()
        .allSatisfy(e -> assertThat(e.validationMetricName()).isEqualTo(EarlyStopping.ACCURACY));
  }

  @Test
  void seesWordOrderThatABagOfWordsCannot() {
    // both classes hold the same two keywords, anywhere in the text; only which comes first differs
    TrainingSet ordered = Dl4jTexts.keywordOrder(400, 4, false);
    TrainingSet held = Dl4jTexts.keywordOrder(100, 5, false);
    LinearModel bagOfWords = LinearModelTrainer.builder().build().fit(ordered, null, OPTIONS);
    M orderModel = trainer().fit(ordered, null, OPTIONS.withMaxEpochs(30));

    assertThat(Dl4jTexts.accuracy(bagOfWords.predict(held.inputs()), held.labels())).isLessThan(0.7);
    assertThat(Dl4jTexts.accuracy(orderModel.predict(held.inputs()), held.labels())).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void predictionDoesNotDependOnBatchPadding() {
    Dl4jModelChecks.predictionDoesNotDependOnBatchPadding(model);
  }

  @Test
  void readsAtMostMaxLengthTokens() {
    // with maxLength 4, a keyword at position 6 is never read
    M firstFour = trainerWithMaxLength(4).fit(train, null, OPTIONS.withMaxEpochs(1));
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
    Dl4jModelChecks.sameSeedGivesIdenticalPredictions(options -> trainer().fit(train, validation, options),
        OPTIONS.withMaxEpochs(2), test.inputs());
  }

  @Test
  void multiLabelGivesIndependentSigmoidOutputs() {
    Dl4jModelChecks.learnsKeywordLabelSets(sets -> trainer().fit(sets, null, OPTIONS));
  }

  @Test
  void predictionsFromManyThreadsEqualSingleThreadedOnes() throws Exception {
    assertThat(Dl4jTexts.concurrentMismatches(model, test.inputs().subList(0, 40))).isZero();
  }

  @Test
  void savedModelPredictsIdentically(@TempDir Path dir) {
    M loaded = Dl4jModelChecks.savedModelPredictsIdentically(model, dir, reader(), test.inputs());
    assertThat(loaded.type()).isEqualTo(type());
  }

  @Test
  void rejectsTrainingSetsWithoutTokenIds() {
    TrainingSet noIds = new TrainingSet(train.inputs(), train.labels(), null, 3, null, train.featureDimension(), 0);
    assertThatThrownBy(() -> trainer().fit(noIds, null, OPTIONS))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'vocabularySize' = 0");
  }
}
