package io.mercato.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Evaluation of a single-label classifier on a labelled test set: confusion matrix, accuracy,
 * per-class precision/recall/F1, their macro, micro and weighted averages, log loss and ROC-AUC,
 * plus a readable text report ({@link #toString()}). Immutable.
 *
 * <p>Conventions (the same as scikit-learn's defaults, against which it is tested):
 * <ul>
 *   <li>a ratio whose denominator is 0 (precision of a never-predicted class, recall of a class
 *       absent from the test set, F1 when precision + recall = 0) is 0;</li>
 *   <li>macro averages are taken over the classes that occur in {@code actual} or
 *       {@code predicted}; weighted averages weight each class by its support;</li>
 *   <li>micro precision, recall and F1 all equal the accuracy (every example has exactly one
 *       label);</li>
 *   <li>log loss is the mean of {@code -ln(clip(p[i][actual[i]]))} with
 *       {@link Losses#clip(double) clipping}; rows are not renormalized;</li>
 *   <li>ROC-AUC: for two classes the AUC of class 1's probability; for more, the unweighted mean of
 *       the one-vs-rest AUCs over classes with at least one positive and one negative example. Ties
 *       in scores count one half. NaN when undefined (only one class present).</li>
 *   <li>{@link #logLoss()} and {@link #rocAuc()} are NaN when no probabilities were given.</li>
 * </ul>
 */
public final class ClassificationReport {
    private final List<String> labels;
    private final long[][] confusion;
    private final int n;
    private final double logLoss;
    private final double[] classAuc;
    private final double rocAuc;

    private ClassificationReport(List<String> labels, long[][] confusion, int n, double logLoss,
                                 double[] classAuc, double rocAuc) {
        this.labels = labels;
        this.confusion = confusion;
        this.n = n;
        this.logLoss = logLoss;
        this.classAuc = classAuc;
        this.rocAuc = rocAuc;
    }

    /**
     * Evaluates predictions without probabilities.
     *
     * @see #of(List, int[], int[], double[][])
     */
    public static ClassificationReport of(List<String> labels, int[] actual, int[] predicted) {
        return of(labels, actual, predicted, null);
    }

    /**
     * Evaluates predictions.
     *
     * @param labels the class names; class {@code c} is {@code labels.get(c)}
     * @param actual the true class of each example
     * @param predicted the predicted class of each example
     * @param probabilities per example, the predicted probability of each class ({@code n x labels}),
     *     or null
     * @return the report
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a class
     *     outside {@code [0, labels.size())}, or a probability outside [0, 1]
     */
    public static ClassificationReport of(List<String> labels, int[] actual, int[] predicted,
                                          double[][] probabilities) {
        int k = labels.size();
        if (k < 1) {
            throw new IllegalArgumentException("at least one label is required");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted differ in length: " + actual.length + " vs "
                    + predicted.length);
        }
        int n = actual.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty test set");
        }
        long[][] cm = new long[k][k];
        for (int i = 0; i < n; i++) {
            checkClass("actual", i, actual[i], k);
            checkClass("predicted", i, predicted[i], k);
            cm[actual[i]][predicted[i]]++;
        }
        double logLoss = Double.NaN;
        double[] classAuc = new double[k];
        Arrays.fill(classAuc, Double.NaN);
        double auc = Double.NaN;
        if (probabilities != null) {
            if (probabilities.length != n) {
                throw new IllegalArgumentException("probabilities has " + probabilities.length + " rows but there are "
                        + n + " examples");
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double[] row = probabilities[i];
                if (row.length != k) {
                    throw new IllegalArgumentException("probabilities row " + i + " has " + row.length
                            + " columns but there are " + k + " labels");
                }
                for (int c = 0; c < k; c++) {
                    if (!(row[c] >= 0 && row[c] <= 1)) {
                        throw new IllegalArgumentException("probabilities[" + i + "][" + c + "] = " + row[c]
                                + " is not in [0, 1]");
                    }
                }
                sum -= Math.log(Losses.clip(row[actual[i]]));
            }
            logLoss = sum / n;
            double aucSum = 0;
            int aucCount = 0;
            for (int c = 0; c < k; c++) {
                classAuc[c] = oneVsRestAuc(actual, probabilities, c);
                if (!Double.isNaN(classAuc[c])) {
                    aucSum += classAuc[c];
                    aucCount++;
                }
            }
            if (k == 2) {
                auc = classAuc[1];
            } else if (aucCount > 0) {
                auc = aucSum / aucCount;
            }
        }
        return new ClassificationReport(List.copyOf(labels), cm, n, logLoss, classAuc, auc);
    }

    /** AUC of {@code probabilities[.][c]} separating class c from the rest (Mann-Whitney with mid-ranks). */
    private static double oneVsRestAuc(int[] actual, double[][] probabilities, int c) {
        int n = actual.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(probabilities[x][c], probabilities[y][c]));
        long positives = 0;
        double positiveRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && probabilities[order[j + 1]][c] == probabilities[order[i]][c]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // 1-based average rank of the tie group
            for (int t = i; t <= j; t++) {
                if (actual[order[t]] == c) {
                    positives++;
                    positiveRankSum += midRank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static void checkClass(String what, int i, int c, int k) {
        if (c < 0 || c >= k) {
            throw new IllegalArgumentException(what + "[" + i + "] = " + c + " is not a class in [0, " + k + ")");
        }
    }

    // ---------------------------------------------------------------- accessors

    /** @return the class names */
    public List<String> labels() {
        return labels;
    }

    /** @return the number of evaluated examples */
    public int n() {
        return n;
    }

    /** @return a copy of the confusion matrix: {@code [actual][predicted]} counts */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** @return the fraction of correct predictions */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return (double) correct / n;
    }

    /** @return the number of test examples of class {@code c} */
    public int support(int c) {
        long s = 0;
        for (long v : confusion[c]) {
            s += v;
        }
        return (int) s;
    }

    private long predictedCount(int c) {
        long s = 0;
        for (long[] row : confusion) {
            s += row[c];
        }
        return s;
    }

    /** @return precision of class {@code c}: TP / (TP + FP), 0 if never predicted */
    public double precision(int c) {
        long p = predictedCount(c);
        return p == 0 ? 0 : (double) confusion[c][c] / p;
    }

    /** @return recall of class {@code c}: TP / (TP + FN), 0 if absent from the test set */
    public double recall(int c) {
        int s = support(c);
        return s == 0 ? 0 : (double) confusion[c][c] / s;
    }

    /** @return F1 of class {@code c}: harmonic mean of precision and recall, 0 if both are 0 */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** @return the one-vs-rest ROC-AUC of class {@code c}; NaN without probabilities or if undefined */
    public double rocAuc(int c) {
        return classAuc[c];
    }

    private interface PerClass {
        double of(int c);
    }

    private double macro(PerClass f) {
        double sum = 0;
        int count = 0;
        for (int c = 0; c < labels.size(); c++) {
            if (support(c) > 0 || predictedCount(c) > 0) {
                sum += f.of(c);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private double weighted(PerClass f) {
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            sum += support(c) * f.of(c);
        }
        return sum / n;
    }

    /** @return unweighted mean precision over the classes present */
    public double macroPrecision() {
        return macro(this::precision);
    }

    /** @return unweighted mean recall over the classes present */
    public double macroRecall() {
        return macro(this::recall);
    }

    /** @return unweighted mean F1 over the classes present */
    public double macroF1() {
        return macro(this::f1);
    }

    /** @return micro-averaged precision (equals accuracy for single-label classification) */
    public double microPrecision() {
        return accuracy();
    }

    /** @return micro-averaged recall (equals accuracy for single-label classification) */
    public double microRecall() {
        return accuracy();
    }

    /** @return micro-averaged F1 (equals accuracy for single-label classification) */
    public double microF1() {
        return accuracy();
    }

    /** @return support-weighted mean precision */
    public double weightedPrecision() {
        return weighted(this::precision);
    }

    /** @return support-weighted mean recall */
    public double weightedRecall() {
        return weighted(this::recall);
    }

    /** @return support-weighted mean F1 */
    public double weightedF1() {
        return weighted(this::f1);
    }

    /** @return mean clipped cross-entropy of the true classes; NaN without probabilities */
    public double logLoss() {
        return logLoss;
    }

    /** @return ROC-AUC (binary: class 1; multi-class: macro one-vs-rest); NaN without probabilities */
    public double rocAuc() {
        return rocAuc;
    }

    /** @return a readable report: per-class table, averages, log loss, ROC-AUC and the confusion matrix */
    @Override
    public String toString() {
        int w = Math.max(12, labels.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String rowFormat = "%" + w + "s %10s %10s %10s %10s%n";
        String numFormat = "%" + w + "s %10.4f %10.4f %10.4f %10d%n";
        sb.append(String.format(Locale.ROOT, rowFormat, "", "precision", "recall", "f1-score", "support"));
        sb.append('\n');
        for (int c = 0; c < labels.size(); c++) {
            sb.append(String.format(Locale.ROOT, numFormat, labels.get(c), precision(c), recall(c), f1(c), support(c)));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%" + w + "s %10s %10s %10.4f %10d%n", "accuracy", "", "", accuracy(), n));
        sb.append(String.format(Locale.ROOT, numFormat, "macro avg", macroPrecision(), macroRecall(), macroF1(), n));
        sb.append(String.format(Locale.ROOT, numFormat, "weighted avg", weightedPrecision(), weightedRecall(),
                weightedF1(), n));
        if (!Double.isNaN(logLoss)) {
            sb.append('\n').append(String.format(Locale.ROOT, "log loss: %.4f%n", logLoss));
        }
        if (!Double.isNaN(rocAuc)) {
            sb.append(String.format(Locale.ROOT, "ROC-AUC: %.4f (%s)%n", rocAuc,
                    labels.size() == 2 ? "class '" + labels.get(1) + "'" : "macro one-vs-rest"));
        }
        sb.append("\nconfusion matrix (rows: actual, columns: predicted)\n");
        List<String> header = new ArrayList<>(labels);
        int cw = Math.max(6, header.stream().mapToInt(String::length).max().orElse(0) + 1);
        for (long[] row : confusion) {
            for (long v : row) {
                cw = Math.max(cw, Long.toString(v).length() + 1);
            }
        }
        sb.append(String.format(Locale.ROOT, "%" + w + "s", ""));
        for (String l : header) {
            sb.append(String.format(Locale.ROOT, " %" + cw + "s", l));
        }
        sb.append('\n');
        for (int a = 0; a < confusion.length; a++) {
            sb.append(String.format(Locale.ROOT, "%" + w + "s", labels.get(a)));
            for (long v : confusion[a]) {
                sb.append(String.format(Locale.ROOT, " %" + cw + "d", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
