package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.linalg.SparseVector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link LinearModel} exactly: full-batch L-BFGS on the L2-regularized loss
 * {@code sum_i w_i loss_i + ||W||^2 / (2C)} (biases unregularized). With the default logistic loss
 * this is the objective of scikit-learn's {@code LogisticRegression(C=...)} with its multinomial
 * softmax (or one sigmoid per label when multi-label); the squared-hinge loss gives a linear SVM.
 * The optimum does not depend on the seed or the order of the examples, so training is deterministic;
 * it stops when the largest gradient component, relative to the total example weight, falls below
 * {@code tolerance}, or after {@code maxEpochs} iterations (one iteration is two sparse passes over
 * the data, for the scores along the search direction and for the gradient, plus a line search on
 * those precomputed scores).
 *
 * <p>It converges instead of stopping early: with a validation set it reports each iteration's
 * validation accuracy to the listener but returns the optimum; {@code C} is the regularization knob.
 */
public final class LinearModelTrainer implements TextModelTrainer {

  private static final int DEFAULT_ITERATIONS = 500;
  /** Number of correction pairs kept by L-BFGS. */
  private static final int HISTORY = 7;
  private static final double ARMIJO = 1e-4;

  /** The per-example loss the linear model minimizes. */
  public enum Loss {
    /** Cross-entropy of the softmax (or of each label's sigmoid): logistic regression, calibrated probabilities. */
    LOGISTIC,
    /**
     * One-vs-rest squared hinge {@code sum_c max(0, 1 - t_c s_c)^2} with {@code t_c = +-1}: a linear SVM
     * (scikit-learn's {@code LinearSVC}); its probabilities are the softmax of the margins, not calibrated.
     */
    SQUARED_HINGE
  }

  private final Loss loss;
  private final double c;
  private final double tolerance;

  private LinearModelTrainer(Builder b) {
    this.loss = b.loss;
    this.c = b.c;
    this.tolerance = b.tolerance;
  }

  /** A builder with defaults {@code loss = LOGISTIC}, {@code c = 10}, {@code tolerance = 1e-5}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The loss minimized. */
  public Loss loss() {
    return loss;
  }

  /** Inverse L2 strength: the penalty is {@code ||W||^2 / (2C)} against the summed example losses. */
  public double c() {
    return c;
  }

  /** Convergence threshold on the largest gradient component divided by the total example weight. */
  public double tolerance() {
    return tolerance;
  }

  @Override
  public String type() {
    return LinearModel.TYPE;
  }

  @Override
  public boolean stopsEarly() {
    return false;
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", LinearModel.TYPE);
    m.put("loss", loss.name());
    m.put("C", Double.toString(c));
    m.put("tolerance", Double.toString(tolerance));
    m.put("solver", "lbfgs");
    return m;
  }

