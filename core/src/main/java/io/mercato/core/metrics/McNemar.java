package io.mercato.core.metrics;

/**
 * McNemar's test for two classifiers judged on the same examples. It looks only at the examples where
 * exactly one of the two is right, so it compares them decision by decision rather than by two accuracies
 * measured with their own noise. Normal approximation without continuity correction.
 */
public final class McNemar {
    /** The standard normal 95% quantile: the one-sided 5% threshold of {@link #z}. */
    public static final double ONE_SIDED_5_PERCENT = 1.6449;

    private McNemar() {
    }

    /**
     * The test statistic {@code (onlyA - onlyB) / sqrt(onlyA + onlyB)}, where {@code onlyA} counts the
     * examples {@code a} gets right and {@code b} wrong; 0 when they never disagree.
     *
     * @param a per example, whether the first classifier was right
     * @param b per example, whether the second classifier was right
     * @throws IllegalArgumentException when the two arrays differ in length
     */
    public static double z(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired decisions differ in length: a has " + a.length
                    + ", b has " + b.length);
        }
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && !b[i]) {
                onlyA++;
            } else if (b[i] && !a[i]) {
                onlyB++;
            }
        }
        return onlyA + onlyB == 0 ? 0 : (onlyA - onlyB) / Math.sqrt(onlyA + onlyB);
    }

    /** Whether {@code a} is significantly better than {@code b}: one-sided at 5%, {@code z(a, b) > 1.6449}. */
    public static boolean significantlyBetter(boolean[] a, boolean[] b) {
        return z(a, b) > ONE_SIDED_5_PERCENT;
    }
}
