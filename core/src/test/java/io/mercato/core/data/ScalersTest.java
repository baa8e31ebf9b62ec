package io.mercato.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference values: python3 + scikit-learn 1.2.1, StandardScaler().fit(X) / MinMaxScaler().fit(X)
 * (and feature_range=(-1, 1)) on X below, transforming the rows shown.
 */
class ScalersTest {

    private static final double[][] X = {{1, 10, 5}, {2, 20, 5}, {4, 15, 5}, {7, 30, 5}};

    @Test
    void standardScalerMatchesSklearn() {
        StandardScaler s = StandardScaler.fit(X);
        assertThat(s.means()).containsExactly(new double[] {3.5, 18.75, 5.0}, within(1e-12));
        assertThat(s.scales()).containsExactly(new double[] {2.29128784747792, 7.39509972887452, 1.0}, within(1e-12));
        assertThat(s.transform(new double[] {3, 25, 6}))
                .containsExactly(new double[] {-0.2182178902359924, 0.8451542547285166, 1.0}, within(1e-12));
        assertThat(s.columns()).isEqualTo(3);
    }

    @Test
    void standardizedTrainingDataHasZeroMeanUnitVarianceAndInverts() {
        Random rnd = new Random(2);
        double[][] x = new double[50][4];
        for (double[] row : x) {
            for (int c = 0; c < 4; c++) {
                row[c] = 100 + 30 * rnd.nextGaussian();
            }
        }
        StandardScaler s = StandardScaler.fit(x);
        double[][] z = s.transform(x);
        for (int c = 0; c < 4; c++) {
            double mean = 0;
            double var = 0;
            for (double[] row : z) {
                mean += row[c] / z.length;
            }
            for (double[] row : z) {
                var += (row[c] - mean) * (row[c] - mean) / z.length;
            }
            assertThat(mean).isCloseTo(0, within(1e-12));
            assertThat(var).isCloseTo(1, within(1e-12));
        }
        double[][] back = s.inverseTransform(z);
        for (int r = 0; r < x.length; r++) {
            assertThat(back[r]).containsExactly(x[r], within(1e-9));
        }
        assertThat(x[0][0]).as("input untouched").isNotEqualTo(z[0][0]);
    }

    @Test
    void constantColumnsDoNotDivideByZero() {
        double[][] x = {{0.1, 1}, {0.1, 2}, {0.1, 3}};
        assertThat(StandardScaler.fit(x).transform(x)[1][0]).isZero();
        assertThat(MinMaxScaler.fit(x).transform(x)[2][0]).isZero();
    }

    @Test
    void minMaxScalerMatchesSklearn() {
        MinMaxScaler m = MinMaxScaler.fit(X);
        assertThat(m.transform(new double[][] {{3, 25, 6}, {8, 5, 5}})).satisfies(t -> {
            assertThat(t[0]).containsExactly(new double[] {0.33333333333333337, 0.75, 1.0}, within(1e-12));
            assertThat(t[1]).containsExactly(new double[] {1.1666666666666665, -0.25, 0.0}, within(1e-12));
        });
        MinMaxScaler sym = MinMaxScaler.fit(X, -1, 1);
        assertThat(sym.transform(new double[] {3, 25, 6}))
                .containsExactly(new double[] {-0.33333333333333326, 0.5, 1.0}, within(1e-12));
        assertThat(m.mins()).containsExactly(1, 10, 5);
        assertThat(m.maxs()).containsExactly(7, 30, 5);
        double[][] t = m.transform(X);
        for (double[] row : t) {
            for (double v : row) {
                assertThat(v).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void persistRoundTrip() throws IOException {
        StandardScaler s = StandardScaler.fit(X);
        MinMaxScaler m = MinMaxScaler.fit(X, -2, 3);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        s.writeTo(out);
        m.writeTo(out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bos.toByteArray()));
        double[] row = {3, 25, 6};
        assertThat(StandardScaler.readFrom(in).transform(row)).containsExactly(s.transform(row));
        assertThat(MinMaxScaler.readFrom(in).transform(row)).containsExactly(m.transform(row));
    }

    @Test
    void badInputIsRejectedWithPosition() {
        StandardScaler s = StandardScaler.fit(X);
        assertThatThrownBy(() -> s.transform(new double[] {1, 2})).hasMessage("row 0 has 2 columns but 3 were expected");
        assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{1, 2}, {3, Double.NaN}}))
                .hasMessage("row 1, column 1 is NaN; impute missing values first (see Imputer)");
        assertThatThrownBy(() -> StandardScaler.fit(new double[0][])).hasMessage("cannot fit on zero rows");
        assertThatThrownBy(() -> MinMaxScaler.fit(X, 1, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid setting 'featureRange' = [1.0, 1.0]: must be finite with lo < hi");
    }
}
