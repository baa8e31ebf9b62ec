package io.mercato.text.model;

import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import java.time.Duration;

/**
 * Epoch bookkeeping shared by the trainers: reports each epoch to the listener, remembers the best
 * epoch and says when {@code patience} epochs passed without improvement. The preferred criterion
 * ({@link #epochDone(int, double, TrainingSet, double[][])}) is held-out accuracy with the loss
 * breaking ties: the loss alone tends to stop before the decisions are best. Not thread-safe; one
 * instance per training run.
 */
public final class EarlyStopping {

  /** Name of the validation metric reported by {@link #epochDone(int, double, double)}. */
  public static final String METRIC = "validation loss";
  /** Name of the validation metric reported by {@link #epochDone(int, double, TrainingSet, double[][])}. */
  public static final String ACCURACY = "validation accuracy";

  private final int maxEpochs;
  private final int patience;
  private final TrainingListener listener;
  private final long startNanos = System.nanoTime();
  private double bestLoss = Double.POSITIVE_INFINITY;
  private double bestAccuracy = Double.NEGATIVE_INFINITY;
  private int bestEpoch = -1;
  private int epochsWithoutImprovement;

  /**
   * @param maxEpochs the epoch bound (for the events)
   * @param patience  epochs without improvement before {@link #shouldStop()} turns true
   * @param listener  receives the events
   */
  public EarlyStopping(int maxEpochs, int patience, TrainingListener listener) {
    this.maxEpochs = maxEpochs;
    this.patience = patience;
    this.listener = listener;
  }

  /**
   * Records a finished epoch and notifies the listener.
   *
   * @param epoch          1-based epoch number
   * @param trainLoss      mean training loss of the epoch
   * @param validationLoss validation loss, or NaN without validation set
   * @return true when this epoch is the best so far (the caller then keeps a snapshot of its parameters);
   *         always true without validation set
   */
  public boolean epochDone(int epoch, double trainLoss, double validationLoss) {
    listener.onEpoch(new EpochEvent(epoch, maxEpochs, trainLoss, METRIC, validationLoss,
        Duration.ofNanos(System.nanoTime() - startNanos)));
    if (Double.isNaN(validationLoss)) {
      bestEpoch = epoch;
      return true;
    }
    if (validationLoss < bestLoss - 1e-9) {
      bestLoss = validationLoss;
      bestEpoch = epoch;
      epochsWithoutImprovement = 0;
      return true;
    }
    epochsWithoutImprovement++;
    return false;
  }

  /**
   * Records a finished epoch judged on held-out predictions and notifies the listener (metric:
   * {@link #ACCURACY}). An epoch improves when its accuracy is higher than the best so far, or equal
   * with a lower loss. Accuracy of a multi-label set is the mean per-label accuracy at 0.5.
   *
   * @param epoch         1-based epoch number
   * @param trainLoss     mean training loss of the epoch
   * @param validation    the held-out examples
   * @param probabilities the model's probabilities for them after this epoch
   * @return true when this epoch is the best so far (the caller then keeps a snapshot of its parameters)
   */
  public boolean epochDone(int epoch, double trainLoss, TrainingSet validation, double[][] probabilities) {
    double loss = validation.meanLoss(probabilities);
    double accuracy = accuracy(validation, probabilities);
    listener.onEpoch(new EpochEvent(epoch, maxEpochs, trainLoss, ACCURACY, accuracy,
        Duration.ofNanos(System.nanoTime() - startNanos)));
    if (accuracy > bestAccuracy + 1e-12 || (accuracy >= bestAccuracy - 1e-12 && loss < bestLoss)) {
      bestAccuracy = accuracy;
      bestLoss = loss;
      bestEpoch = epoch;
      epochsWithoutImprovement = 0;
      return true;
    }
    epochsWithoutImprovement++;
    return false;
  }

  /** Share of correct decisions: argmax for single-label, each label at 0.5 for multi-label. */
  static double accuracy(TrainingSet set, double[][] probabilities) {
    long correct = 0;
    long total = 0;
    for (int i = 0; i < set.size(); i++) {
      double[] p = probabilities[i];
      if (set.multiLabel()) {
        for (int c = 0; c < p.length; c++) {
          correct += (p[c] >= 0.5) == set.labelSets()[i][c] ? 1 : 0;
        }
        total += p.length;
      } else {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
          if (p[c] > p[best]) {
            best = c;
          }
        }
        correct += best == set.labels()[i] ? 1 : 0;
        total++;
      }
    }
    return total == 0 ? 0 : correct / (double) total;
  }

  /** True once {@code patience} consecutive epochs failed to improve the validation loss. */
  public boolean shouldStop() {
    return epochsWithoutImprovement >= patience;
  }

  /** The best epoch so far (1-based), or -1 before the first. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best validation loss so far (infinite before the first epoch with validation). */
  public double bestLoss() {
    return bestLoss;
  }
}
