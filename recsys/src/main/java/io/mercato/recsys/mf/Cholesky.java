package io.mercato.recsys.mf;

/**
 * Solves small dense symmetric positive-definite systems {@code A x = b} in place (Cholesky factorization).
 *
 * <p>The ridge solves of ALS are k × k with k of a few dozen: a plain-array Cholesky costs k³/6 flops and no
 * allocation, where a library call would cost more in overhead than in arithmetic.
 */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Overwrites {@code b} with the solution of {@code A x = b}. {@code a} is a row-major k × k symmetric
     * positive-definite matrix; its lower triangle is overwritten with the Cholesky factor.
     *
     * @throws IllegalArgumentException when {@code a} is not positive definite
     */
    static void solve(double[] a, double[] b, int k) {
        for (int j = 0; j < k; j++) {
            double d = a[j * k + j];
            for (int m = 0; m < j; m++) {
                d -= a[j * k + m] * a[j * k + m];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (pivot " + j + " = " + d + ")");
            }
            d = Math.sqrt(d);
            a[j * k + j] = d;
            for (int i = j + 1; i < k; i++) {
                double s = a[i * k + j];
                for (int m = 0; m < j; m++) {
                    s -= a[i * k + m] * a[j * k + m];
                }
                a[i * k + j] = s / d;
            }
        }
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= a[i * k + m] * b[m];
            }
            b[i] = s / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int m = i + 1; m < k; m++) {
                s -= a[m * k + i] * b[m];
            }
            b[i] = s / a[i * k + i];
        }
    }
}
