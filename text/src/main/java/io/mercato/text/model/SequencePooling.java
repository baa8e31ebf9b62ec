package io.mercato.text.model;

/**
 * How {@link RnnTrainer} and {@link AttentionTrainer} networks turn their per-token outputs into one
 * vector per text. Padding positions are masked out, so the result never depends on how long the
 * other texts of a batch are.
 */
public enum SequencePooling {
  /** The maximum of each feature over the text's tokens. */
  MAX,
  /** The mean of each feature over the text's tokens. */
  MEAN,
  /** Maximum and mean side by side (twice the width). */
  MAX_AND_MEAN
}
