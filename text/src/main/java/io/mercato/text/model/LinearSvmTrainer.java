package io.mercato.text.model;

import io.mercato.core.Check;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a {@link LinearModel} as a linear support vector machine: one-vs-rest L2-regularized
 * squared hinge loss {@code ||w||^2 / 2 + C sum_i w_i max(0, 1 - t_i (w . x_i + b))^2} per class (one
 * problem for two classes; one per label when multi-label), with the bias as a regularized constant
 * feature, the formulation of LIBLINEAR and scikit-learn's {@code LinearSVC}. Solved by dual
 * coordinate descent (Hsieh et al., ICML 2008), which costs one sparse pass per epoch and converges in
 * a few dozen epochs on text: it trains far faster than the exact logistic regression of
 * {@link LinearModelTrainer}, often with the same accuracy on sparse text features.
 *
 * <p>With {@link Builder#logistic(boolean) logistic(true)} the loss is the one-vs-rest logistic loss
 * {@code C sum_i w_i log(1 + exp(-t_i (w . x_i + b)))} instead (LIBLINEAR's and scikit-learn's
 * {@code LogisticRegression(solver="liblinear")}), solved by the dual coordinate descent of Yu, Huang
 * and Lin (Machine Learning 85, 2011) with a safeguarded Newton step per coordinate.
 *
 * <p>{@link #fitPath} fits a grid of costs at once, each fit starting from the previous one's dual
 * variables (a warm start: the same optimum as a cold fit in fewer epochs).
 *
 * <p>Margins are not probabilities. The model's probabilities are the softmax (sigmoids when
 * multi-label) of the margins times a temperature; with a validation set the temperature minimizing
 * the held-out cross-entropy is fitted (it does not change any decision), otherwise the configured one
 * is used. Deterministic: each problem visits the examples in an order drawn from the seed, and the
 * problems are independent, so the thread count does not matter.
 */
public final class LinearSvmTrainer implements TextModelTrainer {

  /** Epoch bound of the coordinate descent unless the training options set one. */
  private static final int DEFAULT_EPOCHS = 1000;
  private static final double MIN_TEMPERATURE = 1e-2;
  private static final double MAX_TEMPERATURE = 1e2;

  private final double c;
  private final double tolerance;
  private final double temperature;
  private final boolean naiveBayes;
  private final boolean logistic;

  private LinearSvmTrainer(Builder b) {
    this.c = b.c;
    this.tolerance = b.tolerance;
    this.temperature = b.temperature;
    this.naiveBayes = b.naiveBayes;
    this.logistic = b.logistic;
  }

  /** A builder with defaults {@code c = 1}, {@code tolerance = 0.01}, temperature fitted on validation data (else 1). */
  public static Builder builder() {
    return new Builder();
  }

  /** Cost of the training loss against the regularizer; larger fits the training data more closely. */
  public double c() {
    return c;
  }

  /** The configured temperature, or NaN when it is fitted on the validation set (1 without one). */
  public double temperature() {
    return temperature;
  }

  /** Whether features are scaled by naive Bayes log-count ratios (NBSVM). */
  public boolean naiveBayes() {
    return naiveBayes;
  }

  /** Whether the loss is the logistic loss (logistic regression) instead of the squared hinge. */
  public boolean logistic() {
    return logistic;
  }

  /** A copy of this trainer with a fixed temperature (e.g. the one fitted on a holdout, for a refit on all data). */
  public LinearSvmTrainer withTemperature(double value) {
    return copy().temperature(value).build();
  }

  /** A copy of this trainer with another cost. */
  public LinearSvmTrainer withC(double value) {
    return copy().c(value).build();
  }

  private Builder copy() {
    return new Builder().c(c).tolerance(tolerance).naiveBayes(naiveBayes).temperature(temperature).logistic(logistic);
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
    m.put("loss", logistic ? "logistic, one-vs-rest" : "squared hinge, one-vs-rest");
    m.put("C", Double.toString(c));
    m.put("tolerance", Double.toString(tolerance));
    m.put("solver", "dual coordinate descent");
    m.put("naiveBayesScaling", Boolean.toString(naiveBayes));
    m.put("temperature", Double.isNaN(temperature) ? "fitted on validation data" : Double.toString(temperature));
    return m;
  }

  @Override
  public LinearModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    return fitCalibrated(train, validation, options).model();
  }

  /**
   * A trained model, the temperature its margins were scaled by, and the solver's final dual variables,
   * from which {@link #refit} on a superset of the training data starts.
   */
  public static final class Calibrated {
    private final LinearSvmTrainer trainer;
    private final LinearModel model;
    private final double temperature;
    private final double[][] duals;

    private Calibrated(LinearSvmTrainer trainer, LinearModel model, double temperature, double[][] duals) {
      this.trainer = trainer;
      this.model = model;
      this.temperature = temperature;
      this.duals = duals;
    }

    /** The trained model. */
    public LinearModel model() {
      return model;
    }

    /** The temperature the margins were multiplied by (fitted on the validation set, or the configured one). */
    public double temperature() {
      return temperature;
    }

    /**
     * Retrains on {@code all} at this temperature, where this model was trained on {@code all.subset(rows)}:
     * the solver starts from this solution's dual variables (zero for the new rows), so it reaches the same
     * optimum as a fresh fit in fewer epochs.
     */
    public LinearModel refit(TrainingSet all, int[] rows, TrainingOptions options) {
      int trained = trainer.logistic ? duals[0].length / 2 : duals[0].length;
      if (rows.length != trained) {
        throw new IllegalArgumentException("refit needs the " + trained + " row indices this model was trained on, got "
            + rows.length);
      }
      if (trainer.logistic) { // new rows start inside (0, C), as in a cold start
        return trainer.withTemperature(temperature).train(all, SparseRows.of(all), null, options, null, rows, duals).model;
      }
      double[][] start = new double[duals.length][all.size()];
      for (int p = 0; p < duals.length; p++) {
        for (int k = 0; k < rows.length; k++) {
          start[p][rows[k]] = duals[p][k];
        }
      }
      return trainer.withTemperature(temperature).train(all, SparseRows.of(all), null, options, start, null, null).model;
    }
  }

  /**
   * Like {@link #fit} but also returns the temperature used, so that a refit on more data can reuse
   * the one fitted on a validation set ({@link #withTemperature}).
   */
  public Calibrated fitCalibrated(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    return train(train, SparseRows.of(train), validation, options, null, null, null);
  }

  /**
   * Fits this trainer at every cost of {@code costs} (this trainer's own cost is ignored), in the given
   * order, each fit warm-started from the previous one's dual variables: the squared hinge's duals stay
   * feasible as they are, the logistic loss's (bounded by the cost) are scaled by the ratio of the costs.
   * Each fit reaches the optimum of a cold fit at its cost (up to the tolerance) in fewer epochs when the
   * costs ascend. The features are flattened once for all of them.
   *
   * @param costs the costs, each in (0, 1e6]; ascending is fastest
   * @return one calibrated fit per cost, in the order of {@code costs}
   */
  public List<Calibrated> fitPath(double[] costs, TrainingSet train, TrainingSet validation, TrainingOptions options) {
    SparseRows x = SparseRows.of(train);
    List<Calibrated> out = new ArrayList<>();
    double[][] start = null;
    double previous = Double.NaN;
    for (double cost : costs) {
      LinearSvmTrainer at = withC(cost);
      if (start != null && logistic) {
        double ratio = cost / previous;
        for (double[] d : start) {
          for (int k = 0; k < d.length; k++) {
            d[k] *= ratio;
          }
        }
      }
      Calibrated fitted = at.train(train, x, validation, options, start, null, null);
      out.add(fitted);
      start = new double[fitted.duals.length][];
      for (int p = 0; p < start.length; p++) {
        start[p] = fitted.duals[p].clone();
      }
      previous = cost;
    }
    return out;
  }

  /**
   * One fit. The solver starts from {@code start} (the dual variables per problem; null for a cold start),
   * or, for the logistic loss, from {@code known} duals of the rows {@code knownRows} with a cold start
   * elsewhere (both null for a cold start).
   */
  private Calibrated train(TrainingSet train, SparseRows x, TrainingSet validation, TrainingOptions options,
      double[][] start, int[] knownRows, double[][] known) {
    int epochs = options.epochsOr(DEFAULT_EPOCHS);
    options.listener().onStart(logistic ? "linear-logistic" : "linear-svm", 1);
    EarlyStopping events = new EarlyStopping(1, 1, options.listener());
    int outputs = train.outputs();
    boolean binary = !train.multiLabel() && outputs == 2;
    int problems = binary ? 1 : outputs;
    double[] costs = new double[x.rows];
    for (int i = 0; i < x.rows; i++) {
      costs[i] = c * train.weight(i);
    }
    double[][] solutions = new double[problems][];
    double[][] duals = new double[problems][];
    double[] objective = new double[problems];
    IntStream.range(0, problems).parallel().forEach(p -> {
      boolean[] positive = new boolean[x.rows];
      int target = binary ? 1 : p;
      for (int i = 0; i < x.rows; i++) {
        positive[i] = train.multiLabel() ? train.labelSets()[i][target] : train.labels()[i] == target;
      }
      SplittableRandom random = new SplittableRandom(options.seed() + 0x9E3779B97F4A7C15L * (p + 1));
      double[] ratios = naiveBayes ? naiveBayesRatios(x, positive, train) : null;
      SparseRows rows = naiveBayes ? x.scaleColumns(ratios) : x;
      double[] w;
      if (logistic) {
        duals[p] = start != null ? start[p].clone() : coldLogisticDuals(costs, knownRows, known == null ? null : known[p]);
        w = solveLogistic(rows, positive, costs, random, epochs, duals[p]);
      } else {
        duals[p] = start == null ? new double[x.rows] : start[p].clone();
        w = solve(rows, positive, costs, random, epochs, duals[p]);
      }
      objective[p] = primalLoss(rows, positive, costs, w, logistic);
      if (naiveBayes) { // scores w . (r * x) = (w * r) . x: fold the ratios into the weights
        for (int j = 0; j < x.dimension; j++) {
          w[j] *= ratios[j];
        }
      }
      solutions[p] = w;
    });
    int dim = x.dimension;
    double t = Double.isNaN(temperature) ? 1 : temperature;
    double[][] margins = null;
    if (validation != null && Double.isNaN(temperature)) {
      LinearModel raw = model(solutions, dim, outputs, binary, train.multiLabel(), 1);
      margins = new double[validation.size()][];
      for (int i = 0; i < margins.length; i++) {
        margins[i] = raw.scores(validation.inputs().get(i).features());
      }
      t = fitTemperature(margins, validation);
    }
    LinearModel model = model(solutions, dim, outputs, binary, train.multiLabel(), t);
    double trainLoss = Arrays.stream(objective).sum() / Math.max(1, x.rows);
    if (validation != null) {
      events.epochDone(1, trainLoss, validation, model.predict(validation.inputs()));
    } else {
      events.epochDone(1, trainLoss, Double.NaN);
    }
    options.listener().onEnd();
    return new Calibrated(this, model, t, duals);
  }

  /**
   * Dual coordinate descent for one binary problem, starting from (and updating) the dual variables
   * {@code alpha} (all zero for a cold start); returns {@code [w (dimension), b]}. Examples whose
   * dual variable sits at its bound with a gradient pointing outwards are set aside (shrinking) and
   * revisited before stopping; it stops when the spread of the projected gradient over a full pass
   * falls below the tolerance (LIBLINEAR's criterion).
   */
  private double[] solve(SparseRows x, boolean[] positive, double[] costs, SplittableRandom random, int epochs,
      double[] alpha) {
    int n = x.rows;
    int dim = x.dimension;
    double[] w = new double[dim + 1];
    int[] order = new int[n];
    double[] squaredNorms = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      squaredNorms[i] = x.squaredNorm(i) + 1; // + the constant bias feature
      if (alpha[i] != 0) { // warm start: w = sum_i alpha_i y_i [x_i, 1]
        double step = positive[i] ? alpha[i] : -alpha[i];
        for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
          w[x.cols[k]] += step * x.vals[k];
        }
        w[dim] += step;
      }
    }
    int active = n;
    double shrinkAbove = Double.POSITIVE_INFINITY;
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = active - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      double maxGradient = Double.NEGATIVE_INFINITY;
      double minGradient = Double.POSITIVE_INFINITY;
      for (int s = 0; s < active; s++) {
        int i = order[s];
        double y = positive[i] ? 1 : -1;
        double diagonal = 0.5 / costs[i];
        double margin = w[dim];
        for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
          margin += w[x.cols[k]] * x.vals[k];
        }
        double gradient = y * margin - 1 + diagonal * alpha[i];
        double projected = gradient;
        if (alpha[i] == 0) {
          if (gradient > shrinkAbove) { // at the bound and likely to stay there: skip until the final check
            active--;
            order[s] = order[active];
            order[active] = i;
            s--;
            continue;
          }
          projected = Math.min(gradient, 0);
        }
        maxGradient = Math.max(maxGradient, projected);
        minGradient = Math.min(minGradient, projected);
        if (Math.abs(projected) > 1e-12) {
          double old = alpha[i];
          alpha[i] = Math.max(old - gradient / (squaredNorms[i] + diagonal), 0);
          double step = (alpha[i] - old) * y;
          for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
            w[x.cols[k]] += step * x.vals[k];
          }
          w[dim] += step;
        }
      }
      if (maxGradient - minGradient <= tolerance) {
        if (active == n) {
          break;
        }
        active = n; // converged on the active set: one more pass over everything to confirm
        shrinkAbove = Double.POSITIVE_INFINITY;
        continue;
      }
      shrinkAbove = maxGradient <= 0 ? Double.POSITIVE_INFINITY : maxGradient;
    }
    return w;
  }

  /**
   * LIBLINEAR's starting point of the logistic dual: {@code alpha_i = min(0.001 C_i, 1e-8)} and its
   * complement {@code C_i - alpha_i} (stored as pairs {@code [2i], [2i + 1]}, so that neither is lost to
   * cancellation near a bound), overwritten by {@code known} duals for the rows {@code knownRows}.
   */
  private static double[] coldLogisticDuals(double[] costs, int[] knownRows, double[] known) {
    double[] alpha = new double[2 * costs.length];
    for (int i = 0; i < costs.length; i++) {
      alpha[2 * i] = Math.min(0.001 * costs[i], 1e-8);
      alpha[2 * i + 1] = costs[i] - alpha[2 * i];
    }
    if (knownRows != null) {
      for (int k = 0; k < knownRows.length; k++) {
        alpha[2 * knownRows[k]] = known[2 * k];
        alpha[2 * knownRows[k] + 1] = known[2 * k + 1];
      }
    }
    return alpha;
  }

  /**
   * Dual coordinate descent for one L2-regularized logistic regression problem (Yu, Huang and Lin 2011,
   * LIBLINEAR's {@code solve_l2r_lr_dual}): each coordinate's one-dimensional subproblem
   * {@code min_z z log z + (C - z) log(C - z) + a (z - alpha)^2 / 2 + s b (z - alpha)} is solved by Newton
   * steps kept inside (0, C), on the smaller of the pair {@code alpha, C - alpha}. Starts from (and
   * updates) {@code alpha} (pairs, see {@link #coldLogisticDuals}); returns {@code [w (dimension), b]}.
   * Stops when the largest inner gradient of a pass is below the tolerance.
   */
  private double[] solveLogistic(SparseRows x, boolean[] positive, double[] costs, SplittableRandom random, int epochs,
      double[] alpha) {
    int n = x.rows;
    int dim = x.dimension;
    double[] w = new double[dim + 1];
    int[] order = new int[n];
    double[] squaredNorms = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      squaredNorms[i] = x.squaredNorm(i) + 1;
      double step = positive[i] ? alpha[2 * i] : -alpha[2 * i];
      for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
        w[x.cols[k]] += step * x.vals[k];
      }
      w[dim] += step;
    }
    double innerTolerance = 1e-2;
    double minInnerTolerance = Math.min(1e-8, tolerance);
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      int newtonSteps = 0;
      double maxGradient = 0;
      for (int s = 0; s < n; s++) {
        int i = order[s];
        double y = positive[i] ? 1 : -1;
        double cost = costs[i];
        double margin = w[dim];
        for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
          margin += w[x.cols[k]] * x.vals[k];
        }
        double a = squaredNorms[i];
        double b = y * margin;
        int first = 2 * i;
        int second = 2 * i + 1;
        double sign = 1;
        if (0.5 * a * (alpha[second] - alpha[first]) + b < 0) {
          first = 2 * i + 1;
          second = 2 * i;
          sign = -1;
        }
        double old = alpha[first];
        double z = old;
        if (cost - z < 0.5 * cost) {
          z *= 0.1;
        }
        double gradient = a * (z - old) + sign * b + Math.log(z / (cost - z));
        maxGradient = Math.max(maxGradient, Math.abs(gradient));
        int inner = 0;
        while (inner < 100 && Math.abs(gradient) >= innerTolerance) {
          double curvature = a + cost / (cost - z) / z;
          double next = z - gradient / curvature;
          z = next <= 0 ? z * 0.1 : next;
          gradient = a * (z - old) + sign * b + Math.log(z / (cost - z));
          newtonSteps++;
          inner++;
        }
        if (inner > 0) {
          alpha[first] = z;
          alpha[second] = cost - z;
          double step = sign * (z - old) * y;
          for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
            w[x.cols[k]] += step * x.vals[k];
          }
          w[dim] += step;
        }
      }
      if (maxGradient < tolerance) {
        break;
      }
      if (newtonSteps <= n / 10) {
        innerTolerance = Math.max(minInnerTolerance, 0.1 * innerTolerance);
      }
    }
    return w;
  }

  /**
   * Naive Bayes log-count ratios {@code r_j = log((p_j / |p|_1) / (q_j / |q|_1))} with {@code p} (q) one
   * plus the weighted feature sums of the positive (negative) examples (Wang and Manning, ACL 2012).
   */
  private static double[] naiveBayesRatios(SparseRows x, boolean[] positive, TrainingSet train) {
    double[] p = new double[x.dimension];
    double[] q = new double[x.dimension];
    Arrays.fill(p, 1);
    Arrays.fill(q, 1);
    for (int i = 0; i < x.rows; i++) {
      double[] sums = positive[i] ? p : q;
      double weight = train.weight(i);
      for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
        sums[x.cols[k]] += weight * x.vals[k];
      }
    }
    double pTotal = Arrays.stream(p).sum();
    double qTotal = Arrays.stream(q).sum();
    double[] r = new double[x.dimension];
    for (int j = 0; j < r.length; j++) {
      r[j] = Math.log((p[j] / pTotal) / (q[j] / qTotal));
    }
    return r;
  }

  /** Summed weighted squared hinge (or logistic) loss of a solution (for the listener's training loss). */
  private static double primalLoss(SparseRows x, boolean[] positive, double[] costs, double[] w, boolean logistic) {
    int dim = x.dimension;
    double sum = 0;
    for (int i = 0; i < x.rows; i++) {
      double margin = w[dim];
      for (int k = x.rowStart[i]; k < x.rowStart[i + 1]; k++) {
        margin += w[x.cols[k]] * x.vals[k];
      }
      double signed = positive[i] ? margin : -margin;
      if (logistic) {
        sum += costs[i] * (signed > 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed)));
      } else {
        double slack = Math.max(0, 1 - signed);
        sum += costs[i] * slack * slack;
      }
    }
    return sum;
  }

  /**
   * The linear model with scores {@code temperature * margin}; for two classes the single problem's
   * margin {@code m} becomes scores {@code (-m/2, m/2)}, whose softmax is the sigmoid of {@code m}.
   */
  private static LinearModel model(double[][] solutions, int dim, int outputs, boolean binary, boolean multiLabel,
      double temperature) {
    float[] weights = new float[dim * outputs];
    float[] bias = new float[outputs];
    for (int c = 0; c < outputs; c++) {
      double[] w = solutions[binary ? 0 : c];
      double scale = binary ? (c == 1 ? 0.5 : -0.5) * temperature : temperature;
      for (int j = 0; j < dim; j++) {
        weights[j * outputs + c] = (float) (scale * w[j]);
      }
      bias[c] = (float) (scale * w[dim]);
    }
    return new LinearModel(dim, outputs, multiLabel, weights, bias);
  }

  /** {@code value} clamped to the allowed temperature range [0.01, 100]. */
  public static double clampTemperature(double value) {
    return Math.min(MAX_TEMPERATURE, Math.max(MIN_TEMPERATURE, value));
  }

  /**
   * The temperature {@code T} minimizing the weighted held-out cross-entropy of the softmax (sigmoids
   * when multi-label) of {@code T * scores}: a convex problem in one variable, solved by safeguarded
   * Newton steps and clamped to [0.01, 100] (separable held-out data would push it to infinity).
   */
  static double fitTemperature(double[][] scores, TrainingSet validation) {
    double t = 1;
    for (int iteration = 0; iteration < 50; iteration++) {
      double first = 0;
      double second = 0;
      for (int i = 0; i < scores.length; i++) {
        double weight = validation.weight(i);
        double[] s = scores[i];
        if (validation.multiLabel()) {
          for (int c = 0; c < s.length; c++) {
            double p = Probabilities.sigmoid(t * s[c]);
            first += weight * (p - (validation.labelSets()[i][c] ? 1 : 0)) * s[c];
            second += weight * p * (1 - p) * s[c] * s[c];
          }
        } else {
          double[] p = new double[s.length];
          for (int c = 0; c < s.length; c++) {
            p[c] = t * s[c];
          }
          Probabilities.activate(p, false);
          double mean = 0;
          double meanSquare = 0;
          for (int c = 0; c < s.length; c++) {
            mean += p[c] * s[c];
            meanSquare += p[c] * s[c] * s[c];
          }
          first += weight * (mean - s[validation.labels()[i]]);
          second += weight * (meanSquare - mean * mean);
        }
      }
      double next = second > 0 ? t - first / second : (first < 0 ? MAX_TEMPERATURE : MIN_TEMPERATURE);
      if (next <= 0) {
        next = t / 2;
      }
      next = clampTemperature(next);
      if (Math.abs(next - t) <= 1e-6 * t) {
        return next;
      }
      t = next;
    }
    return t;
  }

  /** Validating builder for {@link LinearSvmTrainer}. */
  public static final class Builder {
    private double c = 1;
    private double tolerance = 0.01;
    private double temperature = Double.NaN;
    private boolean naiveBayes;
    private boolean logistic;

    private Builder() {
    }

    /**
     * Logistic loss (L2-regularized logistic regression, one-vs-rest, as scikit-learn's
     * {@code LogisticRegression(solver="liblinear")}) instead of the squared hinge; default off.
     */
    public Builder logistic(boolean value) {
      this.logistic = value;
      return this;
    }

    /**
     * Scales each feature, per one-vs-rest problem, by its naive Bayes log-count ratio between the
     * positive and negative examples before training (NBSVM, Wang and Manning 2012): strong on short
     * sentiment texts, sometimes worse on topics. Default off.
     */
    public Builder naiveBayes(boolean value) {
      this.naiveBayes = value;
      return this;
    }

    /** Cost of the loss (scikit-learn's {@code C}), in (0, 1e6]; default 1. */
    public Builder c(double value) {
      this.c = value;
      return this;
    }

    /** Stop when the epoch's projected-gradient spread is at most this, in [1e-12, 10]; default 0.01. */
    public Builder tolerance(double value) {
      this.tolerance = value;
      return this;
    }

    /** Fixed probability temperature in [0.01, 100], or NaN (default) to fit it on the validation set. */
    public Builder temperature(double value) {
      this.temperature = value;
      return this;
    }

    /** Validates and builds. */
    public LinearSvmTrainer build() {
      Check.inRange("C", c, Double.MIN_VALUE, 1e6);
      Check.inRange("tolerance", tolerance, 1e-12, 10);
      if (!Double.isNaN(temperature)) {
        Check.inRange("temperature", temperature, MIN_TEMPERATURE, MAX_TEMPERATURE);
      }
      return new LinearSvmTrainer(this);
    }
  }
}
