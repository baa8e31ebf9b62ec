package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesAThreeByThreeSystem() {
        // A = [[4,2,0],[2,5,1],[0,1,3]], x = [1,-1,2]  =>  b = A x = [2, -1, 5] (by hand)
        double[] a = {4, 2, 0, 2, 5, 1, 0, 1, 3};
        double[] b = {2, -1, 5};
        Cholesky.solve(a, b, 3);
        assertThat(b).containsExactly(new double[] {1, -1, 2}, within(1e-12));
    }

    @Test
    void rejectsAMatrixThatIsNotPositiveDefinite() {
        double[] a = {1, 2, 2, 1}; // eigenvalues 3 and -1
        assertThatThrownBy(() -> Cholesky.solve(a, new double[] {1, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not positive definite");
    }
}
