package io.mercato.core.metrics;

import io.mercato.core.linalg.SparseVector;
import java.util.Set;

/**
 * Similarities and distances between two vectors, in plain Java on {@code double[]}, {@code float[]}
 * and {@link SparseVector} (no ND4J; for all pairs of many rows use
 * {@link io.mercato.core.linalg.BatchSimilarity}). Arithmetic is in double precision.
 *
 * <p>Defined behaviour at the edges:
 * <ul>
 *   <li>cosine with a zero vector is 0 (no direction, no similarity);</li>
 *   <li>Pearson correlation with a constant vector (including a zero vector and vectors of length
 *       0 or 1) is 0 (no variation, no correlation); constancy is tested exactly, not by a
 *       threshold;</li>
 *   <li>cosine and Pearson are clamped to [-1, 1] against rounding;</li>
 *   <li>vectors of different lengths (or sparse dimensions) throw an {@link IllegalArgumentException}
 *       naming both lengths;</li>
 *   <li>NaN or infinite elements throw an {@link IllegalArgumentException} naming the vector and the
 *       index; finite values whose squares overflow are handled by rescaling;</li>
 *   <li>Jaccard of two empty sets is 0.</li>
 * </ul>
 * Sparse vectors are treated as dense vectors with zeros at the missing indices (so the sparse and
 * dense forms agree), e.g. the Pearson mean is taken over all {@code dimension()} entries.
 */
public final class Similarities {
    /** Sums of squares below this may have lost precision to underflow; such inputs are rescaled. */
    private static final double TINY = 1e-200;
    /**
     * The fast Pearson path is used only when each variance is more than this fraction of the raw sum
     * of squares (|mean| below about 16 standard deviations), bounding the cancellation loss to
     * about 8 bits; otherwise the shifted path is used.
     */
    private static final double CANCELLATION_LIMIT = 0x1p-8;

    private Similarities() {
    }

    // ================================================================ double[]

    /**
     * @return the cosine of the angle between {@code a} and {@code b}, in [-1, 1]; 0 if either is zero
     */
    public static double cosine(double[] a, double[] b) {
        checkLength(a.length, b.length);
        return cosine(a, b, false);
    }

    private static double cosine(double[] a, double[] b, boolean rescaled) {
        int n = a.length;
        double d0 = 0, d1 = 0, a0 = 0, a1 = 0, b0 = 0, b1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double x0 = a[i], y0 = b[i], x1 = a[i + 1], y1 = b[i + 1];
            d0 += x0 * y0;
            d1 += x1 * y1;
            a0 += x0 * x0;
            a1 += x1 * x1;
            b0 += y0 * y0;
            b1 += y1 * y1;
        }
        if (i < n) {
            d0 += a[i] * b[i];
            a0 += a[i] * a[i];
            b0 += b[i] * b[i];
        }
        double dot = d0 + d1, na = a0 + a1, nb = b0 + b1;
        if (!Double.isFinite(dot) || !Double.isFinite(na) || !Double.isFinite(nb)) {
            checkFinite(a, b);
            return cosine(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
        }
        if ((na < TINY || nb < TINY) && !rescaled) {
            // squares may have underflowed: rescale (exact zero vectors stay zero and give 0)
            return cosine(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
        }
        return ratio(dot, na, nb);
    }

    /**
     * @return Pearson's correlation coefficient of {@code a} and {@code b}, in [-1, 1]; 0 if either is
     *     constant
     */
    public static double pearson(double[] a, double[] b) {
        checkLength(a.length, b.length);
        int n = a.length;
        if (n == 0) {
            return 0;
        }
        // Fast path: one pass over the raw data with two independent sets of accumulators. Math.fma is
        // one instruction on x86-64 with FMA3 (2013 on) and on ARMv8; it is what keeps this ≤ 100 ns at 64-d.
        double sx0 = 0, sx1 = 0, sy0 = 0, sy1 = 0, sxy0 = 0, sxy1 = 0, sxx0 = 0, sxx1 = 0, syy0 = 0, syy1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double x0 = a[i], y0 = b[i], x1 = a[i + 1], y1 = b[i + 1];
            sx0 += x0;
            sx1 += x1;
            sy0 += y0;
            sy1 += y1;
            sxy0 = Math.fma(x0, y0, sxy0);
            sxy1 = Math.fma(x1, y1, sxy1);
            sxx0 = Math.fma(x0, x0, sxx0);
            sxx1 = Math.fma(x1, x1, sxx1);
            syy0 = Math.fma(y0, y0, syy0);
            syy1 = Math.fma(y1, y1, syy1);
        }
        if (i < n) {
            double x = a[i], y = b[i];
            sx0 += x;
            sy0 += y;
            sxy0 = Math.fma(x, y, sxy0);
            sxx0 = Math.fma(x, x, sxx0);
            syy0 = Math.fma(y, y, syy0);
        }
        double sx = sx0 + sx1, sy = sy0 + sy1, sxx = sxx0 + sxx1, syy = syy0 + syy1;
        double va = sxx - sx * sx / n;
        double vb = syy - sy * sy / n;
        // Σx² - (Σx)²/n loses about log2(Σx² / va) bits to cancellation; trust it only when that
        // loss is small, the sums did not overflow and the squares cannot have underflowed.
        if (va > sxx * CANCELLATION_LIMIT && vb > syy * CANCELLATION_LIMIT && sxx < Double.MAX_VALUE
                && syy < Double.MAX_VALUE && sxx > TINY && syy > TINY) {
            double cov = (sxy0 + sxy1) - sx * sy / n;
            if (Double.isFinite(cov)) {
                return ratio(cov, va, vb);
            }
        }
        return shiftedPearson(a, b, false);
    }

