package io.mercato.recsys.knn;

import io.mercato.core.linalg.TopK;
import io.mercato.recsys.data.SparseMatrix;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The most similar rows of every row of a sparse matrix (items of the item-user matrix for item-kNN,
 * users of the user-item matrix for user-kNN), best first, positive similarities only. Computed in
 * batch, row by row, as a sparse-sparse product {@code R R^T} over the transposed matrix with dense
 * per-row accumulators; nothing is ever compared pair by pair. Immutable.
 */
final class NeighbourIndex {

    /** Per-entry transformed value: x = f(row, column, raw value). */
    @FunctionalInterface
    interface Transform {
        double apply(int row, int column, float value);
    }

    private final int[] pointers;
    private final int[] neighbours;
    private final float[] similarities;

    NeighbourIndex(int[] pointers, int[] neighbours, float[] similarities) {
        this.pointers = pointers;
        this.neighbours = neighbours;
        this.similarities = similarities;
    }

    int rows() {
        return pointers.length - 1;
    }

    int start(int row) {
        return pointers[row];
    }

    int end(int row) {
        return pointers[row + 1];
    }

    int neighbour(int k) {
        return neighbours[k];
    }

    float similarity(int k) {
        return similarities[k];
    }

    int[] pointers() {
        return pointers;
    }

    int[] neighbours() {
        return neighbours;
    }

    float[] similaritiesArray() {
        return similarities;
    }

    /**
     * Computes the index.
     *
     * @param rows the matrix whose rows are compared (rows x features)
     * @param cols its transpose (features x rows)
     * @param transform the value each entry contributes (e.g. a baseline residual)
     * @param size how many neighbours to keep per row
     */
    static NeighbourIndex compute(SparseMatrix rows, SparseMatrix cols, Similarity similarity, Transform transform,
                                  double shrinkage, int minSupport, int size, int threads) {
        return compute(rows, cols, similarity, transform, shrinkage, minSupport, size, threads, null, null);
    }

