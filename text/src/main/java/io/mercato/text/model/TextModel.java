package io.mercato.text.model;

import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;
import java.util.Optional;

/**
 * A trained text model: encoded texts in, class (or label) probabilities out.
 *
 * <p>Implementations are immutable and safe to call from many threads at once (a model that wraps
 * a non-thread-safe network gives each thread its own copy or guards it). Each type registers a
 * reader in {@link TextModels} so a saved model can be read back by its {@link #type()}.
 */
public interface TextModel {

  /** Stable type name written to model files, e.g. {@code "linear"}, {@code "fasttext"}, {@code "mlp"}, {@code "cnn"}. */
  String type();

  /** Number of classes (single-label) or labels (multi-label). */
  int outputs();

  /** True when outputs are independent sigmoid probabilities (multi-label), false for one softmax distribution. */
  boolean multiLabel();

  /**
   * Probabilities for a batch in one pass: row {@code i} holds {@code outputs()} values for
   * {@code batch.get(i)} (summing to 1 unless {@link #multiLabel()}).
   */
  double[][] predict(List<EncodedText> batch);

  /**
   * Which views of its inputs {@link #predict} reads; callers may leave the other out (empty), which
   * saves encoding work.
   */
  default EncodedText.Views reads() {
    return EncodedText.Views.BOTH;
  }

  /**
   * Exact additive contribution of each feature of {@code input} to the score (logit) of
   * {@code output}: element {@code j} belongs to the {@code j}-th stored entry of
   * {@code input.features()}. Empty when the model has no exact additive decomposition (callers
   * then explain by occlusion).
   */
  default Optional<double[]> contributions(EncodedText input, int output) {
    return Optional.empty();
  }

  /**
   * Writes the model's parameters as entries named {@code prefix + ...} (the caller writes the
   * type and commits the file).
   */
  void writeTo(ModelFileWriter writer, String prefix);
}
