package io.mercato.text.model;

import io.mercato.core.Check;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Trains a {@link LinearModel} as logistic regression, exactly: full-batch L-BFGS on the L2-regularized
 * cross-entropy {@code sum_i w_i loss_i + ||W||^2 / (2C)} (biases unregularized), the objective of
 * scikit-learn's {@code LogisticRegression(C=...)} with its multinomial softmax (or one sigmoid per
 * label when multi-label). Its probabilities are calibrated by construction; {@link LinearSvmTrainer}
 * trains a linear SVM much faster.
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
  /**
   * Rows per block of the parallel per-example passes; fixed (not derived from the thread count) so
   * that partial sums, and hence the model, are identical however many threads run.
   */
  private static final int BLOCK_ROWS = 256;
  /** Output ranges the gradient accumulation is split into (each sums all rows in order, so exact). */
  private static final int OUTPUT_RANGES = 4;
  private static final int MIN_OUTPUTS_TO_SPLIT = 16;

  private final double c;
  private final double tolerance;

  private LinearModelTrainer(Builder b) {
    this.c = b.c;
    this.tolerance = b.tolerance;
  }

  /** A builder with defaults {@code c = 10}, {@code tolerance = 1e-5}. */
  public static Builder builder() {
    return new Builder();
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
    m.put("loss", "logistic");
    m.put("C", Double.toString(c));
    m.put("tolerance", Double.toString(tolerance));
    m.put("solver", "lbfgs");
    return m;
  }

  @Override
  public LinearModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    return fit(train, validation, options, null);
  }

  /**
   * Like {@link #fit(TrainingSet, TrainingSet, TrainingOptions)} but starts L-BFGS from {@code start}'s
   * parameters instead of zero (a warm start, e.g. from the solution for another {@code C} or a subset
   * of the data). The objective is strictly convex, so the optimum is the same; only fewer iterations
   * are needed when {@code start} is close to it.
   *
   * @param start a model of the same dimension, outputs and label kind, or null to start from zero
   */
  public LinearModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options, LinearModel start) {
    int iterations = options.epochsOr(DEFAULT_ITERATIONS);
    Objective objective = new Objective(train, 1.0 / c);
    int size = objective.parameters();
    double[] theta = new double[size];
    if (start != null) {
      objective.load(start, theta);
    }
    double[] grad = new double[size];
    double f = objective.valueAndGradient(theta, grad);
    double totalWeight = Math.max(objective.totalWeight, Double.MIN_NORMAL);
    double[][] s = new double[HISTORY][];
    double[][] y = new double[HISTORY][];
    double[] rho = new double[HISTORY];
    double[] alpha = new double[HISTORY];
    int stored = 0;
    int newest = -1;
    double gamma = 1; // s.y / y.y of the newest pair: the initial inverse Hessian scale
    double[] direction = new double[size];
    double[] newGrad = new double[size];
    EarlyStopping events = new EarlyStopping(iterations, 1, options.listener());
    options.listener().onStart("linear", iterations);
    for (int it = 1; it <= iterations && maxAbs(grad) / totalWeight > tolerance; it++) {
      // two-loop recursion: direction = -H grad; each pass over the direction also takes the dot
      // product the next step needs (the same values as separate passes, half the memory traffic)
      for (int k = 0; k < size; k++) {
        direction[k] = -grad[k];
      }
      double slope;
      if (stored > 0) {
        double d = dot(s[newest], direction);
        for (int m = 0; m < stored; m++) {
          int slot = Math.floorMod(newest - m, HISTORY);
          alpha[slot] = rho[slot] * d;
          double[] next = m + 1 < stored ? s[Math.floorMod(newest - m - 1, HISTORY)] : null;
          d = axpyDot(-alpha[slot], y[slot], direction, next);
        }
        d = scaleDot(direction, gamma, y[Math.floorMod(newest - stored + 1, HISTORY)]);
        for (int m = stored - 1; m >= 0; m--) {
          int slot = Math.floorMod(newest - m, HISTORY);
          double beta = rho[slot] * d;
          double[] next = m > 0 ? y[Math.floorMod(newest - m + 1, HISTORY)] : grad;
          d = axpyDot(alpha[slot] - beta, s[slot], direction, next);
        }
        slope = d;
      } else {
        slope = scaleDot(direction, 1.0 / Math.max(1.0, Math.sqrt(dot(grad, grad))), grad);
      }
      if (slope >= 0) { // not a descent direction (numerical trouble): restart from steepest descent
        stored = 0;
        double norm = Math.max(1.0, Math.sqrt(dot(grad, grad)));
        for (int k = 0; k < size; k++) {
          direction[k] = -grad[k] / norm;
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
      double[] sNew = s[slot];
      double[] yNew = y[slot];
      for (int k = 0; k < size; k++) {
        double delta = step * direction[k];
        theta[k] += delta;
        sNew[k] = delta;
      }
      objective.moveAlongLine(step);
      double newF = objective.valueAndGradientAtKnownScores(theta, newGrad);
      for (int k = 0; k < size; k++) {
        yNew[k] = newGrad[k] - grad[k];
      }
      double sy = dot(sNew, yNew);
      double yy = dot(yNew, yNew);
      if (sy > 1e-12 * Math.sqrt(yy * dot(sNew, sNew))) {
        rho[slot] = 1 / sy;
        gamma = sy / yy;
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

  /** Dot product with four independent partial sums (fixed order, so deterministic) for instruction-level parallelism. */
  private static double dot(double[] a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < a.length; k += 4) {
      s0 += a[k] * b[k];
      s1 += a[k + 1] * b[k + 1];
      s2 += a[k + 2] * b[k + 2];
      s3 += a[k + 3] * b[k + 3];
    }
    for (; k < a.length; k++) {
      s0 += a[k] * b[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code y += a * x}, then returns {@code dot(z, y)} (summed as {@link #dot}), or 0 when z is null. */
  private static double axpyDot(double a, double[] x, double[] y, double[] z) {
    if (z == null) {
      for (int k = 0; k < x.length; k++) {
        y[k] += a * x[k];
      }
      return 0;
    }
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < x.length; k += 4) {
      y[k] += a * x[k];
      y[k + 1] += a * x[k + 1];
      y[k + 2] += a * x[k + 2];
      y[k + 3] += a * x[k + 3];
      s0 += z[k] * y[k];
      s1 += z[k + 1] * y[k + 1];
      s2 += z[k + 2] * y[k + 2];
      s3 += z[k + 3] * y[k + 3];
    }
    for (; k < x.length; k++) {
      y[k] += a * x[k];
      s0 += z[k] * y[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code v *= factor}, then returns {@code dot(z, v)}. */
  private static double scaleDot(double[] v, double factor, double[] z) {
    for (int k = 0; k < v.length; k++) {
      v[k] *= factor;
    }
    return dot(z, v);
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
      private final double penalty;
    private final double totalWeight;
    /** Scores at the line's origin and along its direction, n x outputs each. */
    private final double[] base;
    private final double[] along;
    private double baseNorm;
    private double crossNorm;
    private double directionNorm;
    /** Loss gradient with respect to the scores, n x outputs. */
    private final double[] residual;
    private final int rowBlocks;

    Objective(TrainingSet set, double penalty) {
      this.dim = set.featureDimension();
      this.outputs = set.outputs();
      this.multi = set.multiLabel();
      this.n = set.size();
      this.penalty = penalty;
      this.labels = set.labels();
      this.labelSets = set.labelSets();
      this.weights = new double[n];
      SparseRows x = SparseRows.of(set);
      rowStart = x.rowStart;
      cols = x.cols;
      vals = x.vals;
      double total = 0;
      for (int i = 0; i < n; i++) {
        weights[i] = set.weight(i);
        total += weights[i];
      }
      this.totalWeight = total;
      this.base = new double[n * outputs];
      this.along = new double[n * outputs];
      this.residual = new double[n * outputs];
      this.rowBlocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    }

    /**
     * The sum of {@code blockSum} over the row blocks: blocks run in parallel, their sums are added in
     * block order, so the result does not depend on the number of threads.
     */
    private double sumOverBlocks(IntToDoubleFunction blockSum) {
      double[] sums = new double[rowBlocks];
      IntStream.range(0, rowBlocks).parallel().forEach(block -> sums[block] = blockSum.applyAsDouble(block));
      double total = 0;
      for (double v : sums) {
        total += v;
      }
      return total;
    }

    int parameters() {
      return Math.addExact(Math.multiplyExact(dim, outputs), outputs);
    }

    /** Computes {@code out[i] = b + W x_i} for every example (rows in parallel, disjoint writes). */
    private void allScores(double[] theta, double[] out) {
      int biasAt = dim * outputs;
      IntStream.range(0, rowBlocks).parallel().forEach(block -> {
        int end = Math.min(n, (block + 1) * BLOCK_ROWS);
        for (int i = block * BLOCK_ROWS; i < end; i++) {
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
      });
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

    /**
     * Like {@link #valueAndGradient} when the kept scores are already those of {@code theta}. The loss
     * gradients per example are computed over fixed row blocks and the loss summed block by block in
     * order; {@code X^T G} is accumulated over fixed output ranges, each summing the rows in order, so
     * the result does not depend on the number of threads or their scheduling.
     */
    double valueAndGradientAtKnownScores(double[] theta, double[] grad) {
      double loss = sumOverBlocks(block -> {
        double[] scores = new double[outputs];
        int end = Math.min(n, (block + 1) * BLOCK_ROWS);
        double sum = 0;
        for (int i = block * BLOCK_ROWS; i < end; i++) {
          int o = i * outputs;
          System.arraycopy(base, o, scores, 0, outputs);
          sum += weights[i] * exampleLoss(i, scores, weights[i]);
          System.arraycopy(scores, 0, residual, o, outputs);
        }
        return sum;
      });
      int biasAt = dim * outputs;
      // few outputs: too little work per nonzero to split (each range re-reads all the nonzeros)
      int ranges = outputs >= MIN_OUTPUTS_TO_SPLIT ? OUTPUT_RANGES : 1;
      IntStream.range(0, ranges).parallel().forEach(r -> {
        int from = r * outputs / ranges;
        int to = (r + 1) * outputs / ranges;
        if (ranges == 1) {
          Arrays.fill(grad, 0);
        } else {
          for (int j = 0; j <= dim; j++) { // j == dim: the biases
            for (int c = from; c < to; c++) {
              grad[j * outputs + c] = 0;
            }
          }
        }
        for (int i = 0; i < n; i++) {
          int o = i * outputs;
          for (int c = from; c < to; c++) {
            grad[biasAt + c] += residual[o + c];
          }
          for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            int row = cols[k] * outputs;
            double v = vals[k];
            for (int c = from; c < to; c++) {
              grad[row + c] += v * residual[o + c];
            }
          }
        }
      });
      double norm = 0;
      for (int k = 0; k < biasAt; k++) {
        grad[k] += penalty * theta[k];
        norm += theta[k] * theta[k];
      }
      return loss + 0.5 * penalty * norm;
    }

    /**
     * Precomputes the scores along {@code direction} for {@link #valueAlongLine}; {@code theta} must be
     * the point whose scores are kept (by {@link #valueAndGradient} or {@link #moveAlongLine}).
     */
    void prepareLine(double[] theta, double[] direction) {
      allScores(direction, along);
      double bb = 0;
      double bd = 0;
      double dd = 0;
      int end = dim * outputs;
      for (int k = 0; k < end; k++) {
        bb += theta[k] * theta[k];
        bd += theta[k] * direction[k];
        dd += direction[k] * direction[k];
      }
      baseNorm = bb;
      crossNorm = bd;
      directionNorm = dd;
    }

    /** Objective value at {@code theta + step * direction} (scores are linear in the parameters). */
    double valueAlongLine(double step) {
      double loss = sumOverBlocks(block -> {
        double[] scores = new double[outputs];
        int end = Math.min(n, (block + 1) * BLOCK_ROWS);
        double sum = 0;
        for (int i = block * BLOCK_ROWS; i < end; i++) {
          int o = i * outputs;
          for (int c = 0; c < outputs; c++) {
            scores[c] = base[o + c] + step * along[o + c];
          }
          sum += weights[i] * exampleLoss(i, scores, 1);
        }
        return sum;
      });
      double norm = baseNorm + 2 * step * crossNorm + step * step * directionNorm;
      return loss + 0.5 * penalty * norm;
    }

    /**
     * Loss of example {@code i} for {@code scores}, which it replaces by the loss gradient with respect
     * to them times {@code gradientWeight}.
     */
    private double exampleLoss(int i, double[] scores, double gradientWeight) {
      return Probabilities.lossGradient(scores, multi ? -1 : labels[i], multi ? labelSets[i] : null, gradientWeight);
    }

    /** Copies {@code start}'s weights and biases into {@code theta}. */
    void load(LinearModel start, double[] theta) {
      if (start.dimension() != dim || start.outputs() != outputs || start.multiLabel() != multi) {
        throw new IllegalArgumentException("warm start model has dimension " + start.dimension() + ", outputs "
            + start.outputs() + ", multi-label " + start.multiLabel() + " but the data needs " + dim + ", "
            + outputs + ", " + multi);
      }
      int biasAt = dim * outputs;
      for (int j = 0; j < dim; j++) {
        for (int c = 0; c < outputs; c++) {
          theta[j * outputs + c] = start.weight(j, c);
        }
      }
      for (int c = 0; c < outputs; c++) {
        theta[biasAt + c] = start.bias(c);
      }
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
    private double c = 10;
    private double tolerance = 1e-5;

    private Builder() {
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
      Check.inRange("C", c, Double.MIN_VALUE, 1e6);
      Check.inRange("tolerance", tolerance, 1e-12, 1e-1);
      return new LinearModelTrainer(this);
    }
  }
}
