package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.SparseVector;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.pipeline.EncodedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The linear SVM against independent references. Reference values: scikit-learn 1.2.1 (Debian
 * python3-sklearn) {@code LinearSVC(C=0.8, loss='squared_hinge', dual=True, tol=1e-12, max_iter=10**6)},
 * confirmed to 1e-9 by scipy's BFGS on the primal {@code ||[w, b]||^2 / 2 + C sum s_i max(0, 1 - t_i (w.x_i + b))^2}.
 */
class LinearSvmTrainerTest {

  private static final double[][] X = {{0.5, 1.0}, {1.0, 0.2}, {1.5, -0.5}, {2.0, 1.5}, {-0.5, 0.3}, {-1.0, -1.0},
      {0.2, -0.8}, {-1.5, 0.5}, {0.8, 0.9}, {-0.3, -0.2}, {1.2, -1.1}, {-0.7, 1.4}};
  private static final int[] Y2 = {1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0};
  private static final int[] Y3 = {1, 1, 2, 2, 0, 0, 2, 0, 1, 1, 2, 0};
  private static final TrainingOptions OPTIONS = new TrainingOptions(1, 1_000_000, 12, 1, TrainingListener.NONE);
  private static final LinearSvmTrainer EXACT = LinearSvmTrainer.builder().c(0.8).tolerance(1e-12).build();

  private static EncodedText dense(double... x) {
    int[] idx = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    return new EncodedText(SparseVector.of(x.length, idx, x), new int[0]);
  }

  private static TrainingSet set(double[][] x, int[] y, int classes, double[] weights) {
    List<EncodedText> inputs = new ArrayList<>();
    for (double[] row : x) {
      inputs.add(dense(row));
    }
    return new TrainingSet(inputs, y, null, classes, weights, 2, 2);
  }

  @Test
  void oneVersusRestMatchesScikitLearnLinearSvc() {
    LinearModel model = EXACT.fit(set(X, Y3, 3, null), null, OPTIONS);
    double[][] coef = {{-1.2008965931, 0.2371956195}, {0.1207077935, 0.2248059614}, {0.8264446010, -0.5719965459}};
    double[] intercept = {-0.3513435172, -0.3866010340, -0.6092861941};
    for (int c = 0; c < 3; c++) {
      assertThat(model.weight(0, c)).isCloseTo(coef[c][0], within(1e-6));
      assertThat(model.weight(1, c)).isCloseTo(coef[c][1], within(1e-6));
      assertThat(model.bias(c)).isCloseTo(intercept[c], within(1e-6));
    }
  }

  /** Two classes are one problem: class 1 scores m/2 and class 0 -m/2, so P(class 1) = sigmoid(m). */
  @Test
  void twoClassesTrainOneProblemWhoseSigmoidIsTheProbability() {
    LinearModel model = EXACT.fit(set(X, Y2, 2, null), null, OPTIONS);
    double[] w = {0.6775763864, -0.1004140882};
    double b = -0.1702939695;
    assertThat(model.weight(0, 1) - model.weight(0, 0)).isCloseTo(w[0], within(1e-6));
    assertThat(model.weight(1, 1) - model.weight(1, 0)).isCloseTo(w[1], within(1e-6));
    assertThat(model.bias(1) - model.bias(0)).isCloseTo(b, within(1e-6));
    assertThat(model.weight(0, 1)).isCloseTo(-model.weight(0, 0), within(1e-7));
    double margin = w[0] * 1 + w[1] * 2 + b;
    assertThat(model.predict(List.of(dense(1, 2)))[0][1]).isCloseTo(1 / (1 + Math.exp(-margin)), within(1e-6));
  }

