package io.mercato.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatKernelsTest {

    @Test
    void addTransposedTimesAddsTheRowsWeightedByT() {
        // 300 rows cross a run boundary (256); 13 columns: one block of eight and a tail of five
        int n = 300;
        int k = 13;
        int gAt = 7;
        int tAt = 3;
        int outAt = 2;
        Random random = new Random(5);
        float[] g = new float[gAt + n * k];
        float[] t = new float[tAt + n];
        float[] out = new float[outAt + k + 4];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) random.nextGaussian();
        }
        for (int f = 0; f < out.length; f++) {
            out[f] = f; // added to, not overwritten
        }
        FloatKernels.addTransposedTimes(g, gAt, n, k, t, tAt, out, outAt);
        for (int f = 0; f < k; f++) {
            double expected = outAt + f;
            for (int i = 0; i < n; i++) {
                expected += (double) g[gAt + i * k + f] * t[tAt + i];
            }
            assertThat((double) out[outAt + f]).as("column %d", f).isCloseTo(expected, within(1e-3));
        }
        assertThat(out[0]).isEqualTo(0f);
        assertThat(out[1]).isEqualTo(1f);
        for (int f = outAt + k; f < out.length; f++) {
            assertThat(out[f]).isEqualTo((float) f);
        }
    }
}