    /**
     * The careful path of {@link #pearson(double[], double[])}: one pass over data shifted by its
     * first element gives exact zeros for constant vectors, and since {@code (a[0] - mean)^2 <= n *
     * variance}, the cancellation in {@code Σx² - (Σx)²/n} costs at most about {@code n·ε} relative
     * error. Non-finite elements are rejected; overflowing or underflowing squares are rescaled.
     */
    private static double shiftedPearson(double[] a, double[] b, boolean rescaled) {
        int n = a.length;
        double ka = a[0], kb = b[0];
        double sx0 = 0, sx1 = 0, sy0 = 0, sy1 = 0, sxy0 = 0, sxy1 = 0, sxx0 = 0, sxx1 = 0, syy0 = 0, syy1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double x0 = a[i] - ka, y0 = b[i] - kb, x1 = a[i + 1] - ka, y1 = b[i + 1] - kb;
            sx0 += x0;
            sx1 += x1;
            sy0 += y0;
            sy1 += y1;
            sxy0 += x0 * y0;
            sxy1 += x1 * y1;
            sxx0 += x0 * x0;
            sxx1 += x1 * x1;
            syy0 += y0 * y0;
            syy1 += y1 * y1;
        }
        if (i < n) {
            double x = a[i] - ka, y = b[i] - kb;
            sx0 += x;
            sy0 += y;
            sxy0 += x * y;
            sxx0 += x * x;
            syy0 += y * y;
        }
        double sx = sx0 + sx1, sy = sy0 + sy1;
        double cov = (sxy0 + sxy1) - sx * sy / n;
        double va = (sxx0 + sxx1) - sx * sx / n;
        double vb = (syy0 + syy1) - sy * sy / n;
        if (!Double.isFinite(cov) || !Double.isFinite(va) || !Double.isFinite(vb)) {
            checkFinite(a, b);
            if (!rescaled) {
                return shiftedPearson(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
            }
        }
        if ((va < TINY || vb < TINY) && !rescaled) {
            // squares may have underflowed (or a vector is constant): rescale once
            return shiftedPearson(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
        }
        if (va <= 0 || vb <= 0) {
            return 0; // constant (exactly: every shifted value is 0)
        }
        return ratio(cov, va, vb);
    }

    /** @return the Euclidean distance {@code sqrt(Σ (a_i - b_i)^2)} */
    public static double euclidean(double[] a, double[] b) {
        double s = squaredEuclidean(a, b);
        if (Double.isInfinite(s)) {
            double scale = maxAbsDifference(a, b);
            if (Double.isInfinite(scale)) {
                return Double.POSITIVE_INFINITY;
            }
            return scale * Math.sqrt(squaredEuclidean(scaled(a, 1 / scale), scaled(b, 1 / scale)));
        }
        return Math.sqrt(s);
    }

    /**
     * @return the squared Euclidean distance {@code Σ (a_i - b_i)^2}; may be infinite when finite
     *     inputs overflow
     */
    public static double squaredEuclidean(double[] a, double[] b) {
        checkLength(a.length, b.length);
        int n = a.length;
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1];
            s0 += d0 * d0;
            s1 += d1 * d1;
        }
        if (i < n) {
            double d = a[i] - b[i];
            s0 += d * d;
        }
        double s = s0 + s1;
        if (!Double.isFinite(s)) {
            checkFinite(a, b);
        }
        return s;
    }

    // ================================================================ float[]

    /** Cosine on {@code float[]} (computed in double); see {@link #cosine(double[], double[])}. */
    public static double cosine(float[] a, float[] b) {
        checkLength(a.length, b.length);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i], y = b[i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        if (!Double.isFinite(dot) || !Double.isFinite(na) || !Double.isFinite(nb)) {
            checkFinite(toDouble(a), toDouble(b)); // float squares cannot overflow a double
        }
        return ratio(dot, na, nb);
    }

    /** Pearson on {@code float[]} (computed in double); see {@link #pearson(double[], double[])}. */
    public static double pearson(float[] a, float[] b) {
        checkLength(a.length, b.length);
        return pearson(toDouble(a), toDouble(b));
    }

    /** Euclidean distance on {@code float[]} (computed in double). */
    public static double euclidean(float[] a, float[] b) {
        return Math.sqrt(squaredEuclidean(a, b));
    }

    /** Squared Euclidean distance on {@code float[]} (computed in double). */
    public static double squaredEuclidean(float[] a, float[] b) {
        checkLength(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        if (!Double.isFinite(s)) {
            checkFinite(toDouble(a), toDouble(b));
        }
        return s;
    }

    // ================================================================ SparseVector

    /** Cosine of two sparse vectors of the same dimension; 0 if either is zero. */
    public static double cosine(SparseVector a, SparseVector b) {
        checkLength(a.dimension(), b.dimension());
        return cosine(a, b, false);
    }

    private static double cosine(SparseVector a, SparseVector b, boolean rescaled) {
        double dot = a.dot(b);
        double na = a.norm();
        double nb = b.norm();
        if ((!Double.isFinite(dot) || !Double.isFinite(na) || !Double.isFinite(nb) || na < TINY || nb < TINY)
                && !rescaled) {
            return cosine(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return clamp(dot / na / nb);
    }

    /**
     * Pearson correlation of two sparse vectors over all {@code dimension()} entries (missing entries
     * are zeros), computed exactly in centred form by merging the stored entries; 0 if either is
     * constant.
     */
    public static double pearson(SparseVector a, SparseVector b) {
        checkLength(a.dimension(), b.dimension());
        return pearson(a, b, false);
    }

    private static double pearson(SparseVector a, SparseVector b, boolean rescaled) {
        int d = a.dimension();
        if (isConstant(a) || isConstant(b)) {
            return 0;
        }
        double ma = a.sum() / d;
        double mb = b.sum() / d;
        if ((!Double.isFinite(ma) || !Double.isFinite(mb)) && !rescaled) {
            return pearson(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
        }
        double cov = 0, va = 0, vb = 0;
        int i = 0, j = 0, union = 0;
        int na = a.size(), nb = b.size();
        while (i < na || j < nb) {
            int ia = i < na ? a.index(i) : Integer.MAX_VALUE;
            int ib = j < nb ? b.index(j) : Integer.MAX_VALUE;
            double x;
            double y;
            if (ia == ib) {
                x = a.value(i++) - ma;
                y = b.value(j++) - mb;
            } else if (ia < ib) {
                x = a.value(i++) - ma;
                y = -mb;
            } else {
                x = -ma;
                y = b.value(j++) - mb;
            }
            cov += x * y;
            va += x * x;
            vb += y * y;
            union++;
        }
        int rest = d - union; // entries where both are zero
        cov += rest * ma * mb;
        va += rest * ma * ma;
        vb += rest * mb * mb;
        if ((!Double.isFinite(cov) || !Double.isFinite(va) || !Double.isFinite(vb) || va < TINY || vb < TINY)
                && !rescaled) {
            return pearson(scaledByMaxAbs(a), scaledByMaxAbs(b), true);
        }
        return ratio(cov, va, vb);
    }

    /** Euclidean distance between two sparse vectors of the same dimension. */
    public static double euclidean(SparseVector a, SparseVector b) {
        double s = squaredEuclidean(a, b);
        if (Double.isInfinite(s)) {
            double scale = Math.max(maxAbs(a), maxAbs(b));
            return 2 * scale * Math.sqrt(squaredEuclidean(a.scale(0.5 / scale), b.scale(0.5 / scale)));
        }
        return Math.sqrt(s);
    }

    /** Squared Euclidean distance between two sparse vectors (merge over the stored entries). */
    public static double squaredEuclidean(SparseVector a, SparseVector b) {
        checkLength(a.dimension(), b.dimension());
        double s = 0;
        int i = 0, j = 0;
        int na = a.size(), nb = b.size();
        while (i < na || j < nb) {
            int ia = i < na ? a.index(i) : Integer.MAX_VALUE;
            int ib = j < nb ? b.index(j) : Integer.MAX_VALUE;
            double diff;
            if (ia == ib) {
                diff = a.value(i++) - b.value(j++);
            } else if (ia < ib) {
                diff = a.value(i++);
            } else {
                diff = -b.value(j++);
            }
            s += diff * diff;
        }
        return s;
    }

    // ================================================================ sets

    /**
     * @return {@code |a ∩ b| / |a ∪ b|}, in [0, 1]; 0 when both sets are empty
     */
    public static double jaccard(Set<?> a, Set<?> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<?> small = a.size() <= b.size() ? a : b;
        Set<?> large = small == a ? b : a;
        int inter = 0;
        for (Object o : small) {
            if (large.contains(o)) {
                inter++;
            }
        }
        return (double) inter / (a.size() + b.size() - inter);
    }

    /**
     * Jaccard similarity of the supports (indices with a non-zero value) of two sparse vectors, e.g.
     * the sets of items two users interacted with.
     *
     * @return {@code |supp(a) ∩ supp(b)| / |supp(a) ∪ supp(b)|}; 0 when both are zero vectors
     */
    public static double jaccard(SparseVector a, SparseVector b) {
        checkLength(a.dimension(), b.dimension());
        int inter = 0, ca = 0, cb = 0;
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            int ia = i < a.size() ? a.index(i) : Integer.MAX_VALUE;
            int ib = j < b.size() ? b.index(j) : Integer.MAX_VALUE;
            if (ia == ib) {
                boolean x = a.value(i++) != 0, y = b.value(j++) != 0;
                ca += x ? 1 : 0;
                cb += y ? 1 : 0;
                inter += x && y ? 1 : 0;
            } else if (ia < ib) {
                ca += a.value(i++) != 0 ? 1 : 0;
            } else {
                cb += b.value(j++) != 0 ? 1 : 0;
            }
        }
        int union = ca + cb - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    // ================================================================ helpers

    /** {@code num / sqrt(p * q)} clamped to [-1, 1], or 0 when either denominator term is zero. */
    private static double ratio(double num, double p, double q) {
        if (p == 0 || q == 0) {
            return 0;
        }
        return clamp(num / (Math.sqrt(p) * Math.sqrt(q)));
    }

    private static double clamp(double x) {
        return Math.max(-1, Math.min(1, x));
    }

    private static void checkLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("vectors differ in length: " + a + " vs " + b);
        }
    }

    /** Throws naming the first non-finite element; returns normally if all are finite. */
    private static void checkFinite(double[] a, double[] b) {
        checkFinite("first", a);
        checkFinite("second", b);
    }

    private static void checkFinite(String which, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("the " + which + " vector has " + v[i] + " at index " + i
                        + "; similarities need finite values");
            }
        }
    }

    private static boolean isConstant(SparseVector v) {
        int n = v.size();
        if (n < v.dimension()) {
            for (int i = 0; i < n; i++) {
                if (v.value(i) != 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 1; i < n; i++) {
            if (v.value(i) != v.value(0)) {
                return false;
            }
        }
        return true;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double maxAbs(SparseVector v) {
        double m = 0;
        for (int i = 0; i < v.size(); i++) {
            m = Math.max(m, Math.abs(v.value(i)));
        }
        return m;
    }

    private static SparseVector scaledByMaxAbs(SparseVector v) {
        double m = maxAbs(v);
        return m == 0 ? v : v.scale(1 / m);
    }

    private static double[] scaledByMaxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m == 0 ? v : scaled(v, 1 / m);
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] / 2 - b[i] / 2));
        }
        return 2 * m;
    }

    private static double[] scaled(double[] v, double f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * f;
        }
        return out;
    }
}