  @Override
  public LinearModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    int iterations = options.epochsOr(DEFAULT_ITERATIONS);
    Objective objective = new Objective(train, loss, 1.0 / c);
    int size = objective.parameters();
    double[] theta = new double[size];
    double[] grad = new double[size];
    double f = objective.valueAndGradient(theta, grad);
    double totalWeight = Math.max(objective.totalWeight, Double.MIN_NORMAL);
    double[][] s = new double[HISTORY][];
    double[][] y = new double[HISTORY][];
    double[] rho = new double[HISTORY];
    double[] alpha = new double[HISTORY];
    int stored = 0;
    int newest = -1;
    double[] direction = new double[size];
    double[] newGrad = new double[size];
    EarlyStopping events = new EarlyStopping(iterations, 1, options.listener());
    options.listener().onStart("linear", iterations);
    for (int it = 1; it <= iterations && maxAbs(grad) / totalWeight > tolerance; it++) {
      // two-loop recursion: direction = -H grad
      for (int k = 0; k < size; k++) {
        direction[k] = -grad[k];
      }
      for (int m = 0; m < stored; m++) {
        int slot = Math.floorMod(newest - m, HISTORY);
        alpha[slot] = rho[slot] * dot(s[slot], direction);
        axpy(-alpha[slot], y[slot], direction);
      }
      if (stored > 0) {
        scale(direction, 1.0 / (rho[newest] * dot(y[newest], y[newest])));
      } else {
        scale(direction, 1.0 / Math.max(1.0, Math.sqrt(dot(grad, grad))));
      }
      for (int m = stored - 1; m >= 0; m--) {
        int slot = Math.floorMod(newest - m, HISTORY);
        double beta = rho[slot] * dot(y[slot], direction);
        axpy(alpha[slot] - beta, s[slot], direction);
      }
      double slope = dot(grad, direction);
      if (slope >= 0) { // not a descent direction (numerical trouble): restart from steepest descent
        stored = 0;
        for (int k = 0; k < size; k++) {
          direction[k] = -grad[k] / Math.max(1.0, Math.sqrt(dot(grad, grad)));
        }
        slope = dot(grad, direction);
      }
      // backtracking (Armijo) line search on scores precomputed along the direction
      objective.prepareLine(theta, direction);
      double step = 1;
      double trial = objective.valueAlongLine(step);
      while (trial > f + ARMIJO * step * slope && step > 1e-12) {
        step *= 0.5;
        trial = objective.valueAlongLine(step);
      }
      if (!(trial < f)) {
        break; // no further decrease possible at double precision
      }
      int slot = (newest + 1) % HISTORY;
      if (s[slot] == null) {
        s[slot] = new double[size];
        y[slot] = new double[size];
      }
      for (int k = 0; k < size; k++) {
        double delta = step * direction[k];
        theta[k] += delta;
        s[slot][k] = delta;
      }
      objective.moveAlongLine(step);
      double newF = objective.valueAndGradientAtKnownScores(theta, newGrad);
      for (int k = 0; k < size; k++) {
        y[slot][k] = newGrad[k] - grad[k];
      }
      double sy = dot(s[slot], y[slot]);
      if (sy > 1e-12 * Math.sqrt(dot(y[slot], y[slot]) * dot(s[slot], s[slot]))) {
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, HISTORY);
      }
      double[] t = grad;
      grad = newGrad;
      newGrad = t;
      f = newF;
      if (validation != null) {
        events.epochDone(it, f / totalWeight, validation, objective.model(theta).predict(validation.inputs()));
      } else {
        events.epochDone(it, f / totalWeight, Double.NaN);
      }
    }
    options.listener().onEnd();
    return objective.model(theta);
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int k = 0; k < x.length; k++) {
      y[k] += a * x[k];
    }
  }

  private static void scale(double[] a, double factor) {
    for (int k = 0; k < a.length; k++) {
      a[k] *= factor;
    }
  }

  /**
   * The regularized loss over parameters {@code theta = [W (feature-major, dim x outputs), b (outputs)]},
   * with the examples flattened into CSR arrays once.
   */
  private static final class Objective {
    private final int dim;
    private final int outputs;
    private final boolean multi;
    private final int n;
    private final int[] rowStart;
    private final int[] cols;
    private final double[] vals;
    private final int[] labels;
    private final boolean[][] labelSets;
    private final double[] weights;
    private final Loss loss;
    private final double penalty;
    private final double totalWeight;
    /** Scores at the line's origin and along its direction, n x outputs each. */
    private final double[] base;
    private final double[] along;
    private double baseNorm;
    private double crossNorm;
    private double directionNorm;
    private final double[] scores;

    Objective(TrainingSet set, Loss loss, double penalty) {
      this.loss = loss;
      this.dim = set.featureDimension();
      this.outputs = set.outputs();
      this.multi = set.multiLabel();
      this.n = set.size();
      this.penalty = penalty;
      this.labels = set.labels();
      this.labelSets = set.labelSets();
      this.weights = new double[n];
      rowStart = new int[n + 1];
      for (int i = 0; i < n; i++) {
        rowStart[i + 1] = rowStart[i] + set.inputs().get(i).features().size();
      }
      cols = new int[rowStart[n]];
      vals = new double[rowStart[n]];
      double total = 0;
      for (int i = 0; i < n; i++) {
        SparseVector x = set.inputs().get(i).features();
        for (int k = 0; k < x.size(); k++) {
          cols[rowStart[i] + k] = x.index(k);
          vals[rowStart[i] + k] = x.value(k);
        }
        weights[i] = set.weight(i);
        total += weights[i];
      }
      this.totalWeight = total;
      this.base = new double[n * outputs];
      this.along = new double[n * outputs];
      this.scores = new double[outputs];
    }

    int parameters() {
      return Math.addExact(Math.multiplyExact(dim, outputs), outputs);
    }

    /** Computes {@code out[i] = b + W x_i} for every example. */
    private void allScores(double[] theta, double[] out) {
      int biasAt = dim * outputs;
      for (int i = 0; i < n; i++) {
        int o = i * outputs;
        System.arraycopy(theta, biasAt, out, o, outputs);
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          int row = cols[k] * outputs;
          double v = vals[k];
          for (int c = 0; c < outputs; c++) {
            out[o + c] += v * theta[row + c];
          }
        }
      }
    }

    private double weightNorm(double[] a, double[] b) {
      double sum = 0;
      int end = dim * outputs;
      for (int k = 0; k < end; k++) {
        sum += a[k] * b[k];
      }
      return sum;
    }

    /** Objective value at {@code theta}; writes its gradient into {@code grad}. */
    double valueAndGradient(double[] theta, double[] grad) {
      allScores(theta, base);
      return valueAndGradientAtKnownScores(theta, grad);
    }

    /** Makes the kept scores those of {@code theta + step * direction} of the last {@link #prepareLine}. */
    void moveAlongLine(double step) {
      for (int k = 0; k < base.length; k++) {
        base[k] += step * along[k];
      }
    }

    /** Like {@link #valueAndGradient} when the kept scores are already those of {@code theta}. */
    double valueAndGradientAtKnownScores(double[] theta, double[] grad) {
      Arrays.fill(grad, 0);
      int biasAt = dim * outputs;
      double loss = 0;
      for (int i = 0; i < n; i++) {
        int o = i * outputs;
        System.arraycopy(base, o, scores, 0, outputs);
        loss += weights[i] * exampleLoss(i, weights[i]);
        for (int c = 0; c < outputs; c++) {
          grad[biasAt + c] += scores[c];
        }
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          int row = cols[k] * outputs;
          double v = vals[k];
          for (int c = 0; c < outputs; c++) {
            grad[row + c] += v * scores[c];
          }
        }
      }
      for (int k = 0; k < biasAt; k++) {
        grad[k] += penalty * theta[k];
      }
      return loss + 0.5 * penalty * weightNorm(theta, theta);
    }

    /**
     * Precomputes the scores along {@code direction} for {@link #valueAlongLine}; {@code theta} must be
     * the point whose scores are kept (by {@link #valueAndGradient} or {@link #moveAlongLine}).
     */
    void prepareLine(double[] theta, double[] direction) {
      allScores(direction, along);
      baseNorm = weightNorm(theta, theta);
      crossNorm = weightNorm(theta, direction);
      directionNorm = weightNorm(direction, direction);
    }

    /** Objective value at {@code theta + step * direction} (scores are linear in the parameters). */
    double valueAlongLine(double step) {
      double loss = 0;
      for (int i = 0; i < n; i++) {
        int o = i * outputs;
        for (int c = 0; c < outputs; c++) {
          scores[c] = base[o + c] + step * along[o + c];
        }
        loss += weights[i] * exampleLoss(i, 1);
      }
      double norm = baseNorm + 2 * step * crossNorm + step * step * directionNorm;
      return loss + 0.5 * penalty * norm;
    }

    /**
     * Loss of example {@code i} for the scores in {@link #scores}, which it replaces by the loss gradient
     * with respect to them times {@code gradientWeight}.
     */
    private double exampleLoss(int i, double gradientWeight) {
      if (loss == Loss.LOGISTIC) {
        return Probabilities.lossGradient(scores, multi ? -1 : labels[i], multi ? labelSets[i] : null, gradientWeight);
      }
      double sum = 0;
      for (int c = 0; c < outputs; c++) {
        double target = (multi ? labelSets[i][c] : labels[i] == c) ? 1 : -1;
        double margin = 1 - target * scores[c];
        if (margin > 0) {
          sum += margin * margin;
          scores[c] = -2 * target * margin * gradientWeight;
        } else {
          scores[c] = 0;
        }
      }
      return sum;
    }

    LinearModel model(double[] theta) {
      int biasAt = dim * outputs;
      float[] w = new float[biasAt];
      for (int k = 0; k < biasAt; k++) {
        w[k] = (float) theta[k];
      }
      float[] b = new float[outputs];
      for (int c = 0; c < outputs; c++) {
        b[c] = (float) theta[biasAt + c];
      }
      return new LinearModel(dim, outputs, multi, w, b);
    }
  }

  /** Validating builder for {@link LinearModelTrainer}. */
  public static final class Builder {
    private Loss loss = Loss.LOGISTIC;
    private double c = 10;
    private double tolerance = 1e-5;

    private Builder() {
    }

    /** The loss (default {@link Loss#LOGISTIC}). */
    public Builder loss(Loss value) {
      this.loss = value;
      return this;
    }

    /** Inverse L2 strength (scikit-learn's {@code C}), in (0, 1e6]; larger fits the training data more closely. */
    public Builder c(double value) {
      this.c = value;
      return this;
    }

    /** Convergence threshold on max |gradient| / total example weight, in [1e-12, 1e-1]. */
    public Builder tolerance(double value) {
      this.tolerance = value;
      return this;
    }

    /** Validates and builds. */
    public LinearModelTrainer build() {
      Check.notNull("loss", loss);
      Check.inRange("C", c, Double.MIN_VALUE, 1e6);
      Check.inRange("tolerance", tolerance, 1e-12, 1e-1);
      return new LinearModelTrainer(this);
    }
  }
}
