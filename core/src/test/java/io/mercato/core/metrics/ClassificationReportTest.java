package io.mercato.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference values computed with python3 + scikit-learn 1.2.1 (Debian python3-sklearn) on the data
 * below: confusion_matrix, accuracy_score, precision_recall_fscore_support (average=None, macro,
 * micro, weighted; zero_division=0), log_loss, roc_auc_score (binary, and multi_class='ovr',
 * average='macro').
 */
class ClassificationReportTest {

    private static final List<String> LABELS = List.of("neg", "neu", "pos");
    private static final int[] Y = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2};
    private static final int[] PRED = {0, 1, 0, 1, 1, 2, 1, 2, 2, 0, 2, 1};
    private static final double[][] PROBS = {
        {.6, .3, .1}, {.3, .5, .2}, {.7, .2, .1}, {.2, .7, .1}, {.1, .8, .1}, {.2, .3, .5},
        {.3, .4, .3}, {.1, .1, .8}, {.2, .2, .6}, {.5, .2, .3}, {.1, .3, .6}, {.2, .45, .35}};
    private static final double TOL = 1e-12;

    @Test
    void multiClassMatchesSklearn() {
        ClassificationReport r = ClassificationReport.of(LABELS, Y, PRED, PROBS);
        assertThat(r.confusionMatrix()).isDeepEqualTo(new long[][] {{2, 1, 0}, {0, 3, 1}, {1, 1, 3}});
        assertThat(r.n()).isEqualTo(12);
        assertThat(r.accuracy()).isCloseTo(0.6666666666666666, within(TOL));
        assertThat(new double[] {r.precision(0), r.precision(1), r.precision(2)})
                .containsExactly(new double[] {0.6666666666666666, 0.6, 0.75}, within(TOL));
        assertThat(new double[] {r.recall(0), r.recall(1), r.recall(2)})
                .containsExactly(new double[] {0.6666666666666666, 0.75, 0.6}, within(TOL));
        assertThat(new double[] {r.f1(0), r.f1(1), r.f1(2)})
                .containsExactly(new double[] {0.6666666666666666, 0.6666666666666665, 0.6666666666666665}, within(TOL));
        assertThat(new int[] {r.support(0), r.support(1), r.support(2)}).containsExactly(3, 4, 5);
        assertThat(r.macroPrecision()).isCloseTo(0.6722222222222222, within(TOL));
        assertThat(r.macroRecall()).isCloseTo(0.6722222222222222, within(TOL));
        assertThat(r.macroF1()).isCloseTo(0.6666666666666665, within(TOL));
        assertThat(r.microPrecision()).isCloseTo(0.6666666666666666, within(TOL));
        assertThat(r.microRecall()).isCloseTo(0.6666666666666666, within(TOL));
        assertThat(r.microF1()).isCloseTo(0.6666666666666666, within(TOL));
        assertThat(r.weightedPrecision()).isCloseTo(0.6791666666666667, within(TOL));
        assertThat(r.weightedRecall()).isCloseTo(0.6666666666666666, within(TOL));
        assertThat(r.weightedF1()).isCloseTo(0.6666666666666665, within(TOL));
        assertThat(r.logLoss()).isCloseTo(0.6891787609295413, within(TOL));
        assertThat(r.rocAuc()).isCloseTo(0.9055886243386243, within(TOL));
        assertThat(r.rocAuc(0)).isCloseTo(0.9444444444444444, within(TOL));
        assertThat(r.rocAuc(1)).isCloseTo(0.84375, within(TOL));
        assertThat(r.rocAuc(2)).isCloseTo(0.9285714285714285, within(TOL));
    }

    @Test
    void binaryWithTiedScoresMatchesSklearn() {
        int[] y = {0, 0, 1, 1, 0, 1, 0, 1};
        double[] s = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9};
        double[][] probs = new double[y.length][];
        int[] pred = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            probs[i] = new double[] {1 - s[i], s[i]};
            pred[i] = s[i] >= 0.5 ? 1 : 0;
        }
        ClassificationReport r = ClassificationReport.of(List.of("no", "yes"), y, pred, probs);
        assertThat(r.rocAuc()).isCloseTo(0.8125, within(TOL));           // roc_auc_score(y, s)
        assertThat(r.logLoss()).isCloseTo(0.45559652973111076, within(1e-12)); // log_loss(y, s)
        assertThat(r.precision(0)).isCloseTo(0.6666666666666666, within(TOL));
        assertThat(r.recall(1)).isCloseTo(0.5, within(TOL));
        assertThat(r.f1(0)).isCloseTo(0.8, within(TOL));
        assertThat(r.f1(1)).isCloseTo(0.6666666666666666, within(TOL));
    }

    @Test
    void zeroDivisionIsZeroLikeSklearn() {
        // y = [0,0,2,2], pred = [0,1,0,0]: class 1 has no support, class 2 is never predicted
        ClassificationReport r = ClassificationReport.of(LABELS, new int[] {0, 0, 2, 2}, new int[] {0, 1, 0, 0});
        assertThat(r.precision(1)).isZero();
        assertThat(r.recall(1)).isZero();
        assertThat(r.precision(2)).isZero();
        assertThat(r.f1(2)).isZero();
        assertThat(r.precision(0)).isCloseTo(1.0 / 3, within(TOL));
        assertThat(r.macroPrecision()).isCloseTo(0.1111111111111111, within(TOL));
        assertThat(r.macroRecall()).isCloseTo(0.16666666666666666, within(TOL));
        assertThat(r.macroF1()).isCloseTo(0.13333333333333333, within(TOL));
        assertThat(r.weightedPrecision()).isCloseTo(0.16666666666666666, within(TOL));
        assertThat(r.weightedF1()).isCloseTo(0.2, within(TOL));
        assertThat(r.logLoss()).isNaN();
        assertThat(r.rocAuc()).isNaN();
    }

    @Test
    void macroAveragesSkipClassesNeitherPresentNorPredicted() {
        ClassificationReport r = ClassificationReport.of(LABELS, new int[] {0, 2}, new int[] {0, 2});
        assertThat(r.macroF1()).isEqualTo(1.0);
        assertThat(r.f1(1)).isZero();
    }

    @Test
    void rocAucUndefinedWithOneClassAndPerfectWhenSeparable() {
        ClassificationReport one = ClassificationReport.of(List.of("a", "b"), new int[] {1, 1}, new int[] {1, 0},
                new double[][] {{0.2, 0.8}, {0.6, 0.4}});
        assertThat(one.rocAuc()).isNaN();
        ClassificationReport perfect = ClassificationReport.of(List.of("a", "b"), new int[] {0, 1, 1},
                new int[] {0, 1, 1}, new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.1, 0.9}});
        assertThat(perfect.rocAuc()).isEqualTo(1.0);
        assertThat(perfect.accuracy()).isEqualTo(1.0);
    }

    @Test
    void textReportIsReadable() {
        String text = ClassificationReport.of(LABELS, Y, PRED, PROBS).toString();
        assertThat(text).contains("precision", "recall", "f1-score", "support");
        assertThat(text).containsPattern("neu\\s+0\\.6000\\s+0\\.7500\\s+0\\.6667\\s+4");
        assertThat(text).containsPattern("accuracy\\s+0\\.6667\\s+12");
        assertThat(text).containsPattern("macro avg\\s+0\\.6722\\s+0\\.6722\\s+0\\.6667\\s+12");
        assertThat(text).contains("log loss: 0.6892", "ROC-AUC: 0.9056 (macro one-vs-rest)");
        assertThat(text).containsPattern("pos\\s+1\\s+1\\s+3\\n");
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> ClassificationReport.of(LABELS, new int[] {0}, new int[] {0, 1}))
                .hasMessage("actual and predicted differ in length: 1 vs 2");
        assertThatThrownBy(() -> ClassificationReport.of(LABELS, new int[] {0, 3}, new int[] {0, 1}))
                .hasMessage("actual[1] = 3 is not a class in [0, 3)");
        assertThatThrownBy(() -> ClassificationReport.of(LABELS, new int[0], new int[0]))
                .hasMessageContaining("empty test set");
        assertThatThrownBy(() -> ClassificationReport.of(LABELS, new int[] {0}, new int[] {0}, new double[][] {{0.5, 0.5}}))
                .hasMessage("probabilities row 0 has 2 columns but there are 3 labels");
        assertThatThrownBy(() -> ClassificationReport.of(LABELS, new int[] {0}, new int[] {0}, new double[][] {{0.5, Double.NaN, 0}}))
                .hasMessage("probabilities[0][1] = NaN is not in [0, 1]");
    }
}
