package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.SparseVector;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.pipeline.EncodedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearModelTrainerTest {

  private static EncodedText dense(double... x) {
    int[] idx = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    return new EncodedText(SparseVector.of(x.length, idx, x), new int[0]);
  }

  private static final double[][] X = {{0.5, 1.0}, {1.0, 0.2}, {1.5, -0.5}, {2.0, 1.5}, {-0.5, 0.3}, {-1.0, -1.0},
      {0.2, -0.8}, {-1.5, 0.5}, {0.8, 0.9}, {-0.3, -0.2}, {1.2, -1.1}, {-0.7, 1.4}};

  private static TrainingSet denseSet(int[] y, int classes, double[] weights) {
    List<EncodedText> inputs = new ArrayList<>();
    for (double[] row : X) {
      inputs.add(dense(row));
    }
    return new TrainingSet(inputs, y, null, classes, weights, 2, 2);
  }

  private static final TrainingOptions EXACT = new TrainingOptions(1, 5000, 12, 1, TrainingListener.NONE);

  /**
   * Two dense features, 12 points, not separable. Reference optimum of sum cross-entropy + ||W||^2 / (2C)
   * with C = 1/0.6 (i.e. mean cross-entropy + (0.05/2) ||W||^2), computed with numpy by Newton's method on
   * the equivalent binary logistic regression (w = w1 - w0, penalty 0.05/4 ||w||^2, unpenalized bias);
   * gradient norm at the reference 4e-17. Script: X, y below; theta -= H^-1 g for 100 iterations.
   */
  @Test
  void convergesToTheL2RegularizedOptimumComputedWithNumpy() {
    int[] y = {1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0};
    LinearModel model = LinearModelTrainer.builder().c(1 / 0.6).tolerance(1e-10).build()
        .fit(denseSet(y, 2, null), null, EXACT);

    // numpy: w1 - w0 = [1.64429804, -0.21476327], b1 - b0 = -0.42335493, and w1 = -w0 = [0.82214902, -0.10738164]
    assertThat(model.weight(0, 1) - model.weight(0, 0)).isCloseTo(1.64429804, within(1e-6));
    assertThat(model.weight(1, 1) - model.weight(1, 0)).isCloseTo(-0.21476327, within(1e-6));
    assertThat(model.bias(1) - model.bias(0)).isCloseTo(-0.42335493, within(1e-6));
    assertThat(model.weight(0, 1)).isCloseTo(0.82214902, within(1e-6));
    // numpy: P(class 1) at (0,0), (1,1), (-1,2)
    double[][] p = model.predict(List.of(dense(0, 0), dense(1, 1), dense(-1, 2)));
    assertThat(p[0][1]).isCloseTo(0.39571422, within(1e-6));
    assertThat(p[1][1]).isCloseTo(0.73227187, within(1e-6));
    assertThat(p[2][1]).isCloseTo(0.07605614, within(1e-6));
    assertThat(p[1][0] + p[1][1]).isCloseTo(1.0, within(1e-12));
  }

  /**
   * Three classes on the same points. Reference: scikit-learn 1.2.1 (Debian python3-sklearn),
   * {@code LogisticRegression(C=0.8, tol=1e-12, max_iter=10000, multi_class='multinomial').fit(X, y3)}:
   * {@code coef_}, {@code intercept_} and {@code predict_proba([[0,0],[1,1],[-1,2]])} copied below.
   */
  @Test
  void multinomialOptimumMatchesScikitLearn() {
    int[] y3 = {1, 1, 2, 2, 0, 0, 2, 0, 1, 1, 2, 0};
    LinearModel model = LinearModelTrainer.builder().c(0.8).tolerance(1e-10).build()
        .fit(denseSet(y3, 3, null), null, EXACT);
    double[][] coef = {{-1.1367715375, 0.2226680091}, {0.1636297732, 0.2744998137}, {0.9731417643, -0.4971678228}};
    double[] intercept = {0.0705427292, 0.1841215949, -0.2546643241};
    for (int c = 0; c < 3; c++) {
      assertThat(model.bias(c)).isCloseTo(intercept[c], within(1e-5));
      for (int j = 0; j < 2; j++) {
        assertThat(model.weight(j, c)).isCloseTo(coef[c][j], within(1e-5));
      }
    }
    double[][] p = model.predict(List.of(dense(0, 0), dense(1, 1), dense(-1, 2)));
    double[][] expected = {{0.3517834359, 0.394096031, 0.2541205331}, {0.1214842214, 0.526155276, 0.3523605025},
        {0.7356818942, 0.2490463393, 0.0152717665}};
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(p[i][c]).isCloseTo(expected[i][c], within(1e-5));
      }
    }
  }

  /**
   * Example weights multiply the losses like scikit-learn's {@code sample_weight}: reference from
   * {@code LogisticRegression(C=0.8, tol=1e-12, max_iter=10000, multi_class='multinomial')
   * .fit(X, y3, sample_weight=[0.5]*6 + [2.0]*6)} (its L-BFGS stops ~1e-5 short of the optimum here).
   */
  @Test
  void weightedOptimumMatchesScikitLearnSampleWeights() {
    int[] y3 = {1, 1, 2, 2, 0, 0, 2, 0, 1, 1, 2, 0};
    double[] w = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2, 2, 2, 2, 2, 2};
    LinearModel model = LinearModelTrainer.builder().c(0.8).tolerance(1e-10).build()
        .fit(denseSet(y3, 3, w), null, EXACT);
    double[][] coef = {{-1.1975345225, 0.5779309127}, {0.2596991802, 0.2688788479}, {0.9378353423, -0.8468097606}};
    double[] intercept = {-0.2009750831, 0.3003078863, -0.0993328032};
    for (int c = 0; c < 3; c++) {
      assertThat(model.bias(c)).isCloseTo(intercept[c], within(5e-5));
      for (int j = 0; j < 2; j++) {
        assertThat(model.weight(j, c)).isCloseTo(coef[c][j], within(5e-5));
      }
    }
  }

  /** The optimum is unique: seeds and example order do not change it (up to float rounding of the weights). */
  @Test
  void optimumIsIndependentOfSeedAndExampleOrder() {
    TrainingSet train = Synthetic.blocks(200, 4, 6, new Random(5));
    int[] reversed = new int[train.size()];
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = reversed.length - 1 - i;
    }
    LinearModelTrainer trainer = LinearModelTrainer.builder().c(1).tolerance(1e-9).build();
    LinearModel a = trainer.fit(train, null, EXACT);
    LinearModel b = trainer.fit(train.subset(reversed), null, EXACT.withSeed(77));
    for (int j = 0; j < a.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(a.weight(j, c)).isCloseTo(b.weight(j, c), within(1e-5));
      }
    }
  }

  /**
   * A warm start from the optimum of another C reaches the same (unique) optimum as a cold start, in
   * fewer iterations; the result is still deterministic.
   */
  @Test
  void warmStartReachesTheSameOptimumInFewerIterations() {
    TrainingSet train = Synthetic.blocks(200, 4, 6, new Random(5));
    LinearModel other = LinearModelTrainer.builder().c(0.5).tolerance(1e-9).build().fit(train, null, EXACT);
    LinearModelTrainer trainer = LinearModelTrainer.builder().c(1).tolerance(1e-9).build();
    List<EpochEvent> cold = new ArrayList<>();
    List<EpochEvent> warm = new ArrayList<>();
    LinearModel a = trainer.fit(train, null, EXACT.withListener(cold::add));
    LinearModel b = trainer.fit(train, null, EXACT.withListener(warm::add), other);
    LinearModel again = trainer.fit(train, null, EXACT, other);
    for (int j = 0; j < a.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(b.weight(j, c)).isCloseTo(a.weight(j, c), within(1e-5));
        assertThat(again.weight(j, c)).isEqualTo(b.weight(j, c));
      }
    }
    assertThat(warm.size()).isLessThan(cold.size());
  }

  /** Three classes, each owning a block of 5 sparse features: a separable problem solved exactly. */
  @Test
  void separatesSeparableSparseClassesPerfectly() {
    Random random = new Random(3);
    TrainingSet train = Synthetic.blocks(300, 3, 5, random);
    TrainingSet test = Synthetic.blocks(100, 3, 5, random);
    TextModel model = LinearModelTrainer.builder().build().fit(train, null, TrainingOptions.defaults());
    assertThat(Synthetic.accuracy(model, test)).isEqualTo(1.0);
  }

  @Test
  void sameSeedSameModelAndEventsPerIteration() {
    TrainingSet train = Synthetic.blocks(200, 4, 6, new Random(5));
    TrainingSet validation = Synthetic.blocks(50, 4, 6, new Random(6));
    List<EpochEvent> events = new ArrayList<>();
    TrainingOptions options = new TrainingOptions(9, 8, 10, 2, events::add);
    LinearModel a = LinearModelTrainer.builder().build().fit(train, validation, options);
    LinearModel b = LinearModelTrainer.builder().build().fit(train, validation, options.withListener(TrainingListener.NONE));
    for (int j = 0; j < a.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(a.weight(j, c)).isEqualTo(b.weight(j, c));
      }
    }
    assertThat(events).isNotEmpty().hasSizeLessThanOrEqualTo(8);
    assertThat(events.get(0).epoch()).isEqualTo(1);
    assertThat(events.get(0).validationMetricName()).isEqualTo(EarlyStopping.ACCURACY);
    assertThat(events.get(0).validationMetric()).isBetween(0.0, 1.0);
  }

  @Test
  void contributionsAreFeatureValueTimesClassWeight() {
    TrainingSet train = Synthetic.blocks(100, 3, 4, new Random(8));
    LinearModel model = LinearModelTrainer.builder().build().fit(train, null, TrainingOptions.defaults());
    EncodedText x = new EncodedText(SparseVector.of(12, new int[] {1, 6, 11}, new double[] {0.5, 2.0, -1.0}), new int[0]);
    double[] c = model.contributions(x, 2).orElseThrow();
    assertThat(c).containsExactly(0.5 * model.weight(1, 2), 2.0 * model.weight(6, 2), -1.0 * model.weight(11, 2));
    // contributions plus bias reproduce the class score: softmax of the three scores equals predict
    double[] s = new double[3];
    for (int k = 0; k < 3; k++) {
      s[k] = model.bias(k) + model.contributions(x, k).orElseThrow()[0] + model.contributions(x, k).orElseThrow()[1]
          + model.contributions(x, k).orElseThrow()[2];
    }
    double z = Math.exp(s[0]) + Math.exp(s[1]) + Math.exp(s[2]);
    assertThat(model.predict(List.of(x))[0][2]).isCloseTo(Math.exp(s[2]) / z, within(1e-12));
  }

  /** A rare class (5%) that shares features with the common one: class weights raise its recall. */
  @Test
  void balancedWeightsRaiseRecallOfRareClass() {
    Random random = new Random(11);
    TrainingSet plain = Synthetic.overlapping(1000, 0.05, random);
    TrainingSet test = Synthetic.overlapping(2000, 0.05, new Random(12));
    double[] weights = new double[plain.size()];
    int rare = 0;
    for (int y : plain.labels()) {
      rare += y;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] = plain.labels()[i] == 1 ? plain.size() / (2.0 * rare) : plain.size() / (2.0 * (plain.size() - rare));
    }
    TrainingSet weighted = new TrainingSet(plain.inputs(), plain.labels(), null, 2, weights, plain.featureDimension(), 2);
    TextModel a = LinearModelTrainer.builder().build().fit(plain, null, TrainingOptions.defaults());
    TextModel b = LinearModelTrainer.builder().build().fit(weighted, null, TrainingOptions.defaults());
    assertThat(Synthetic.recall(b, test, 1)).isGreaterThan(Synthetic.recall(a, test, 1) + 0.1);
  }

  @Test
  void multiLabelLearnsIndependentSigmoids() {
    // label 0 present iff feature 0, label 1 iff feature 1; feature 2 is noise present everywhere
    List<EncodedText> inputs = new ArrayList<>();
    List<boolean[]> sets = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean a = (i & 1) == 1;
      boolean b = (i & 2) == 2;
      List<Integer> idx = new ArrayList<>();
      if (a) {
        idx.add(0);
      }
      if (b) {
        idx.add(1);
      }
      idx.add(2);
      double[] v = new double[idx.size()];
      java.util.Arrays.fill(v, 1.0);
      inputs.add(new EncodedText(SparseVector.of(3, idx.stream().mapToInt(Integer::intValue).toArray(), v), new int[0]));
      sets.add(new boolean[] {a, b});
    }
    TrainingSet set = new TrainingSet(inputs, null, sets.toArray(new boolean[0][]), 2, null, 3, 2);
    LinearModel model = LinearModelTrainer.builder().build().fit(set, null, TrainingOptions.defaults());
    assertThat(model.multiLabel()).isTrue();
    double[][] p = model.predict(inputs.subList(0, 4));
    for (int i = 0; i < 4; i++) {
      assertThat(p[i][0] > 0.5).isEqualTo((i & 1) == 1);
      assertThat(p[i][1] > 0.5).isEqualTo((i & 2) == 2);
    }
    assertThat(p[3][0] + p[3][1]).isGreaterThan(1.5); // independent, not a distribution
  }

  @Test
  void builderRejectsBadSettingsByName() {
    assertThatThrownBy(() -> LinearModelTrainer.builder().c(-1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("C").hasMessageContaining("-1");
    assertThatThrownBy(() -> LinearModelTrainer.builder().tolerance(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("tolerance");
  }
}
