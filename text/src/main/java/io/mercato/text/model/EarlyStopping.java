package io.mercato.text.model;

import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import java.time.Duration;

/**
 * Epoch bookkeeping shared by the trainers: reports each epoch to the listener with the validation
 * loss, remembers the best epoch and says when {@code patience} epochs passed without improvement.
 * Not thread-safe; one instance per training run.
 */
public final class EarlyStopping {

  /** Name of the validation metric reported in {@link EpochEvent}s. */
  public static final String METRIC = "validation loss";

  private final int maxEpochs;
  private final int patience;
  private final TrainingListener listener;
  private final long startNanos = System.nanoTime();
  private double bestLoss = Double.POSITIVE_INFINITY;
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
