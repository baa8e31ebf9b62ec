package io.mercato.text.model;

import java.util.Map;

/**
 * Trains one type of {@link TextModel}. Trainers are immutable configuration (their
 * hyper-parameters) and may be reused; training is deterministic for a given seed.
 */
public interface TextModelTrainer {

  /** The {@link TextModel#type()} of the models this trainer produces. */
  String type();

  /**
   * Trains a model (with minibatches, or full-batch for the linear model's exact solver).
   *
   * @param train      the training examples (single- or multi-label)
   * @param validation held-out examples for early stopping and the listener's validation metric,
   *                   or null to train for the full number of epochs
   * @param options    seed, epochs, batch size, patience, listener
   * @return the trained model (from the best validation epoch when {@code validation} is given)
   */
  TextModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options);

  /**
   * Whether {@link #fit} with a validation set returns the model of its best epoch, whose count is
   * then worth reusing when retraining on all the data; false for solvers that converge to an optimum
   * (retrained with their own default iteration bound).
   */
  default boolean stopsEarly() {
    return true;
  }

  /**
   * Whether the model that stopped early on a single holdout is retrained on all the data for its best
   * epoch count (true, the default: cheap models gain the held-out tenth of the data) or kept as it is
   * (false: for the DL4J networks a second training would nearly double the cost of a fit, so they keep
   * the best-epoch parameters of the early-stopped fit, as scikit-learn's MLP does with early stopping).
   */
  default boolean retrainsOnAllData() {
    return true;
  }

  /** The hyper-parameters as readable strings, recorded in the model file's provenance. */
  Map<String, String> hyperParameters();
}
