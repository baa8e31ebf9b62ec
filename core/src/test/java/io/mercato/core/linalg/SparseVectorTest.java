package io.mercato.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SparseVectorTest {

    private final SparseVector a = SparseVector.of(6, new int[] {0, 2, 5}, new double[] {1, 2, 3});
    private final SparseVector b = SparseVector.of(6, new int[] {2, 3, 5}, new double[] {4, 7, -1});

    @Test
    void accessorsAndCopies() {
        assertThat(a.dimension()).isEqualTo(6);
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.index(1)).isEqualTo(2);
        assertThat(a.value(2)).isEqualTo(3.0);
        assertThat(a.get(2)).isEqualTo(2.0);
        assertThat(a.get(3)).isEqualTo(0.0);
        int[] idx = a.indices();
        idx[0] = 99;
        assertThat(a.index(0)).isEqualTo(0);
        assertThat(a.toDense()).containsExactly(1, 0, 2, 0, 0, 3);
    }

    @Test
    void inputArraysAreCopied() {
        int[] idx = {1, 2};
        double[] val = {5, 6};
        SparseVector v = SparseVector.of(3, idx, val);
        idx[0] = 0;
        val[0] = 0;
        assertThat(v.index(0)).isEqualTo(1);
        assertThat(v.value(0)).isEqualTo(5.0);
    }

    @Test
    void dotProductsAndNorm() {
        // hand-worked: shared indices 2 and 5 -> 2*4 + 3*(-1) = 5
        assertThat(a.dot(b)).isEqualTo(5.0);
        assertThat(a.dot(new double[] {1, 1, 1, 1, 1, 1})).isEqualTo(6.0);
        assertThat(a.norm()).isCloseTo(Math.sqrt(14), within(1e-12));
        assertThat(a.l2Normalized().norm()).isCloseTo(1.0, within(1e-12));
        assertThat(a.scale(2).toDense()).containsExactly(2, 0, 4, 0, 0, 6);
        assertThat(SparseVector.empty(4).l2Normalized()).isEqualTo(SparseVector.empty(4));
        assertThat(a.sum()).isEqualTo(6.0);
    }

    @Test
    void fromMapSortsAndDropsZeros() {
        SparseVector v = SparseVector.fromMap(10, Map.of(7, 1.5, 2, -1.0, 4, 0.0));
        assertThat(v.indices()).containsExactly(2, 7);
        assertThat(v.values()).containsExactly(-1.0, 1.5);
        assertThat(SparseVector.fromDense(new double[] {0, 3, 0, 4})).isEqualTo(
                SparseVector.of(4, new int[] {1, 3}, new double[] {3, 4}));
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> SparseVector.of(3, new int[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 indices vs 1 values");
        assertThatThrownBy(() -> SparseVector.of(3, new int[] {3}, new double[] {1}))
                .hasMessageContaining("index 3 at position 0 is outside [0, 3)");
        assertThatThrownBy(() -> SparseVector.of(3, new int[] {1, 1}, new double[] {1, 2}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> SparseVector.of(3, new int[] {2, 0}, new double[] {1, 2}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> SparseVector.of(3, new int[] {0}, new double[] {Double.NaN}))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> a.dot(SparseVector.empty(5))).hasMessageContaining("6 vs 5");
        assertThatThrownBy(() -> a.dot(new double[2])).hasMessageContaining("6 vs 2");
    }
}
