package io.mercato.text;

import java.util.Comparator;
import java.util.List;

/**
 * Why a text got a label: the tokens and n-grams of the text with signed weights, largest
 * absolute weight first. A positive weight pushed the text towards {@code label}, a negative one
 * away from it.
 *
 * @param label         the explained label (the predicted one unless another was asked for)
 * @param probability   the label's predicted probability
 * @param method        {@link Method#EXACT} for the linear model (weights are the feature's exact
 *                      additive share {@code x_j w_j} of the label's score), {@link Method#OCCLUSION}
 *                      otherwise (weight = drop of the label's log-probability when the term is removed)
 * @param contributions the terms and their weights, largest |weight| first
 */
public record Explanation(String label, double probability, Method method, List<Contribution> contributions) {

  /** How the weights were computed. */
  public enum Method {
    /** Exact additive decomposition of a linear score. */
    EXACT,
    /** Change of log-probability when the term is removed from the text. */
    OCCLUSION
  }

  /**
   * One term of the text and its signed weight.
   *
   * @param term   the token or n-gram as the model sees it (after normalization)
   * @param weight signed weight towards the label
   */
  public record Contribution(String term, double weight) {
  }

  /** Sorts the contributions by decreasing |weight| (ties by term). */
  public Explanation {
    contributions = contributions.stream()
        .sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight())).thenComparing(Contribution::term))
        .toList();
  }

  /** The {@code k} contributions with the largest |weight|. */
  public List<Contribution> top(int k) {
    return contributions.subList(0, Math.min(k, contributions.size()));
  }

  /** Contributions that pushed towards the label, strongest first. */
  public List<Contribution> supporting() {
    return contributions.stream().filter(c -> c.weight() > 0).toList();
  }

  /** Contributions that pushed away from the label, strongest first. */
  public List<Contribution> opposing() {
    return contributions.stream().filter(c -> c.weight() < 0).toList();
  }

  /** A short readable report, e.g. {@code negative (0.93): +1.20 terrible, +0.40 sent back, -0.10 fit}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%s (%.3f):", label, probability));
    String sep = " ";
    for (Contribution c : top(10)) {
      sb.append(sep).append(String.format(java.util.Locale.ROOT, "%+.3f %s", c.weight(), c.term()));
      sep = ", ";
    }
    return sb.toString();
  }
}
