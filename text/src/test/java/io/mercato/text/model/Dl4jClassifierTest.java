package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.TextClassifierTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DL4J models behind the public entry point: chosen by {@link ModelType}, trained through the
 * real text pipeline, saved and loaded through {@link TextModels}.
 */
class Dl4jClassifierTest {

  private static final List<String> POSITIVE = List.of("great", "love", "perfect");
  private static final List<String> NEGATIVE = List.of("terrible", "awful", "broken");
  private static final List<String> FILLER = List.of("the", "dress", "shirt", "fit", "color", "size", "order", "it");

  /** Reviews whose label is decided by one or two sentiment words among filler words. */
  private static List<LabeledText> reviews(int n, long seed) {
    Random random = new Random(seed);
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = i % 2 == 0;
      List<String> words = new ArrayList<>();
      for (int k = 0; k < 3 + random.nextInt(4); k++) {
        words.add(FILLER.get(random.nextInt(FILLER.size())));
      }
      List<String> own = positive ? POSITIVE : NEGATIVE;
      words.add(own.get(random.nextInt(own.size())));
      Collections.shuffle(words, random);
      out.add(LabeledText.of(String.join(" ", words), positive ? "positive" : "negative"));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = ModelType.class, names = {"MLP", "CNN"})
  void trainsThroughTheClassifierAndSurvivesSaveAndLoad(ModelType type, @TempDir Path dir) {
    TextClassifierTrainer trainer = TextClassifier.builder().modelType(type).seed(3).maxEpochs(15).build();
    TextClassifier clf = trainer.fit(reviews(200, 1));
    List<LabeledText> held = reviews(100, 2);

    assertThat(clf.modelType()).isEqualTo(type.typeName());
    assertThat(clf.evaluate(held).accuracy()).isGreaterThanOrEqualTo(0.95);

    Path file = dir.resolve(type.typeName() + ".mercato");
    clf.save(file);
    TextClassifier loaded = TextClassifier.load(file);
    List<String> texts = held.stream().map(LabeledText::text).toList();
    List<Prediction> before = clf.predictAll(texts);
    List<Prediction> after = loaded.predictAll(texts);
    assertThat(loaded.model()).isInstanceOf(type == ModelType.MLP ? MlpModel.class : CnnModel.class);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(after.get(i).probabilities()).isEqualTo(before.get(i).probabilities());
    }
  }

  /**
   * A DL4J network is kept as it stopped early on the holdout (not trained a second time on all the
   * data, which would nearly double the fit); the fastText-style model is retrained on everything.
   */
  @Test
  void keepsTheEarlyStoppedNetworkButRetrainsTheCheapModel() {
    List<LabeledText> data = reviews(200, 1);
    TextClassifier mlp = TextClassifier.builder().modelType(ModelType.MLP).seed(3).maxEpochs(15)
        .validationFraction(0.25).build().fit(data);
    TextClassifier fastText = TextClassifier.builder().modelType(ModelType.FASTTEXT).seed(3).maxEpochs(15)
        .validationFraction(0.25).build().fit(data);

    // 25% of 200 held out (stratified, 25 of each label): the network saw the other 150
    assertThat(mlp.provenance().hyperParameters())
        .containsEntry("trainedOn", "150 of 200 texts (early-stopped on the rest, not retrained)");
    assertThat(fastText.provenance().hyperParameters()).doesNotContainKey("trainedOn");
    assertThat(mlp.provenance().trainingExamples()).isEqualTo(200);
  }
}
