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

    /** Rows of the gathered factors handled per pass of {@link #addTransposedTimes} (32 KB at rank 32). */
    static final int GATHER_RUN = 256;

    /**
     * {@code out[outAt..outAt+k) += Gᵀ t[tAt..tAt+n)} for the {@code n × k} row-major matrix {@code G} starting at
     * {@code g[gAt]} (the sum of its rows weighted by {@code t}): eight outputs at a time held in locals while a run
     * of rows streams past (one load per multiply-add, no stores in the inner loop, unlike one {@link #axpy} per
     * row), in runs of {@value #GATHER_RUN} rows so that the rows stay in cache across the output blocks.
     */
    public static void addTransposedTimes(float[] g, int gAt, int n, int k, float[] t, int tAt, float[] out,
            int outAt) {
        for (int i0 = 0; i0 < n; i0 += GATHER_RUN) {
            int i1 = Math.min(n, i0 + GATHER_RUN);
            int f = 0;
            for (; f + 7 < k; f += 8) {
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                float s4 = 0;
                float s5 = 0;
                float s6 = 0;
                float s7 = 0;
                for (int i = i0, go = gAt + i0 * k + f; i < i1; i++, go += k) {
                    float ti = t[tAt + i];
                    s0 += g[go] * ti;
                    s1 += g[go + 1] * ti;
                    s2 += g[go + 2] * ti;
                    s3 += g[go + 3] * ti;
                    s4 += g[go + 4] * ti;
                    s5 += g[go + 5] * ti;
                    s6 += g[go + 6] * ti;
                    s7 += g[go + 7] * ti;
                }
                out[outAt + f] += s0;
                out[outAt + f + 1] += s1;
                out[outAt + f + 2] += s2;
                out[outAt + f + 3] += s3;
                out[outAt + f + 4] += s4;
                out[outAt + f + 5] += s5;
                out[outAt + f + 6] += s6;
                out[outAt + f + 7] += s7;
            }
            for (; f < k; f++) {
                float s = 0;
                for (int i = i0, go = gAt + i0 * k + f; i < i1; i++, go += k) {
                    s += g[go] * t[tAt + i];
                }
                out[outAt + f] += s;
            }
        }
    }
}
