package io.mercato.core.linalg;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * All-pairs similarity between the rows of two matrices as a few large ND4J operations (one matrix
 * product plus row-wise normalization), e.g. item-item similarity for kNN recommenders. Results are
 * {@code [a.rows x b.rows]} matrices in {@code a}'s data type ({@code b} is cast if needed); the
 * inputs are not modified.
 *
 * <p>Semantics match {@link io.mercato.core.metrics.Similarities}: a zero row has cosine 0 with
 * everything, a constant row has Pearson 0, results are clamped to [-1, 1]. Agreement with the scalar
 * forms is to rounding of the data type: about 1e-12 for float64, 1e-5 for float32 inputs.
 * Euclidean distances use {@code |a|² + |b|² - 2 a·b} (clamped at 0), so distances between
 * (near-)identical rows carry an absolute error of about {@code sqrt(ε)·|a|} — not exactly 0.
 * Memory is {@code a.rows x b.rows} values; callers with very many rows should process {@code a} in
 * row blocks.
 */
public final class BatchSimilarity {
    /** Score-matrix entries computed per block by {@link #topKSimilar} (16M doubles = 128 MB). */
    private static final long BLOCK_ENTRIES = 1L << 24;

    /** A similarity (or distance) measure between rows. */
    public enum Measure {
        /** {@link #cosine}: higher is more similar. */
        COSINE,
        /** {@link #pearson}: higher is more similar. */
        PEARSON,
        /** {@link #euclidean}: lower is more similar. */
        EUCLIDEAN
    }

    private BatchSimilarity() {
    }

    /** @return the {@code [a.rows x b.rows]} matrix of {@code measure} between the rows of a and b */
    public static INDArray compute(Measure measure, INDArray a, INDArray b) {
        return switch (measure) {
            case COSINE -> cosine(a, b);
            case PEARSON -> pearson(a, b);
            case EUCLIDEAN -> euclidean(a, b);
        };
    }

    /**
     * For each row of {@code a}, the {@code k} most similar rows of {@code b} (highest cosine or
     * Pearson, smallest Euclidean distance), computed in blocks of rows of {@code a} so the full
     * {@code a.rows x b.rows} matrix is never held at once (e.g. item-item neighbours of a large
     * catalog). Scores are the measure's values (distances for Euclidean).
     *
     * @param a query rows
     * @param b candidate rows
     * @param measure the measure
     * @param k neighbours per row, {@code >= 0}
     * @param excludeDiagonal skip candidate {@code r} for query row {@code r} (when a == b)
     * @return the neighbours of every row of {@code a}
     */
    public static TopKResult topKSimilar(INDArray a, INDArray b, Measure measure, int k, boolean excludeDiagonal) {
        long perBlock = Math.max(1, BLOCK_ENTRIES / Math.max(1, b.rows()));
        return topKSimilar(a, b, measure, k, excludeDiagonal, (int) Math.min(a.rows(), perBlock));
    }

