package io.mercato.core.metrics;

import java.util.function.IntToDoubleFunction;

/**
 * Loss functions on primitive arrays: cross-entropy (binary, categorical from probabilities or from
 * logits, averaged over a batch) and regression errors (MSE, RMSE, MAE). Natural logarithms.
 *
 * <p><b>Clipping.</b> Cross-entropy from probabilities clips every probability to
 * {@code [EPSILON, 1 - EPSILON]} before taking its logarithm ({@link #clip(double)}), so a confident
 * wrong prediction costs at most {@code -ln(1e-15) ≈ 34.54} instead of infinity. Probabilities are not
 * renormalized after clipping. Cross-entropy from logits needs no clipping: it is computed as
 * {@code logSumExp(z) - z[target]} with the maximum subtracted first, so large logits never overflow.
 *
 * <p>Inputs must be finite and have matching lengths; otherwise an {@link IllegalArgumentException}
 * says which argument and index was wrong. Probabilities must be in [0, 1], binary targets in [0, 1].
 */
public final class Losses {
    /** Probabilities are clipped to {@code [EPSILON, 1 - EPSILON]} before taking logarithms. */
    public static final double EPSILON = 1e-15;

    private Losses() {
    }

    /**
     * @param p a probability
     * @return {@code p} clipped to {@code [EPSILON, 1 - EPSILON]}
     */
    public static double clip(double p) {
        return Math.max(EPSILON, Math.min(1 - EPSILON, p));
    }

    /**
     * Binary cross-entropy of one prediction: {@code -(y ln p + (1 - y) ln(1 - p))} with {@code p}
     * clipped.
     *
     * @param target the true label, 0 or 1 (soft labels in [0, 1] are allowed)
     * @param probability the predicted probability of label 1
     * @return the loss, {@code >= 0}
     */
    public static double binaryCrossEntropy(double target, double probability) {
        checkUnit("target", target, -1);
        checkUnit("probability", probability, -1);
        double p = clip(probability);
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /**
     * Mean binary cross-entropy over a batch.
     *
     * @param targets true labels in [0, 1]
     * @param probabilities predicted probabilities of label 1
     * @return the mean loss
     */
    public static double binaryCrossEntropy(double[] targets, double[] probabilities) {
        return mean("targets", targets.length, "probabilities", probabilities.length, i -> {
            checkUnit("targets", targets[i], i);
            checkUnit("probabilities", probabilities[i], i);
            double p = clip(probabilities[i]);
            return -(targets[i] * Math.log(p) + (1 - targets[i]) * Math.log(1 - p));
        });
    }

    /**
     * Categorical cross-entropy of one prediction: {@code -ln(clip(p[target]))}.
     *
     * @param probabilities predicted class probabilities
     * @param target the true class index
     * @return the loss
     */
    public static double categoricalCrossEntropy(double[] probabilities, int target) {
        checkTarget(target, probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            checkUnit("probabilities", probabilities[i], i);
        }
        return -Math.log(clip(probabilities[target]));
    }

    /**
     * Categorical cross-entropy against a target distribution (one-hot or soft):
     * {@code -Σ t_i ln(clip(p_i))}.
     *
     * @param probabilities predicted class probabilities
     * @param targetDistribution the true distribution, same length
     * @return the loss
     */
    public static double categoricalCrossEntropy(double[] probabilities, double[] targetDistribution) {
        checkSameLength("probabilities", probabilities.length, "targetDistribution", targetDistribution.length);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            checkUnit("probabilities", probabilities[i], i);
            checkUnit("targetDistribution", targetDistribution[i], i);
            if (targetDistribution[i] != 0) {
                sum -= targetDistribution[i] * Math.log(clip(probabilities[i]));
            }
        }
        return sum;
    }

    /**
     * Categorical cross-entropy from unnormalized scores (logits), i.e. of {@code softmax(logits)},
     * computed stably as {@code logSumExp(logits) - logits[target]}.
     *
     * @param logits the scores, finite
     * @param target the true class index
     * @return the loss, {@code >= 0}
     */
    public static double crossEntropyFromLogits(double[] logits, int target) {
        checkTarget(target, logits.length);
        return Math.max(0, logSumExp(logits) - logits[target]);
    }

    /**
     * Mean categorical cross-entropy over a batch of probability rows.
     *
     * @param probabilities one row of class probabilities per example
     * @param targets the true class per example
     * @return the mean loss
     */
    public static double averageCrossEntropy(double[][] probabilities, int[] targets) {
        return mean("probabilities", probabilities.length, "targets", targets.length,
                i -> categoricalCrossEntropy(probabilities[i], targets[i]));
    }

    /**
     * Mean categorical cross-entropy over a batch of logit rows.
     *
     * @param logits one row of logits per example
     * @param targets the true class per example
     * @return the mean loss
     */
    public static double averageCrossEntropyFromLogits(double[][] logits, int[] targets) {
        return mean("logits", logits.length, "targets", targets.length,
                i -> crossEntropyFromLogits(logits[i], targets[i]));
    }

    /**
     * {@code ln Σ exp(x_i)} computed without overflow by factoring out the maximum.
     *
     * @param x finite values, at least one
     * @return the log-sum-exp
     */
    public static double logSumExp(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("logSumExp of an empty array");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            checkFinite("logits", x[i], i);
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** @return the mean squared error {@code mean((actual - predicted)^2)} */
    public static double mse(double[] actual, double[] predicted) {
        return mean("actual", actual.length, "predicted", predicted.length, i -> {
            double d = finiteDifference(actual, predicted, i);
            return d * d;
        });
    }

    /** @return the root mean squared error {@code sqrt(mse)} */
    public static double rmse(double[] actual, double[] predicted) {
        return Math.sqrt(mse(actual, predicted));
    }

    /** @return the mean absolute error {@code mean(|actual - predicted|)} */
    public static double mae(double[] actual, double[] predicted) {
        return mean("actual", actual.length, "predicted", predicted.length,
                i -> Math.abs(finiteDifference(actual, predicted, i)));
    }

    /**
     * The mean of {@code term(i)} over a batch of two parallel arrays (named {@code a} and {@code b}
     * in errors) that must have the same, non-zero length.
     */
    private static double mean(String a, int la, String b, int lb, IntToDoubleFunction term) {
        checkSameLength(a, la, b, lb);
        checkNotEmpty(la);
        double sum = 0;
        for (int i = 0; i < la; i++) {
            sum += term.applyAsDouble(i);
        }
        return sum / la;
    }

    /** {@code actual[i] - predicted[i]}, both checked to be finite. */
    private static double finiteDifference(double[] actual, double[] predicted, int i) {
        checkFinite("actual", actual[i], i);
        checkFinite("predicted", predicted[i], i);
        return actual[i] - predicted[i];
    }

    // ---------------------------------------------------------------- checks

    private static void checkUnit(String what, double v, int index) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + (index >= 0 ? "[" + index + "]" : "") + " = " + v
                    + " is not in [0, 1]");
        }
    }

    private static void checkFinite(String what, double v, int index) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + "[" + index + "] = " + v + " is not finite");
        }
    }

    private static void checkTarget(int target, int classes) {
        if (target < 0 || target >= classes) {
            throw new IllegalArgumentException("target class " + target + " is outside [0, " + classes + ")");
        }
    }

    private static void checkSameLength(String a, int la, String b, int lb) {
        if (la != lb) {
            throw new IllegalArgumentException(a + " and " + b + " differ in length: " + la + " vs " + lb);
        }
    }

    private static void checkNotEmpty(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("the average loss of an empty batch is undefined");
        }
    }
}
