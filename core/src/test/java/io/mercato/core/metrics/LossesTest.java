package io.mercato.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void binaryCrossEntropyMatchesSklearn() {
        // python3: sklearn.metrics.log_loss([1,0,1,1,0], [0.9,0.2,0.6,0.99,0.4]) (sklearn 1.2.1)
        double expected = 0.2720411300715038;
        assertThat(Losses.binaryCrossEntropy(new double[] {1, 0, 1, 1, 0}, new double[] {0.9, 0.2, 0.6, 0.99, 0.4}))
                .isCloseTo(expected, within(1e-14));
        // hand-worked: -ln(0.25)
        assertThat(Losses.binaryCrossEntropy(0, 0.75)).isCloseTo(Math.log(4), within(1e-15));
        assertThat(Losses.binaryCrossEntropy(1, 1.0)).isCloseTo(-Math.log(1 - 1e-15), within(1e-18));
    }

    @Test
    void clippingBoundsTheLossOfConfidentMistakes() {
        // -ln(1e-15) = 34.538776394910684
        assertThat(Losses.binaryCrossEntropy(1, 0.0)).isCloseTo(34.538776394910684, within(1e-9));
        assertThat(Losses.binaryCrossEntropy(0, 1.0)).isCloseTo(34.538776394910684, within(1e-3));
        assertThat(Losses.categoricalCrossEntropy(new double[] {1, 0}, 1)).isCloseTo(34.538776394910684, within(1e-9));
        assertThat(Losses.clip(0)).isEqualTo(Losses.EPSILON);
        assertThat(Losses.clip(1)).isEqualTo(1 - Losses.EPSILON);
        assertThat(Losses.clip(0.3)).isEqualTo(0.3);
    }

    @Test
    void categoricalCrossEntropyMatchesSklearn() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.5, 0.4}, {0.3, 0.3, 0.4}, {0.05, 0.05, 0.9}};
        int[] t = {0, 2, 1, 2};
        // python3: sklearn.metrics.log_loss([0,2,1,2], P, labels=[0,1,2]); same as -mean(log(P[i, t_i]))
        assertThat(Losses.averageCrossEntropy(p, t)).isCloseTo(0.6455747489491624, within(1e-14));
        assertThat(Losses.categoricalCrossEntropy(p[1], 2)).isCloseTo(-Math.log(0.4), within(1e-15));
        assertThat(Losses.categoricalCrossEntropy(p[1], new double[] {0, 0, 1})).isCloseTo(-Math.log(0.4), within(1e-15));
        // soft target: -(0.5 ln 0.1 + 0.5 ln 0.5)
        assertThat(Losses.categoricalCrossEntropy(p[1], new double[] {0.5, 0.5, 0}))
                .isCloseTo(-(0.5 * Math.log(0.1) + 0.5 * Math.log(0.5)), within(1e-15));
    }

    @Test
    void crossEntropyFromLogitsIsStableForLargeLogits() {
        // python3: scipy.special.logsumexp([1000,1001,999.5]) - 1001
        assertThat(Losses.crossEntropyFromLogits(new double[] {1000, 1001, 999.5}, 1))
                .isCloseTo(0.4643687841079327, within(1e-12));
        // python3: mean(logsumexp(z_i) - z_i[t_i]) for z=[[2,-1,.5],[.1,.2,.3]], t=[0,2]
        assertThat(Losses.averageCrossEntropyFromLogits(new double[][] {{2, -1, 0.5}, {0.1, 0.2, 0.3}}, new int[] {0, 2}))
                .isCloseTo(0.6216270724432006, within(1e-14));
        assertThat(Losses.crossEntropyFromLogits(new double[] {-1e6, 1e6}, 1)).isEqualTo(0.0);
        assertThat(Losses.crossEntropyFromLogits(new double[] {-1e6, 1e6}, 0)).isCloseTo(2e6, within(1e-6));
        assertThat(Losses.logSumExp(new double[] {0, 0})).isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void logitsAndProbabilitiesAgree() {
        double[] z = {0.3, -1.2, 2.0, 0.0};
        double max = 2.0;
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        for (int c = 0; c < z.length; c++) {
            assertThat(Losses.crossEntropyFromLogits(z, c)).isCloseTo(Losses.categoricalCrossEntropy(p, c), within(1e-12));
        }
    }

    @Test
    void regressionErrorsMatchSklearn() {
        double[] y = {3, -0.5, 2, 7};
        double[] yhat = {2.5, 0, 2, 8};
        // python3: sklearn mean_squared_error / sqrt of it / mean_absolute_error
        assertThat(Losses.mse(y, yhat)).isCloseTo(0.375, within(1e-15));
        assertThat(Losses.rmse(y, yhat)).isCloseTo(0.6123724356957945, within(1e-15));
        assertThat(Losses.mae(y, yhat)).isCloseTo(0.5, within(1e-15));
        assertThat(Losses.mse(y, y)).isZero();
    }

    @Test
    void invalidInputIsRejectedWithPosition() {
        assertThatThrownBy(() -> Losses.mse(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("actual and predicted differ in length: 2 vs 3");
        assertThatThrownBy(() -> Losses.mae(new double[] {1, Double.NaN}, new double[2]))
                .hasMessage("actual[1] = NaN is not finite");
        assertThatThrownBy(() -> Losses.binaryCrossEntropy(new double[] {1}, new double[] {1.5}))
                .hasMessage("probabilities[0] = 1.5 is not in [0, 1]");
        assertThatThrownBy(() -> Losses.categoricalCrossEntropy(new double[] {0.5, 0.5}, 2))
                .hasMessage("target class 2 is outside [0, 2)");
        assertThatThrownBy(() -> Losses.crossEntropyFromLogits(new double[] {1, Double.POSITIVE_INFINITY}, 0))
                .hasMessage("logits[1] = Infinity is not finite");
        assertThatThrownBy(() -> Losses.averageCrossEntropy(new double[0][], new int[0]))
                .hasMessageContaining("empty batch");
        assertThatThrownBy(() -> Losses.logSumExp(new double[0])).hasMessageContaining("empty");
    }
}