    static TopKResult topKSimilar(INDArray a, INDArray b, Measure measure, int k, boolean excludeDiagonal,
                                  int blockRows) {
        checkPair(a, b);
        int n = (int) a.rows();
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        boolean distance = measure == Measure.EUCLIDEAN;
        for (int start = 0; start < n; start += blockRows) {
            int end = Math.min(n, start + blockRows);
            INDArray block = a.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            double[][] scores = Tensors.toDoubleMatrix(compute(measure, block, b));
            for (int r = 0; r < scores.length; r++) {
                final int self = start + r;
                double[] row = scores[r];
                if (distance) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = -row[c];
                    }
                }
                idx[self] = TopK.indices(row, k, excludeDiagonal ? c -> c != self : null);
                val[self] = new double[idx[self].length];
                for (int i = 0; i < idx[self].length; i++) {
                    double v = row[idx[self][i]];
                    val[self][i] = distance ? -v : v;
                }
            }
        }
        return new TopKResult(idx, val);
    }

    /** @return cosine similarities between every row of {@code a} and every row of {@code b} */
    public static INDArray cosine(INDArray a, INDArray b) {
        INDArray bb = checkPair(a, b);
        INDArray an = unitRows(a);
        INDArray bn = unitRows(bb);
        return clampUnit(an.mmul(bn.transpose()));
    }

    /** @return Pearson correlations between every row of {@code a} and every row of {@code b} */
    public static INDArray pearson(INDArray a, INDArray b) {
        INDArray bb = checkPair(a, b);
        INDArray ac = unitRows(centredRows(a));
        INDArray bc = unitRows(centredRows(bb));
        return clampUnit(ac.mmul(bc.transpose()));
    }

    /** @return Euclidean distances between every row of {@code a} and every row of {@code b} */
    public static INDArray euclidean(INDArray a, INDArray b) {
        INDArray bb = checkPair(a, b);
        INDArray sqA = a.mul(a).sum(1).reshape(a.rows(), 1);
        INDArray sqB = bb.mul(bb).sum(1).reshape(1, bb.rows());
        INDArray d = a.mmul(bb.transpose()).muli(-2);
        d.addiColumnVector(sqA).addiRowVector(sqB);
        Transforms.max(d, 0.0, false);
        return Transforms.sqrt(d, false);
    }

    /**
     * The {@code k} highest scores of each row (plain Java after one bulk copy; ties go to the lower
     * column index; NaN and -Infinity are never selected).
     *
     * @param scores a score matrix, e.g. from {@link #cosine}
     * @param k how many per row, {@code >= 0}
     * @param excludeDiagonal skip column {@code r} in row {@code r} (self-similarity when a == b)
     * @return the top-k per row
     */
    public static TopKResult topK(INDArray scores, int k, boolean excludeDiagonal) {
        double[][] m = Tensors.toDoubleMatrix(scores);
        int[][] idx = new int[m.length][];
        double[][] val = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            final int row = r;
            idx[r] = TopK.indices(m[r], k, excludeDiagonal ? c -> c != row : null);
            val[r] = new double[idx[r].length];
            for (int i = 0; i < idx[r].length; i++) {
                val[r][i] = m[r][idx[r][i]];
            }
        }
        return new TopKResult(idx, val);
    }

    /** Rows scaled to unit L2 norm; zero rows stay zero. */
    private static INDArray unitRows(INDArray m) {
        INDArray norms = m.norm2(1);
        norms.addi(norms.eq(0.0).castTo(m.dataType()));
        return m.divColumnVector(norms.reshape(m.rows(), 1));
    }

    /** Rows minus their mean; rows whose entries are all equal become exactly zero. */
    private static INDArray centredRows(INDArray m) {
        INDArray centred = m.subColumnVector(m.mean(1).reshape(m.rows(), 1));
        INDArray varying = m.max(1).gt(m.min(1)).castTo(m.dataType());
        return centred.muliColumnVector(varying.reshape(m.rows(), 1));
    }

    private static INDArray clampUnit(INDArray m) {
        Transforms.min(m, 1.0, false);
        return Transforms.max(m, -1.0, false);
    }

    private static INDArray checkPair(INDArray a, INDArray b) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("expected two matrices but got shapes " + Arrays.toString(a.shape())
                    + " and " + Arrays.toString(b.shape()));
        }
        if (a.columns() != b.columns()) {
            throw new IllegalArgumentException("rows differ in length: " + a.columns() + " vs " + b.columns()
                    + " columns");
        }
        if (!a.dataType().isFPType() || !b.dataType().isFPType()) {
            throw new IllegalArgumentException("expected floating-point matrices but got " + a.dataType()
                    + " and " + b.dataType());
        }
        checkFinite("first", a);
        checkFinite("second", b);
        return b.dataType() == a.dataType() ? b : b.castTo(a.dataType());
    }

    private static void checkFinite(String which, INDArray m) {
        if (m.isNaN().any() || m.isInfinite().any()) {
            throw new IllegalArgumentException("the " + which + " matrix contains NaN or infinite values;"
                    + " similarities need finite values");
        }
    }
}
