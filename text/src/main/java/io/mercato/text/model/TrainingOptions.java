package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.train.TrainingListener;

/**
 * Settings shared by every model trainer; model-specific hyper-parameters live in each trainer.
 *
 * @param seed      random seed: the same seed and data give the same model
 * @param maxEpochs upper bound on passes over the data, or {@link #MODEL_DEFAULT} for the trainer's own default
 * @param batchSize examples per minibatch, or {@link #MODEL_DEFAULT} for the trainer's own default
 * @param patience  epochs without validation-loss improvement before stopping (only with a validation set);
 *                  the model of the best epoch is returned
 * @param listener  receives one {@code EpochEvent} per epoch
 */
public record TrainingOptions(long seed, int maxEpochs, int batchSize, int patience, TrainingListener listener) {

  /** Value of {@code maxEpochs} / {@code batchSize} meaning "the trainer's own default". */
  public static final int MODEL_DEFAULT = 0;

  /** Validates the settings. */
  public TrainingOptions {
    Check.atLeast("maxEpochs", maxEpochs, 0);
    Check.atLeast("batchSize", batchSize, 0);
    Check.atLeast("patience", patience, 1);
    Check.notNull("listener", listener);
  }

  /** Seed 42, trainer-default epochs and batch size, patience 3, no listener. */
  public static TrainingOptions defaults() {
    return new TrainingOptions(42L, MODEL_DEFAULT, MODEL_DEFAULT, 3, TrainingListener.NONE);
  }

  /** {@code maxEpochs} if set, else {@code modelDefault}. */
  public int epochsOr(int modelDefault) {
    return maxEpochs == MODEL_DEFAULT ? modelDefault : maxEpochs;
  }

  /** {@code batchSize} if set, else {@code modelDefault}. */
  public int batchSizeOr(int modelDefault) {
    return batchSize == MODEL_DEFAULT ? modelDefault : batchSize;
  }

  /** A copy with another seed. */
  public TrainingOptions withSeed(long newSeed) {
    return new TrainingOptions(newSeed, maxEpochs, batchSize, patience, listener);
  }

  /** A copy with another listener. */
  public TrainingOptions withListener(TrainingListener newListener) {
    return new TrainingOptions(seed, maxEpochs, batchSize, patience, newListener);
  }

  /** A copy with another epoch bound. */
  public TrainingOptions withMaxEpochs(int epochs) {
    return new TrainingOptions(seed, epochs, batchSize, patience, listener);
  }
}
