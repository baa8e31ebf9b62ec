package io.mercato.core.linalg;

/**
 * The dense {@code float} inner loops that per-row training code shares (conjugate-gradient ALS, SGD on embeddings):
 * on primitive arrays with offsets, so that a row of a flat row-major matrix is used in place. The summation order
 * is fixed, so results are deterministic.
 */
public final class FloatKernels {

    private FloatKernels() {
    }

    /**
     * {@code a[ai..ai+n) · b[bi..bi+n)} with eight independent partial sums (the JIT does not vectorize a float
     * reduction, so independent sums are what keeps the multiply-adds in flight), combined as
     * {@code ((s0+s1)+(s2+s3)) + ((s4+s5)+(s6+s7))}.
     */
    public static float dot(float[] a, int ai, float[] b, int bi, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int f = 0;
        for (; f + 7 < n; f += 8) {
            s0 += a[ai + f] * b[bi + f];
            s1 += a[ai + f + 1] * b[bi + f + 1];
            s2 += a[ai + f + 2] * b[bi + f + 2];
            s3 += a[ai + f + 3] * b[bi + f + 3];
            s4 += a[ai + f + 4] * b[bi + f + 4];
            s5 += a[ai + f + 5] * b[bi + f + 5];
            s6 += a[ai + f + 6] * b[bi + f + 6];
            s7 += a[ai + f + 7] * b[bi + f + 7];
        }
        for (; f < n; f++) {
            s0 += a[ai + f] * b[bi + f];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code out[outAt..outAt+n) += s · a[at..at+n)} (a loop the JIT vectorizes). */
    public static void axpy(float s, float[] a, int at, float[] out, int outAt, int n) {
        for (int f = 0; f < n; f++) {
            out[outAt + f] += s * a[at + f];
        }
    }
}
