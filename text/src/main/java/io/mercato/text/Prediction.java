package io.mercato.text;

import java.util.List;
import java.util.Map;

/**
 * The classifier's answer for one text.
 *
 * @param label         the most probable label
 * @param probability   its probability
 * @param probabilities every label's probability, highest first (iteration order); for a
 *                      single-label model they sum to 1, for a multi-label model each is an
 *                      independent probability
 * @param labels        the labels assigned: {@code [label]} for a single-label model; for a
 *                      multi-label model every label whose probability reaches its threshold
 *                      (highest first, possibly empty)
 */
public record Prediction(String label, double probability, Map<String, Double> probabilities, List<String> labels) {

  /** Copies the collections (keeping the order of {@code probabilities}). */
  public Prediction {
    probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
    labels = List.copyOf(labels);
  }

  /** Probability of {@code someLabel} (0 for an unknown label). */
  public double probability(String someLabel) {
    return probabilities.getOrDefault(someLabel, 0.0);
  }
}