    /**
     * Recomputes only the rows flagged in {@code recompute}, copying the others from {@code previous}
     * (whose row indices must still be valid): the incremental update after new interactions.
     */
    static NeighbourIndex compute(SparseMatrix rows, SparseMatrix cols, Similarity similarity, Transform transform,
                                  double shrinkage, int minSupport, int size, int threads, boolean[] recompute,
                                  NeighbourIndex previous) {
        int n = rows.rows();
        double[] xRows = new double[rows.nnz()];
        double[] norms = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int k = rows.start(r); k < rows.end(r); k++) {
                xRows[k] = transform.apply(r, rows.index(k), rows.value(k));
                s += xRows[k] * xRows[k];
            }
            norms[r] = Math.sqrt(s);
        }
        double[] xCols = new double[cols.nnz()];
        for (int f = 0; f < cols.rows(); f++) {
            for (int k = cols.start(f); k < cols.end(f); k++) {
                xCols[k] = transform.apply(cols.index(k), f, cols.value(k));
            }
        }
        int[][] nbr = new int[n][];
        float[][] sim = new float[n][];
        int chunks = Math.max(1, threads) * 4;
        IntStream stream = IntStream.range(0, chunks);
        if (threads > 1) {
            stream = stream.parallel();
        }
        stream.forEach(c -> {
            Accumulator acc = new Accumulator(n, similarity != Similarity.COSINE
                    && similarity != Similarity.ADJUSTED_COSINE); // the cosines need only the dot product
            for (int r = c; r < n; r += chunks) {
                if (recompute == null || recompute[r]) {
                    acc.row(r, rows, cols, xRows, xCols, norms, similarity, shrinkage, minSupport, size, nbr, sim);
                } else {
                    nbr[r] = Arrays.copyOfRange(previous.neighbours, previous.start(r), previous.end(r));
                    sim[r] = Arrays.copyOfRange(previous.similarities, previous.start(r), previous.end(r));
                }
            }
        });
        int[] ptr = new int[n + 1];
        for (int r = 0; r < n; r++) {
            ptr[r + 1] = ptr[r] + nbr[r].length;
        }
        int[] allNbr = new int[ptr[n]];
        float[] allSim = new float[ptr[n]];
        for (int r = 0; r < n; r++) {
            System.arraycopy(nbr[r], 0, allNbr, ptr[r], nbr[r].length);
            System.arraycopy(sim[r], 0, allSim, ptr[r], sim[r].length);
        }
        return new NeighbourIndex(ptr, allNbr, allSim);
    }

    /**
     * One thread's scratch: dense per-row sums (the moments only for the similarities that need them) and the
     * candidate scores, allocated once and reset through the list of touched columns.
     */
    private static final class Accumulator {
        final int[] count;
        final double[] sx;
        final double[] sy;
        final double[] sxx;
        final double[] syy;
        final double[] sxy;
        final int[] touched;
        final double[] cand;
        /** Whether the first and second moments are summed (not for the cosines: their norms are precomputed). */
        final boolean moments;

        /** Scratch for rows of an {@code n}-row matrix; the first and second moments only when {@code moments}. */
        Accumulator(int n, boolean moments) {
            this.moments = moments;
            count = new int[n];
            sxy = new double[n];
            sx = moments ? new double[n] : null;
            sy = moments ? new double[n] : null;
            sxx = moments ? new double[n] : null;
            syy = moments ? new double[n] : null;
            touched = new int[n];
            cand = new double[n];
        }

        void row(int a, SparseMatrix rows, SparseMatrix cols, double[] xRows, double[] xCols, double[] norms,
                 Similarity similarity, double shrinkage, int minSupport, int size, int[][] nbr, float[][] sim) {
            int t = 0;
            for (int k = rows.start(a); k < rows.end(a); k++) {
                int f = rows.index(k);
                double x = xRows[k];
                for (int q = cols.start(f); q < cols.end(f); q++) {
                    int b = cols.index(q);
                    double y = xCols[q];
                    if (count[b]++ == 0) {
                        touched[t++] = b;
                    }
                    sxy[b] += x * y;
                    if (moments) {
                        sx[b] += x;
                        sy[b] += y;
                        sxx[b] += x * x;
                        syy[b] += y * y;
                    }
                }
            }
            for (int j = 0; j < t; j++) {
                int b = touched[j];
                int c = count[b];
                double s = c < minSupport || b == a ? 0 : moments
                        ? value(similarity, c, sx[b], sy[b], sxx[b], syy[b], sxy[b], norms[a], norms[b])
                        : value(similarity, c, 0, 0, 0, 0, sxy[b], norms[a], norms[b]);
                if (moments) {
                    sx[b] = 0;
                    sy[b] = 0;
                    sxx[b] = 0;
                    syy[b] = 0;
                }
                cand[j] = s > 0 ? s * c / (c + shrinkage) : Double.NaN;
                count[b] = 0;
                sxy[b] = 0;
            }
            int[] top = TopK.prefixIndices(cand, t, size);
            int[] ns = new int[top.length];
            float[] ss = new float[top.length];
            for (int j = 0; j < top.length; j++) {
                ns[j] = touched[top[j]];
                ss[j] = (float) cand[top[j]];
            }
            nbr[a] = ns;
            sim[a] = ss;
        }
    }

    /** The similarity from the co-rated sums (and the full-vector norms for the cosines). */
    static double value(Similarity similarity, int n, double sx, double sy, double sxx, double syy, double sxy,
                        double normA, double normB) {
        switch (similarity) {
            case COSINE, ADJUSTED_COSINE -> {
                double d = normA * normB;
                return d == 0 ? 0 : sxy / d;
            }
            case PEARSON -> {
                double d = (n * sxx - sx * sx) * (n * syy - sy * sy);
                return d <= 0 ? 0 : (n * sxy - sx * sy) / Math.sqrt(d);
            }
            case PEARSON_BASELINE -> {
                double d = sxx * syy;
                return d <= 0 ? 0 : sxy / Math.sqrt(d);
            }
            case EUCLIDEAN -> {
                return 1.0 / (1.0 + Math.sqrt(Math.max(0, sxx + syy - 2 * sxy)));
            }
            default -> throw new AssertionError(similarity);
        }
    }

    /** The transpose of the first {@code k} neighbours of every row: who counts {@code row} among its k nearest. */
    NeighbourIndex reverse(int k) {
        int n = rows();
        int[] counts = new int[n + 1];
        for (int r = 0; r < n; r++) {
            for (int q = start(r); q < Math.min(end(r), start(r) + k); q++) {
                counts[neighbours[q] + 1]++;
            }
        }
        for (int r = 0; r < n; r++) {
            counts[r + 1] += counts[r];
        }
        int[] next = Arrays.copyOf(counts, n);
        int[] nb = new int[counts[n]];
        float[] sm = new float[counts[n]];
        for (int r = 0; r < n; r++) {
            for (int q = start(r); q < Math.min(end(r), start(r) + k); q++) {
                int pos = next[neighbours[q]]++;
                nb[pos] = r;
                sm[pos] = similarities[q];
            }
        }
        return new NeighbourIndex(counts, nb, sm);
    }
}
