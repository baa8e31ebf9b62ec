package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mercato.core.io.ModelFileReader;
import io.mercato.text.pipeline.EncodedText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The behaviour both DL4J text models ({@link MlpModel}, {@link CnnModel}) must show on the
 * synthetic texts of {@link Dl4jTexts}, whose answers are known by construction; each test class
 * calls these on its own trained models.
 */
final class Dl4jModelChecks {

  private Dl4jModelChecks() {
  }

  /**
   * A single-label model of the 3 keyword classes: at least 95% held-out accuracy, each row a
   * distribution, and the type and shape it reports.
   */
  static void learnsKeywordClasses(TextModel model, TrainingSet test, String type) {
    double[][] p = model.predict(test.inputs());

    assertThat(Dl4jTexts.accuracy(p, test.labels())).isGreaterThanOrEqualTo(0.95);
    for (double[] row : p) {
      assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, offset(1e-5));
    }
    assertThat(model.type()).isEqualTo(type);
    assertThat(model.outputs()).isEqualTo(3);
    assertThat(model.multiLabel()).isFalse();
  }

  /** Training twice with the same seed gives bit-identical predictions, another seed does not. */
  static void sameSeedGivesIdenticalPredictions(Function<TrainingOptions, TextModel> fit, TrainingOptions options,
      List<EncodedText> texts) {
    double[][] first = fit.apply(options).predict(texts);
    double[][] second = fit.apply(options).predict(texts);
    double[][] otherSeed = fit.apply(options.withSeed(options.seed() + 1)).predict(texts);

    assertThat(second).isDeepEqualTo(first);
    assertThat(otherSeed[0]).isNotEqualTo(first[0]);
  }

  /**
   * Trains on keyword label sets and checks the tagger is multi-label and right on at least 95% of
   * held-out (text, label) pairs.
   *
   * @return the trained tagger, for further checks
   */
  static <M extends TextModel> M learnsKeywordLabelSets(Function<TrainingSet, M> fit) {
    TrainingSet sets = Dl4jTexts.keywordLabelSets(300, 3, 4);
    TrainingSet held = Dl4jTexts.keywordLabelSets(100, 3, 5);
    M tagger = fit.apply(sets);

    assertThat(tagger.multiLabel()).isTrue();
    assertThat(Dl4jTexts.labelAccuracy(tagger.predict(held.inputs()), held.labelSets())).isGreaterThanOrEqualTo(0.95);
    return tagger;
  }

  /**
   * Saves and reloads {@code model} and checks the copy predicts bit-identically with the same shape.
   *
   * @return the reloaded model, for further checks
   */
  static <M extends TextModel> M savedModelPredictsIdentically(M model, Path dir,
      BiFunction<ModelFileReader, String, M> reader, List<EncodedText> texts) {
    M loaded = Dl4jTexts.saveAndLoad(model, dir, reader);

    assertThat(loaded.predict(texts)).isDeepEqualTo(model.predict(texts));
    assertThat(loaded.outputs()).isEqualTo(model.outputs());
    assertThat(loaded.multiLabel()).isEqualTo(model.multiLabel());
    return loaded;
  }

  /**
   * Predicts each of a few texts alone and inside batches padded by longer texts (up to 60 tokens)
   * and checks the rows agree up to float32 rounding of differently shaped batches.
   */
  static void predictionDoesNotDependOnBatchPadding(TextModel model) {
    List<EncodedText> texts = List.of(Dl4jTexts.text(5, Dl4jTexts.FIRST_KEYWORD + 1, 7),
        Dl4jTexts.text(Dl4jTexts.FIRST_KEYWORD), Dl4jTexts.text(3, 4, 5, 6, 7, 8, 9, Dl4jTexts.FIRST_KEYWORD + 2));
    int[] longIds = new int[60];
    for (int i = 0; i < longIds.length; i++) {
      longIds[i] = 2 + i % Dl4jTexts.FILLERS;
    }
    EncodedText longText = Dl4jTexts.text(longIds);
    EncodedText middle = Dl4jTexts.text(Arrays.copyOf(longIds, 20));
    for (EncodedText text : texts) {
      double[] alone = model.predict(List.of(text))[0];
      assertThat(model.predict(List.of(longText, text))[1]).containsExactly(alone, offset(1e-6));
      assertThat(model.predict(List.of(text, middle, longText))[0]).containsExactly(alone, offset(1e-6));
    }
    double[][] together = model.predict(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(together[i]).containsExactly(model.predict(List.of(texts.get(i)))[0], offset(1e-6));
    }
  }
}
