package io.mercato.text.model;

/** Output activations shared by the pure-Java models: softmax over classes, sigmoid per label. */
final class Probabilities {

  private Probabilities() {
  }

  /** Turns {@code scores} into probabilities in place: softmax, or an independent sigmoid each when {@code multiLabel}. */
  static void activate(double[] scores, boolean multiLabel) {
    if (multiLabel) {
      for (int c = 0; c < scores.length; c++) {
        scores[c] = sigmoid(scores[c]);
      }
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < scores.length; c++) {
      scores[c] = Math.exp(scores[c] - max);
      sum += scores[c];
    }
    for (int c = 0; c < scores.length; c++) {
      scores[c] /= sum;
    }
  }

  /** The logistic function, stable for large |x|. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /**
   * Turns {@code scores} into probabilities in place (see {@link #activate}), replaces them by the
   * gradient of the loss with respect to the scores (probability minus target, times {@code weight})
   * and returns the example's unweighted loss.
   *
   * @param label    the class for single-label, ignored for multi-label
   * @param labelSet the targets for multi-label, null for single-label
   */
  static double lossGradient(double[] scores, int label, boolean[] labelSet, double weight) {
    boolean multiLabel = labelSet != null;
    activate(scores, multiLabel);
    double loss;
    if (multiLabel) {
      loss = 0;
      for (int c = 0; c < scores.length; c++) {
        double p = scores[c];
        loss -= Math.log(Math.max(labelSet[c] ? p : 1 - p, 1e-15));
        scores[c] = weight * (p - (labelSet[c] ? 1 : 0));
      }
    } else {
      loss = -Math.log(Math.max(scores[label], 1e-15));
      for (int c = 0; c < scores.length; c++) {
        scores[c] = weight * (scores[c] - (c == label ? 1 : 0));
      }
    }
    return loss;
  }
}
