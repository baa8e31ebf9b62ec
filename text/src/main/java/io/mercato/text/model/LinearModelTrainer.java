package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.linalg.SparseVector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link LinearModel}: minibatch AdaGrad on the weighted mean cross-entropy plus
 * {@code l2/2 ||W||^2} (biases unregularized). Updates are sparse: a minibatch touches only the
 * weight rows of the features present in it, and the L2 term is applied to those rows (for the classes
 * with a non-negligible gradient), so an epoch costs O(non-zeros x classes) at most. With dense features this is exactly the L2-regularized objective.
 */
public final class LinearModelTrainer implements TextModelTrainer {

  private static final int DEFAULT_EPOCHS = 30;
  private static final int DEFAULT_BATCH = 16;
  /** Per-example score gradients below this are skipped (late in training most classes have p ~ 0). */
  private static final double NEGLIGIBLE_GRADIENT = 1e-6;

  private final double l2;
  private final double learningRate;

  private LinearModelTrainer(Builder b) {
    this.l2 = b.l2;
    this.learningRate = b.learningRate;
  }

  /** A builder with defaults {@code l2 = 1e-6}, {@code learningRate = 0.3}. */
  public static Builder builder() {
    return new Builder();
  }

  /** L2 penalty strength. */
  public double l2() {
    return l2;
  }

  /** AdaGrad base learning rate. */
  public double learningRate() {
    return learningRate;
  }

  @Override
  public String type() {
    return LinearModel.TYPE;
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", LinearModel.TYPE);
    m.put("l2", Double.toString(l2));
    m.put("learningRate", Double.toString(learningRate));
    return m;
  }

  @Override
  public LinearModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    int dim = train.featureDimension();
    int outputs = train.outputs();
    boolean multi = train.multiLabel();
    int epochs = options.epochsOr(DEFAULT_EPOCHS);
    int batchSize = options.batchSizeOr(DEFAULT_BATCH);
    float[] w = new float[Math.multiplyExact(dim, outputs)];
    float[] b = new float[outputs];
    float[] accW = new float[w.length];
    double[] accB = new double[outputs];
    float[] bestW = null;
    float[] bestB = null;

    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(options.seed());
    int[] slotOf = new int[dim];
    Arrays.fill(slotOf, -1);
    int[] touched = new int[16];
    double[] grad = new double[16 * outputs];
    double[] gradB = new double[outputs];
    double[] scores = new double[outputs];
    int[] activeClasses = new int[outputs];

    EarlyStopping stopping = new EarlyStopping(epochs, options.patience(), options.listener());
    options.listener().onStart("linear", epochs);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, random);
      double lossSum = 0;
      double weightSum = 0;
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        int count = 0;
        Arrays.fill(gradB, 0);
        double inv = 1.0 / (end - start);
        for (int p = start; p < end; p++) {
          int i = order[p];
          SparseVector x = train.inputs().get(i).features();
          // forward
          for (int c = 0; c < outputs; c++) {
            scores[c] = b[c];
          }
          int nnz = x.size();
          for (int k = 0; k < nnz; k++) {
            int row = x.index(k) * outputs;
            double v = x.value(k);
            for (int c = 0; c < outputs; c++) {
              scores[c] += v * w[row + c];
            }
          }
          double weight = train.weight(i);
          lossSum += weight * Probabilities.lossGradient(scores, multi ? -1 : train.labels()[i],
              multi ? train.labelSets()[i] : null, weight);
          weightSum += weight;
          // accumulate gradient rows, skipping classes whose gradient is negligible
          int active = 0;
          for (int c = 0; c < outputs; c++) {
            gradB[c] += scores[c] * inv;
              if (Math.abs(scores[c]) > NEGLIGIBLE_GRADIENT) {
              activeClasses[active++] = c;
            }
          }
          for (int k = 0; k < nnz; k++) {
            int j = x.index(k);
            int slot = slotOf[j];
            if (slot < 0) {
              if (count == touched.length) {
                touched = Arrays.copyOf(touched, count * 2);
                grad = Arrays.copyOf(grad, count * 2 * outputs);
              }
              slot = count++;
              slotOf[j] = slot;
              touched[slot] = j;
              Arrays.fill(grad, slot * outputs, slot * outputs + outputs, 0);
            }
            double v = x.value(k) * inv;
            int g = slot * outputs;
            for (int a = 0; a < active; a++) {
              int c = activeClasses[a];
              grad[g + c] += v * scores[c];
            }
          }
        }
        // AdaGrad step on touched rows and the bias
        for (int s = 0; s < count; s++) {
          int j = touched[s];
          slotOf[j] = -1;
          int row = j * outputs;
          int g = s * outputs;
          for (int c = 0; c < outputs; c++) {
            double gc = grad[g + c];
            if (gc == 0) {
              continue; // (feature, class) pair without gradient in this batch: no step, no decay
            }
            double gr = gc + l2 * w[row + c];
            float acc = accW[row + c] += (float) (gr * gr);
            w[row + c] -= (float) (learningRate * gr / Math.sqrt(acc + 1e-10));
          }
        }
        for (int c = 0; c < outputs; c++) {
          double gr = gradB[c];
          accB[c] += gr * gr;
          b[c] -= (float) (learningRate * gr / Math.sqrt(accB[c] + 1e-10));
        }
      }
      double trainLoss = weightSum == 0 ? 0 : lossSum / weightSum;
      boolean best = validation == null
          ? stopping.epochDone(epoch, trainLoss, Double.NaN)
          : stopping.epochDone(epoch, trainLoss, validation,
              new LinearModel(dim, outputs, multi, w, b).predict(validation.inputs()));
      if (best && validation != null) {
        bestW = w.clone();
        bestB = b.clone();
      }
      if (validation != null && stopping.shouldStop()) {
        break;
      }
    }
    options.listener().onEnd();
    return bestW == null ? new LinearModel(dim, outputs, multi, w, b) : new LinearModel(dim, outputs, multi, bestW, bestB);
  }

  static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Validating builder for {@link LinearModelTrainer}. */
  public static final class Builder {
    private double l2 = 1e-6;
    private double learningRate = 0.3;

    private Builder() {
    }

    /** L2 penalty strength, in [0, 10]. */
    public Builder l2(double value) {
      this.l2 = value;
      return this;
    }

    /** AdaGrad base learning rate, in (0, 10]. */
    public Builder learningRate(double value) {
      this.learningRate = value;
      return this;
    }

    /** Validates and builds. */
    public LinearModelTrainer build() {
      Check.inRange("l2", l2, 0, 10);
      Check.inRange("learningRate", learningRate, Double.MIN_VALUE, 10);
      return new LinearModelTrainer(this);
    }
  }
}
