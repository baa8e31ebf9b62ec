package io.mercato.text;

/** Per-label decision thresholds of a multi-label classifier, tuned for F1 on held-out predictions. */
final class MultiLabelThresholds {

  /** Threshold of a label that never occurs in the held-out data. */
  static final double DEFAULT = 0.5;

  private MultiLabelThresholds() {
  }

  /**
   * For each label, the threshold among the held-out probabilities (and 0.5) that maximizes the
   * label's F1; ties go to the threshold closest to 0.5. A label without positive held-out
   * examples keeps 0.5.
   */
  static double[] tune(double[][] probabilities, boolean[][] truth) {
    int labels = truth.length == 0 ? 0 : truth[0].length;
    double[] thresholds = new double[labels];
    for (int c = 0; c < labels; c++) {
      int positives = 0;
      for (boolean[] t : truth) {
        positives += t[c] ? 1 : 0;
      }
      thresholds[c] = DEFAULT;
      if (positives == 0) {
        continue;
      }
      double bestF1 = f1(probabilities, truth, c, DEFAULT);
      for (double[] row : probabilities) {
        double candidate = row[c];
        double f1 = f1(probabilities, truth, c, candidate);
        if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12
            && Math.abs(candidate - DEFAULT) < Math.abs(thresholds[c] - DEFAULT))) {
          bestF1 = f1;
          thresholds[c] = candidate;
        }
      }
    }
    return thresholds;
  }

  /** F1 of label {@code c} when predicting it for probabilities at or above {@code threshold}. */
  static double f1(double[][] probabilities, boolean[][] truth, int c, double threshold) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < truth.length; i++) {
      boolean predicted = probabilities[i][c] >= threshold;
      if (predicted && truth[i][c]) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (truth[i][c]) {
        fn++;
      }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** Micro-averaged F1 over all (example, label) decisions; {@code thresholds} null means 0.5 for every label. */
  static double microF1(double[][] probabilities, boolean[][] truth, double[] thresholds) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < truth.length; i++) {
      for (int c = 0; c < truth[i].length; c++) {
        boolean predicted = probabilities[i][c] >= (thresholds == null ? DEFAULT : thresholds[c]);
        if (predicted && truth[i][c]) {
          tp++;
        } else if (predicted) {
          fp++;
        } else if (truth[i][c]) {
          fn++;
        }
      }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
}
