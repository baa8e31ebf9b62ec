package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.linalg.SparseVector;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.text.model.EnsembleModel;
import io.mercato.text.model.FastTextModelTrainer;
import io.mercato.text.model.LinearModel;
import io.mercato.text.model.LinearSvmTrainer;
import io.mercato.text.model.TextModel;
import io.mercato.text.model.TextModelTrainer;
import io.mercato.text.model.TrainingOptions;
import io.mercato.text.model.TrainingSet;
import io.mercato.text.pipeline.EncodedText;
import io.mercato.text.privacy.PiiMasker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextClassifierTest {

  @TempDir
  Path dir;

  @Test
  void defaultBuilderLearnsEnglishAndChineseWithNoOtherSetting() {
    TextClassifier en = TextClassifier.builder().build().fit(TextData.english(400, 1));
    assertThat(en.evaluate(TextData.english(100, 2)).accuracy()).isEqualTo(1.0);
    assertThat(en.labels()).containsExactly("negative", "positive");

    TextClassifier zh = TextClassifier.builder().build().fit(TextData.chinese(400, 3));
    ClassificationReport report = zh.evaluate(TextData.chinese(100, 4));
    assertThat(report.accuracy()).isEqualTo(1.0);
    assertThat(zh.predict("房间很干净，前台服务很好").label()).isEqualTo("正面");
    assertThat(zh.predict("房间脏乱，很失望").label()).isEqualTo("负面");
  }

  /** On 80 short reviews, ten epochs leave fastText-style probabilities timid; the default epochs do not. */
  @Test
  void fastTextOnTinyDataIsTrainedToConfidentProbabilitiesByDefault() {
    List<LabeledText> train = TextData.chinese(80, 11);
    List<LabeledText> test = TextData.chinese(60, 12);
    TextClassifier byDefault = TextClassifier.builder().modelType(ModelType.FASTTEXT).build().fit(train);
    TextClassifier tenEpochs = TextClassifier.builder().modelType(ModelType.FASTTEXT).maxEpochs(10).build().fit(train);
    assertThat(byDefault.evaluate(test).accuracy()).isEqualTo(1.0);
    double confident = meanTopProbability(byDefault, test);
    assertThat(confident).isGreaterThan(0.85).isGreaterThan(meanTopProbability(tenEpochs, test) + 0.1);
  }

  private static double meanTopProbability(TextClassifier clf, List<LabeledText> test) {
    return clf.predictAll(TextData.texts(test)).stream().mapToDouble(Prediction::probability).average().orElseThrow();
  }

  @Test
  void predictionCarriesTheSortedDistributionAndBatchesAgreeWithSingleCalls() {
    TextClassifier clf = TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(threeClasses(300, 5));
    Prediction p = clf.predict("the order was fast, shipping on time");
    assertThat(p.probabilities().keySet()).containsExactlyInAnyOrder("delivery", "price", "quality");
    List<Double> values = new ArrayList<>(p.probabilities().values());
    assertThat(values).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(values.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(p.label()).isEqualTo("delivery");
    assertThat(p.labels()).containsExactly("delivery");
    assertThat(p.probability()).isEqualTo(values.get(0)).isEqualTo(p.probability("delivery"));
    assertThat(clf.topK("the order was fast, shipping on time", 2)).hasSize(2).containsKey("delivery");

    List<String> texts = TextData.texts(threeClasses(1500, 6)); // large enough for the parallel path
    List<Prediction> batch = clf.predictAll(texts);
    for (int i = 0; i < texts.size(); i += 7) {
      assertThat(batch.get(i).probabilities()).isEqualTo(clf.predict(texts.get(i)).probabilities());
    }
  }

  @Test
  void linearExplanationIsTheExactShareOfEachFeature() {
    TextClassifier clf = TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(TextData.english(200, 7));
    String text = "terrible dress, awful fit";
    Explanation why = clf.explain(text);
    assertThat(why.label()).isEqualTo("negative");
    assertThat(why.method()).isEqualTo(Explanation.Method.EXACT);
    // by hand: x_j * w_(negative, j) for every feature of the encoded text
    LinearModel model = (LinearModel) clf.model();
    EncodedText encoded = clf.pipeline().encode(text);
    SparseVector x = encoded.features();
    int negative = clf.labels().indexOf("negative");
    Map<String, Double> expected = new java.util.HashMap<>();
    double logit = model.bias(negative);
    double other = model.bias(1 - negative);
    for (int k = 0; k < x.size(); k++) {
      expected.put(clf.pipeline().featureName(x.index(k)), x.value(k) * model.weight(x.index(k), negative));
      logit += x.value(k) * model.weight(x.index(k), negative);
      other += x.value(k) * model.weight(x.index(k), 1 - negative);
    }
    assertThat(why.contributions()).hasSize(expected.size());
    for (Explanation.Contribution c : why.contributions()) {
      assertThat(c.weight()).isCloseTo(expected.get(c.term()), within(1e-12));
    }
    assertThat(why.probability()).isCloseTo(1 / (1 + Math.exp(other - logit)), within(1e-9));
    assertThat(why.top(2)).extracting(Explanation.Contribution::term).containsAnyOf("terrible", "awful");
  }

  @Test
  void otherModelsAreExplainedByOcclusion() {
    TextClassifier clf = TextClassifier.builder().modelType(ModelType.FASTTEXT).build().fit(TextData.english(300, 8));
    Explanation why = clf.explain("the shirt was perfect, my size", "positive");
    assertThat(why.method()).isEqualTo(Explanation.Method.OCCLUSION);
    assertThat(why.contributions().get(0).term()).isEqualTo("perfect");
    assertThat(why.contributions().get(0).weight()).isPositive();
    // against the other label the decisive word counts negatively
    Explanation against = clf.explain("the shirt was perfect, my size", "negative");
    assertThat(against.contributions().get(0).term()).isEqualTo("perfect");
    assertThat(against.contributions().get(0).weight()).isNegative();
    assertThatThrownBy(() -> clf.explain("x", "neutral")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("neutral");
  }

  @Test
  void sameSeedSameModel() {
    List<LabeledText> data = threeClasses(300, 9);
    List<String> probe = TextData.texts(threeClasses(30, 10));
    for (ModelType type : new ModelType[] {ModelType.AUTO, ModelType.FASTTEXT}) {
      TextClassifier a = TextClassifier.builder().modelType(type).seed(7).build().fit(data);
      TextClassifier b = TextClassifier.builder().modelType(type).seed(7).build().fit(data);
      assertThat(a.provenance().dataFingerprint()).isEqualTo(b.provenance().dataFingerprint());
      for (String t : probe) {
        assertThat(a.predict(t).probabilities()).isEqualTo(b.predict(t).probabilities());
      }
    }
  }

  /** Trains the average of a linear SVM and a small fastText-style model, as AUTO may choose on large data. */
  private static final class AveragedTrainer implements TextModelTrainer {
    @Override
    public String type() {
      return EnsembleModel.TYPE;
    }

    @Override
    public TextModel fit(TrainingSet train,
        TrainingSet validation, TrainingOptions options) {
      return new EnsembleModel(List.of(
          LinearSvmTrainer.builder().build().fit(train, validation, options),
          FastTextModelTrainer.builder().dimension(8).build().fit(train, validation, options)));
    }

    @Override
    public Map<String, String> hyperParameters() {
      return Map.of("model", EnsembleModel.TYPE);
    }
  }

  @Test
  void anAveragedModelPredictsExplainsAndSavesLikeAnyOther() {
    List<LabeledText> data = threeClasses(300, 13);
    TextClassifier clf = TextClassifier.builder().model(new AveragedTrainer()).build().fit(data);
    assertThat(clf.modelType()).isEqualTo(EnsembleModel.TYPE);
    List<String> texts = TextData.texts(threeClasses(40, 14));
    assertThat(clf.evaluate(threeClasses(40, 14)).accuracy()).isGreaterThan(0.9);
    Path file = dir.resolve("averaged.mercato");
    clf.save(file);
    TextClassifier again = TextClassifier.load(file);
    List<Prediction> batch = again.predictAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(again.predict(texts.get(i)).probabilities()).isEqualTo(clf.predict(texts.get(i)).probabilities());
      assertThat(batch.get(i).probabilities()).isEqualTo(clf.predict(texts.get(i)).probabilities());
    }
    // averaged probabilities have no exact additive decomposition: explained by occlusion
    Explanation why = again.explain(texts.get(0));
    assertThat(why.method()).isEqualTo(Explanation.Method.OCCLUSION);
    assertThat(why.contributions()).isNotEmpty();
  }

  @Test
  void saveAndLoadGiveIdenticalProbabilitiesAndKeepProvenance() {
    List<LabeledText> data = threeClasses(300, 11);
    for (ModelType type : new ModelType[] {ModelType.LINEAR, ModelType.FASTTEXT}) {
      TextClassifier clf = TextClassifier.builder().modelType(type).build().fit(data);
      Path file = dir.resolve(type + ".mercato");
      clf.save(file);
      TextClassifier again = TextClassifier.load(file);
      assertThat(again.labels()).isEqualTo(clf.labels());
      assertThat(again.modelType()).isEqualTo(type.typeName());
      for (String t : TextData.texts(threeClasses(40, 12))) {
        assertThat(again.predict(t).probabilities()).isEqualTo(clf.predict(t).probabilities());
      }
      assertThat(again.provenance()).isEqualTo(clf.provenance());
      assertThat(again.provenance().trainingExamples()).isEqualTo(300);
      assertThat(again.provenance().hyperParameters()).containsEntry("model", type.typeName()).containsKey("seed");
      assertThat(again.provenance().metrics()).containsKeys("validation accuracy", "validation macro-F1");
      assertThat(again.provenance().dataFingerprint()).isNotEmpty();
    }
  }

  @Test
  void oneModelHammeredFromEightThreadsAnswersLikeOneThread() throws Exception {
    List<String> texts = TextData.texts(threeClasses(400, 15));
    for (ModelType type : new ModelType[] {ModelType.LINEAR, ModelType.FASTTEXT}) {
      TextClassifier clf = TextClassifier.builder().modelType(type).build().fit(threeClasses(300, 14));
      List<Map<String, Double>> expected = texts.stream().map(t -> clf.predict(t).probabilities()).toList();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
          int offset = thread * 37;
          results.add(pool.submit(() -> {
            boolean same = true;
            for (int r = 0; r < 3; r++) {
              for (int i = 0; i < texts.size(); i++) {
                int k = (i + offset) % texts.size();
                same &= clf.predict(texts.get(k)).probabilities().equals(expected.get(k));
              }
              List<Prediction> batch = clf.predictAll(texts);
              for (int k = 0; k < texts.size(); k++) {
                same &= batch.get(k).probabilities().equals(expected.get(k));
              }
            }
            return same;
          }));
        }
        for (Future<Boolean> f : results) {
          assertThat(f.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void multiLabelAssignsEveryTagAboveItsThreshold() {
    Random random = new Random(16);
    List<LabeledText> data = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean shipping = random.nextBoolean();
      boolean sale = random.nextBoolean() || !shipping;
      data.add(tagged(shipping, sale, random));
    }
    TextClassifier clf = TextClassifier.builder().multiLabel(true).build().fit(data);
    assertThat(clf.multiLabel()).isTrue();
    assertThat(clf.thresholds()).hasSize(2);
    assertThat(clf.predict("free shipping on the new jacket").labels()).containsExactly("shipping");
    assertThat(Set.copyOf(clf.predict("free shipping and 20% discount sale on the jacket").labels()))
        .containsExactlyInAnyOrder("shipping", "sale");
    Map<String, ClassificationReport> perLabel = clf.evaluatePerLabel(List.of(tagged(true, false, random),
        tagged(false, true, random), tagged(true, true, random)));
    assertThat(perLabel.get("sale").accuracy()).isEqualTo(1.0);
    assertThat(perLabel.get("shipping").accuracy()).isEqualTo(1.0);
    assertThatThrownBy(() -> clf.evaluate(data)).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void balancedClassWeightsFindTheRareClass() {
    // 5% spam; "win" appears in 70% of spam and 20% of ham: without weights P(spam | win) ~ 0.16, never predicted
    List<LabeledText> train = rare(2000, 17);
    List<LabeledText> test = rare(2000, 18);
    TextClassifierTrainer.Builder b = TextClassifier.builder().modelType(ModelType.LINEAR).validationFraction(0);
    double plain = b.build().fit(train).evaluate(test).recall(1);
    double balanced = b.balancedClassWeights(true).build().fit(train).evaluate(test).recall(1);
    assertThat(plain).isLessThan(0.2);
    assertThat(balanced).isGreaterThan(0.5);
  }

  @Test
  void crossValidationEvaluatesEveryFold() {
    List<LabeledText> data = TextData.english(240, 19);
    CrossValidation cv = CrossValidation.run(TextClassifier.builder().modelType(ModelType.LINEAR).build(), data, 3, 1);
    assertThat(cv.folds()).hasSize(3);
    assertThat(cv.folds().stream().mapToInt(ClassificationReport::n).sum()).isEqualTo(240);
    double[] acc = cv.folds().stream().mapToDouble(ClassificationReport::accuracy).toArray();
    double mean = (acc[0] + acc[1] + acc[2]) / 3;
    double std = Math.sqrt(((acc[0] - mean) * (acc[0] - mean) + (acc[1] - mean) * (acc[1] - mean)
        + (acc[2] - mean) * (acc[2] - mean)) / 2);
    assertThat(cv.meanAccuracy()).isCloseTo(mean, within(1e-12)).isGreaterThan(0.95);
    assertThat(cv.stdAccuracy()).isCloseTo(std, within(1e-12));
    // every example is tested exactly once: the folds' supports add up to the class counts (120 each)
    assertThat(cv.folds().stream().mapToInt(r -> r.support(0)).sum()).isEqualTo(120);
  }

  @Test
  void builderAndDataErrorsSayWhatIsWrong() {
    assertThatThrownBy(() -> TextClassifier.builder().validationFraction(0.9).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("validationFraction").hasMessageContaining("0.9");
    assertThatThrownBy(() -> TextClassifier.builder().patience(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("patience");
    assertThatThrownBy(() -> TextClassifier.builder().maxEpochs(-3).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxEpochs").hasMessageContaining("-3");
    TextClassifierTrainer trainer = TextClassifier.builder().build();
    assertThatThrownBy(() -> trainer.fit(List.of())).isInstanceOf(DataException.class);
    assertThatThrownBy(() -> trainer.fit(List.of(LabeledText.of("a", "x"), LabeledText.of("b", "x"))))
        .isInstanceOf(DataException.class).hasMessageContaining("at least 2 distinct labels");
    assertThatThrownBy(() -> trainer.fit(List.of(LabeledText.of("a", "x"), LabeledText.of("b", List.of("x", "y")))))
        .isInstanceOf(DataException.class).hasMessageContaining("example 1").hasMessageContaining("multiLabel");
    TextClassifier clf = trainer.fit(TextData.english(40, 20));
    assertThatThrownBy(() -> clf.evaluate(List.of(LabeledText.of("great", "neutral"))))
        .isInstanceOf(DataException.class).hasMessageContaining("neutral");
  }

  static List<LabeledText> threeClasses(int n, long seed) {
    Random random = new Random(seed);
    String[][] words = {{"shipping", "delivery", "arrived", "fast", "late"}, {"price", "cheap", "expensive", "cost", "discount"},
        {"quality", "fabric", "stitching", "durable", "torn"}};
    String[] labels = {"delivery", "price", "quality"};
    String[] filler = {"the", "order", "was", "on", "time", "my", "it", "really"};
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 4; k++) {
        sb.append(filler[random.nextInt(filler.length)]).append(' ');
      }
      sb.append(words[c][random.nextInt(5)]).append(", ").append(words[c][random.nextInt(5)]);
      out.add(LabeledText.of(sb.toString(), labels[c]));
    }
    return out;
  }

  private static LabeledText tagged(boolean shipping, boolean sale, Random random) {
    String[] items = {"jacket", "dress", "boots", "scarf"};
    StringBuilder sb = new StringBuilder("the new ").append(items[random.nextInt(items.length)]);
    List<String> tags = new ArrayList<>();
    if (shipping) {
      sb.append(random.nextBoolean() ? " free shipping" : " ships free today");
      tags.add("shipping");
    }
    if (sale) {
      sb.append(random.nextBoolean() ? " 20% discount sale" : " sale price");
      tags.add("sale");
    }
    return LabeledText.of(sb.toString(), tags);
  }

  private static List<LabeledText> rare(int n, long seed) {
    Random random = new Random(seed);
    String[] noise = {"hello", "today", "call", "friend", "tonight", "home"};
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean spam = random.nextDouble() < 0.05;
      StringBuilder sb = new StringBuilder();
      if (random.nextDouble() < (spam ? 0.7 : 0.2)) {
        sb.append("win ");
      }
      for (String w : noise) {
        if (random.nextBoolean()) {
          sb.append(w).append(' ');
        }
      }
      out.add(LabeledText.of(sb.toString(), spam ? "spam" : "ham"));
    }
    return out;
  }
}
