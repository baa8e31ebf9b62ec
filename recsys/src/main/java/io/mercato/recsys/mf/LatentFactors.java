package io.mercato.recsys.mf;

import io.mercato.recsys.data.SparseMatrix;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learned parameters of a factorization model: user and item factor matrices (row-major {@code float}
 * arrays, one row of {@code rank} values per user or item), optional user and item biases and a global offset.
 *
 * <p>A score is {@code offset + userBias[u] + itemBias[i] + userFactors[u] · itemFactors[i]}. Immutable: the arrays
 * are never written after construction and never handed out.
 */
public final class LatentFactors {

    private final int rank;
    private final int users;
    private final int items;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] userBias;
    private final float[] itemBias;
    private final double offset;
    private volatile INDArray itemMatrixT;

    /**
     * @param userBias {@code null} for a model without user biases
     * @param itemBias {@code null} for a model without item biases
     */
    LatentFactors(int rank, float[] userFactors, float[] itemFactors, float[] userBias, float[] itemBias,
            double offset) {
        if (rank <= 0 || userFactors.length % rank != 0 || itemFactors.length % rank != 0) {
            throw new IllegalArgumentException("factor arrays are not multiples of rank " + rank);
        }
        this.rank = rank;
        this.users = userFactors.length / rank;
        this.items = itemFactors.length / rank;
        if (userBias != null && userBias.length != users || itemBias != null && itemBias.length != items) {
            throw new IllegalArgumentException("bias lengths (users " + (userBias == null ? "none" : userBias.length)
                    + ", items " + (itemBias == null ? "none" : itemBias.length) + ") do not match the factor matrices ("
                    + users + " users, " + items + " items)");
        }
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.offset = offset;
    }

    /**
     * Factors learned outside this package (e.g. by the neural package's GMF trainer), scored by the same batched
     * matrix product. The arrays are taken over, not copied: the caller must not write them afterwards.
     *
     * @param userBias {@code null} for a model without user biases
     * @param itemBias {@code null} for a model without item biases
     * @throws IllegalArgumentException if the array lengths do not match {@code rank} or each other
     */
    public static LatentFactors of(int rank, float[] userFactors, float[] itemFactors, float[] userBias,
            float[] itemBias, double offset) {
        return new LatentFactors(rank, userFactors, itemFactors, userBias, itemBias, offset);
    }

    /** Number of latent dimensions. */
    public int rank() {
        return rank;
    }

    /** Number of users. */
    public int users() {
        return users;
    }

    /** Number of items. */
    public int items() {
        return items;
    }

    /** The global offset (the training mean for rating models, 0 for ranking models). */
    public double offset() {
        return offset;
    }

    /** Whether the model has user and item biases. */
    public boolean hasBiases() {
        return itemBias != null;
    }

    /** A copy of user {@code u}'s factor vector. */
    public float[] userFactor(int u) {
        return Arrays.copyOfRange(userFactors, u * rank, (u + 1) * rank);
    }

    /** A copy of item {@code i}'s factor vector. */
    public float[] itemFactor(int i) {
        return Arrays.copyOfRange(itemFactors, i * rank, (i + 1) * rank);
    }

    /** User {@code u}'s bias (0 without biases). */
    public double userBias(int u) {
        return userBias == null ? 0 : userBias[u];
    }

    /** Item {@code i}'s bias (0 without biases). */
    public double itemBias(int i) {
        return itemBias == null ? 0 : itemBias[i];
    }

    /** The score of user {@code u} for item {@code i}. */
    public double score(int u, int i) {
        return offset + userBias(u) + itemBias(i) + dot(userFactors, u * rank, itemFactors, i * rank, rank);
    }

    /** Scores of user {@code u} for every item. */
    public double[] scores(int u) {
        return scores(userFactors, u * rank, userBias(u));
    }

    private double[] scores(float[] p, int at, double bias) {
        double[] out = new double[items];
        double base = offset + bias;
        for (int i = 0; i < items; i++) {
            out[i] = base + (itemBias == null ? 0 : itemBias[i]) + dot(p, at, itemFactors, i * rank, rank);
        }
        return out;
    }

    /**
     * Scores of many users for every item in one matrix product ({@code P[users] · Qᵀ}, float32), the fast path for
     * recommending to all users. Row {@code r} of the result belongs to {@code users[r]}.
     */
    public double[][] scores(int[] userIds) {
        float[] p = new float[userIds.length * rank];
        for (int r = 0; r < userIds.length; r++) {
            System.arraycopy(userFactors, userIds[r] * rank, p, r * rank, rank);
        }
        INDArray product = Nd4j.createUninitialized(DataType.FLOAT, new long[] {userIds.length, items}, 'c');
        Nd4j.create(p, new long[] {userIds.length, rank}, 'c').mmuli(itemMatrixT(), product);
        float[] flat = product.data().asFloat();
        double[][] out = new double[userIds.length][];
        for (int r = 0; r < userIds.length; r++) {
            double base = offset + userBias(userIds[r]);
            double[] row = new double[items];
            int at = r * items;
            if (itemBias == null) {
                for (int i = 0; i < items; i++) {
                    row[i] = base + flat[at + i];
                }
            } else {
                for (int i = 0; i < items; i++) {
                    row[i] = base + itemBias[i] + flat[at + i];
                }
            }
            out[r] = row;
        }
        return out;
    }

    /** Receives one user's top list (best first; fewer than n entries when fewer items are allowed). */
    public interface TopListSink {
        /** Called once per user, in user order; the arrays are reused after the call returns. */
        void accept(int user, int[] items, float[] scores, int length) throws java.io.IOException;
    }

    /**
     * The top {@code n} items of every user, streamed: each user's scan visits items in order of decreasing factor
     * norm and stops once no remaining item can reach the current n-th best ({@link NormOrderedItems}), so the result
     * is exact without scoring the whole long tail. Items in {@code exclude}'s row of the user are skipped (e.g. the
     * training items); ties go to the lower item index; {@code sink} gets the lists in user order. Only one block of
     * users' lists is ever held, so memory does not grow with the number of users. Biases are added as in
     * {@link #score}.
     *
     * @param exclude a users × items matrix whose entries are never recommended, or {@code null}
     * @param threads threads scanning users in parallel
     */
    public void forEachTopN(int n, SparseMatrix exclude, int threads, TopListSink sink) throws java.io.IOException {
        io.mercato.core.Check.positive("n", n);
        io.mercato.core.Check.inRange("threads", threads, 1, 64);
        NormOrderedItems ordered = new NormOrderedItems(rank, itemFactors, itemBias);
        int block = Math.min(users, 8192);
        int[][] topItems = new int[block][n];
        float[][] topScores = new float[block][n];
        int[] lengths = new int[block];
        // one scan workspace (an int per item) per thread for the whole run, not one per block of users
        ThreadLocal<NormOrderedItems.Workspace> workspaces = ThreadLocal.withInitial(ordered::workspace);
        try (RowParallel parallel = new RowParallel(threads)) {
            for (int from = 0; from < users; from += block) {
                int rows = Math.min(block, users - from);
                int first = from;
                parallel.forEachBlock(RowParallel.even(rows, 64), workspaces::get, (b, lo, hi, w) -> {
                    for (int r = lo; r < hi; r++) {
                        int u = first + r;
                        lengths[r] = ordered.topOf(userFactors, u, (float) (offset + userBias(u)), exclude,
                                topItems[r], topScores[r], w);
                    }
                });
                for (int r = 0; r < rows; r++) {
                    sink.accept(from + r, topItems[r], topScores[r], lengths[r]);
                }
            }
        }
    }

    private INDArray itemMatrixT() {
        INDArray m = itemMatrixT;
        if (m == null) {
            synchronized (this) {
                m = itemMatrixT;
                if (m == null) {
                    m = Nd4j.create(itemFactors, new long[] {items, rank}, 'c').castTo(DataType.FLOAT).transpose().dup('f');
                    itemMatrixT = m;
                }
            }
        }
        return m;
    }

    /** The latent contribution of each dimension to {@code u}'s score for {@code i}: {@code p_uf · q_if}. */
    public double[] contributions(int u, int i) {
        double[] c = new double[rank];
        for (int f = 0; f < rank; f++) {
            c[f] = (double) userFactors[u * rank + f] * itemFactors[i * rank + f];
        }
        return c;
    }

    /** Cosine similarities of item {@code a}'s factor vector to every item's. */
    public double[] itemCosines(int a) {
        double[] out = new double[items];
        double aa = Math.sqrt(dot(itemFactors, a * rank, itemFactors, a * rank, rank));
        for (int i = 0; i < items; i++) {
            double ii = Math.sqrt(dot(itemFactors, i * rank, itemFactors, i * rank, rank));
            out[i] = aa == 0 || ii == 0 ? 0 : dot(itemFactors, a * rank, itemFactors, i * rank, rank) / (aa * ii);
        }
        return out;
    }

    float[] userFactorsArray() {
        return userFactors;
    }

    float[] itemFactorsArray() {
        return itemFactors;
    }

    float[] userBiasArray() {
        return userBias;
    }

    float[] itemBiasArray() {
        return itemBias;
    }

    static double dot(float[] a, int ai, float[] b, int bi, int n) {
        double s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ai + f] * b[bi + f];
        }
        return s;
    }
}
