package io.mercato.recsys.hybrid;

/**
 * How a component's score row is put on a common scale before blending (scores of different
 * algorithms are not comparable: similarity sums, ratings, dot products). Non-finite scores (items
 * the component cannot score) become the row's lowest normalized score.
 */
public enum Normalization {
    /** (s - min) / (max - min) over the row: [0, 1]. */
    MIN_MAX,
    /** (s - mean) / standard deviation over the row. */
    Z_SCORE;

    /** Normalizes {@code row} in place. */
    void apply(double[] row) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double v : row) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                sq += v * v;
                n++;
            }
        }
        if (n == 0) {
            java.util.Arrays.fill(row, 0);
            return;
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
        for (int i = 0; i < row.length; i++) {
            double v = Double.isFinite(row[i]) ? row[i] : min;
            row[i] = switch (this) {
                case MIN_MAX -> max > min ? (v - min) / (max - min) : 0;
                case Z_SCORE -> sd > 0 ? (v - mean) / sd : 0;
            };
        }
    }
}