  @Test
  void exampleWeightsScaleTheCostLikeSampleWeight() {
    double[] weights = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2, 2, 2, 2, 2, 2};
    LinearModel model = EXACT.fit(set(X, Y2, 2, weights), null, OPTIONS);
    assertThat(model.weight(0, 1) - model.weight(0, 0)).isCloseTo(0.4679939530, within(1e-6));
    assertThat(model.weight(1, 1) - model.weight(1, 0)).isCloseTo(-0.2646070429, within(1e-6));
    assertThat(model.bias(1) - model.bias(0)).isCloseTo(-0.1936056371, within(1e-6));
  }

  /**
   * NBSVM on non-negative features |X|: numpy ratios r = log((p/|p|)/(q/|q|)) with p, q = 1 + the
   * feature sums of the positive and negative examples = [0.16049259, -0.18414852]; LinearSVC on |X| * r,
   * coefficients folded back (coef * r).
   */
  @Test
  void naiveBayesScalingMatchesAnSvmOnScaledFeatures() {
    double[][] absolute = new double[X.length][];
    for (int i = 0; i < X.length; i++) {
      absolute[i] = new double[] {Math.abs(X[i][0]), Math.abs(X[i][1])};
    }
    LinearModel model = LinearSvmTrainer.builder().c(0.8).tolerance(1e-12).naiveBayes(true).build()
        .fit(set(absolute, Y2, 2, null), null, OPTIONS);
    assertThat(model.weight(0, 1) - model.weight(0, 0)).isCloseTo(0.0652451368, within(1e-7));
    assertThat(model.weight(1, 1) - model.weight(1, 0)).isCloseTo(-0.0229649963, within(1e-7));
    assertThat(model.bias(1) - model.bias(0)).isCloseTo(-0.0407821439, within(1e-7));
  }

  /**
   * Temperature minimizing the cross-entropy of softmax(T * scores); reference: scipy
   * {@code minimize_scalar(bounded, xatol=1e-12)} on these five rows gives T = 1.1079026386.
   */
  @Test
  void temperatureMinimizesTheHeldOutCrossEntropy() {
    double[][] scores = {{2.0, 0.5, -1.0}, {0.3, 1.2, -0.4}, {-1.0, 0.2, 1.5}, {1.0, 1.1, 0.9}, {0.0, -2.0, 2.0}};
    int[] labels = {0, 1, 1, 0, 2};
    List<EncodedText> inputs = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      inputs.add(dense(0, 0));
    }
    TrainingSet validation = new TrainingSet(inputs, labels, null, 3, null, 2, 2);
    assertThat(LinearSvmTrainer.fitTemperature(scores, validation)).isCloseTo(1.1079026386, within(1e-6));
  }

  /** The fitted temperature rescales the scores but never changes a decision. */
  @Test
  void calibrationOnValidationKeepsTheDecisions() {
    TrainingSet train = Synthetic.blocks(300, 4, 6, new Random(3));
    TrainingSet validation = Synthetic.blocks(100, 4, 6, new Random(4));
    LinearSvmTrainer trainer = LinearSvmTrainer.builder().c(0.5).build();
    LinearSvmTrainer.Calibrated calibrated = trainer.fitCalibrated(train, validation, OPTIONS);
    LinearModel raw = trainer.withTemperature(1).fit(train, null, OPTIONS);
    double t = calibrated.temperature();
    assertThat(t).isBetween(0.01, 100.0).isNotCloseTo(1.0, within(1e-3));
    for (int j = 0; j < raw.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(calibrated.model().weight(j, c)).isCloseTo(t * raw.weight(j, c), within(1e-4 * (1 + Math.abs(t * raw.weight(j, c)))));
      }
    }
  }

  @Test
  void sameSeedSameModelAndTheOptimumBarelyDependsOnTheSeed() {
    TrainingSet train = Synthetic.blocks(300, 4, 6, new Random(3));
    LinearSvmTrainer trainer = LinearSvmTrainer.builder().c(1).tolerance(1e-8).build();
    LinearModel a = trainer.fit(train, null, OPTIONS);
    LinearModel b = trainer.fit(train, null, OPTIONS);
    LinearModel other = trainer.fit(train, null, OPTIONS.withSeed(99));
    for (int j = 0; j < a.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(a.weight(j, c)).isEqualTo(b.weight(j, c));
        assertThat(a.weight(j, c)).isCloseTo(other.weight(j, c), within(1e-5));
      }
    }
  }

  /** A refit that starts from a subset's dual solution reaches the optimum of a fresh fit on all rows. */
  @Test
  void warmRefitOnASupersetReachesTheFreshOptimum() {
    TrainingSet all = Synthetic.blocks(300, 4, 6, new Random(3));
    int[] rows = new int[200];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = k + 50;
    }
    LinearSvmTrainer trainer = LinearSvmTrainer.builder().c(1).tolerance(1e-9).temperature(2).build();
    LinearModel warm = trainer.fitCalibrated(all.subset(rows), null, OPTIONS).refit(all, rows, OPTIONS);
    LinearModel fresh = trainer.fit(all, null, OPTIONS);
    for (int j = 0; j < fresh.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(warm.weight(j, c)).isCloseTo(fresh.weight(j, c), within(1e-5));
      }
    }
    for (int c = 0; c < 4; c++) {
      assertThat(warm.bias(c)).isCloseTo(fresh.bias(c), within(1e-5));
    }
  }

  /**
   * Logistic loss against scikit-learn 1.2.1 {@code LogisticRegression(solver="liblinear", C=0.8, tol=1e-12)}
   * (one-vs-rest, regularized intercept), the same with {@code dual=True}, and scipy's BFGS on the primal
   * {@code ||[w, b]||^2 / 2 + C sum log(1 + exp(-t_i (w.x_i + b)))} per class: all three agree to 1e-8.
   */
  @Test
  void logisticLossMatchesScikitLearnLiblinear() {
    LinearModel model = LinearSvmTrainer.builder().c(0.8).tolerance(1e-12).logistic(true).build()
        .fit(set(X, Y3, 3, null), null, OPTIONS);
    double[][] coef = {{-1.3520822504, 0.1758395261}, {0.1621832433, 0.2969034153}, {0.9752609573, -0.6435371825}};
    double[] intercept = {-0.3945471848, -0.5517278969, -0.6582096710};
    for (int c = 0; c < 3; c++) {
      assertThat(model.weight(0, c)).isCloseTo(coef[c][0], within(1e-6));
      assertThat(model.weight(1, c)).isCloseTo(coef[c][1], within(1e-6));
      assertThat(model.bias(c)).isCloseTo(intercept[c], within(1e-6));
    }
    LinearModel binary = LinearSvmTrainer.builder().c(0.8).tolerance(1e-12).logistic(true).build()
        .fit(set(X, Y2, 2, null), null, OPTIONS);
    assertThat(binary.weight(0, 1) - binary.weight(0, 0)).isCloseTo(1.06886325, within(1e-6));
    assertThat(binary.weight(1, 1) - binary.weight(1, 0)).isCloseTo(-0.12555589, within(1e-6));
    assertThat(binary.bias(1) - binary.bias(0)).isCloseTo(-0.17603565, within(1e-6));
  }

  /** Every fit of a warm-started cost path reaches the optimum of a cold fit at that cost, for both losses. */
  @Test
  void warmStartedCostPathReachesEachColdOptimum() {
    TrainingSet train = Synthetic.blocks(300, 4, 6, new Random(3));
    double[] costs = {0.1, 1, 10};
    for (boolean logistic : new boolean[] {false, true}) {
      LinearSvmTrainer trainer = LinearSvmTrainer.builder().tolerance(1e-9).temperature(1).logistic(logistic).build();
      List<LinearSvmTrainer.Calibrated> path = trainer.fitPath(costs, train, null, OPTIONS);
      assertThat(path).hasSize(costs.length);
      for (int k = 0; k < costs.length; k++) {
        LinearModel cold = trainer.withC(costs[k]).fit(train, null, OPTIONS);
        LinearModel warm = path.get(k).model();
        for (int j = 0; j < cold.dimension(); j++) {
          for (int c = 0; c < 4; c++) {
            assertThat(warm.weight(j, c)).as("logistic %s, C %s", logistic, costs[k])
                .isCloseTo(cold.weight(j, c), within(1e-4 * (1 + Math.abs(cold.weight(j, c)))));
          }
        }
      }
      // the costs differ enough that the solutions do too (the path is not one model repeated)
      assertThat(Math.abs(path.get(0).model().weight(0, 0) - path.get(2).model().weight(0, 0))).isGreaterThan(1e-3);
    }
  }

  @Test
  void logisticWarmRefitOnASupersetReachesTheFreshOptimum() {
    TrainingSet all = Synthetic.blocks(300, 4, 6, new Random(3));
    int[] rows = new int[200];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = k + 50;
    }
    LinearSvmTrainer trainer = LinearSvmTrainer.builder().c(3).tolerance(1e-9).temperature(1).logistic(true).build();
    LinearModel warm = trainer.fitCalibrated(all.subset(rows), null, OPTIONS).refit(all, rows, OPTIONS);
    LinearModel fresh = trainer.fit(all, null, OPTIONS);
    for (int j = 0; j < fresh.dimension(); j++) {
      for (int c = 0; c < 4; c++) {
        assertThat(warm.weight(j, c)).isCloseTo(fresh.weight(j, c), within(1e-5));
      }
    }
  }

  @Test
  void invalidSettingsAreNamed() {
    assertThatThrownBy(() -> LinearSvmTrainer.builder().c(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("C");
    assertThatThrownBy(() -> LinearSvmTrainer.builder().temperature(1000).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("temperature");
    assertThatThrownBy(() -> LinearSvmTrainer.builder().tolerance(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("tolerance");
  }
}
