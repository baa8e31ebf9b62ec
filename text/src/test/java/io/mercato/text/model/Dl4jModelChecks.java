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
}
