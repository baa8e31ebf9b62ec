package io.mercato.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void highestFirstWithTiesByLowerIndex() {
        double[] s = {0.5, 0.9, 0.1, 0.9, 0.7};
        assertThat(TopK.indices(s, 3)).containsExactly(1, 3, 4);
        assertThat(TopK.indices(s, 10)).containsExactly(1, 3, 4, 0, 2);
        assertThat(TopK.indices(s, 0)).isEmpty();
    }

    @Test
    void skipsNaNAndNegativeInfinityAndDisallowed() {
        double[] s = {Double.NaN, 1, Double.NEGATIVE_INFINITY, 2, Double.POSITIVE_INFINITY};
        assertThat(TopK.indices(s, 5)).containsExactly(4, 3, 1);
        assertThat(TopK.indices(s, 5, i -> i != 4)).containsExactly(3, 1);
        assertThat(TopK.indices(new double[0], 3)).isEmpty();
    }

    @Test
    void matchesFullSortOnRandomData() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(10); // many ties
            }
            int k = rnd.nextInt(n + 2);
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(TopK.indices(s, k)).containsExactly(expected);
        }
    }

    @Test
    void rejectsNegativeK() {
        assertThatThrownBy(() -> TopK.indices(new double[] {1}, -1)).hasMessageContaining("k must be >= 0");
    }
}
