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
     * The top {@code n} items of every user, streamed: blocks of users are scored against all items in one float32
     * matrix product each ({@code P[block] · Qᵀ}, at most about 16M scores per block), each user's row is scanned
     * with a bounded heap of {@code n} (items in {@code exclude}'s row of the user skipped, e.g. the training items;
     * ties go to the lower item index), and {@code sink} gets the lists in user order. Nothing but one block is
     * ever held, so memory does not grow with the number of users. Biases are added as in {@link #score}.
     *
     * @param exclude a users × items matrix whose entries are never recommended, or {@code null}
     * @param threads threads for the heap scans (the product uses ND4J's own)
     */
    public void forEachTopN(int n, SparseMatrix exclude, int threads, TopListSink sink) throws java.io.IOException {
        io.mercato.core.Check.positive("n", n);
        io.mercato.core.Check.inRange("threads", threads, 1, 64);
        int block = Math.max(1, Math.min(users, 16_000_000 / Math.max(1, items)));
        int[][] topItems = new int[block][n];
        float[][] topScores = new float[block][n];
        int[] lengths = new int[block];
        try (RowParallel parallel = new RowParallel(threads)) {
            for (int from = 0; from < users; from += block) {
                int rows = Math.min(block, users - from);
                int first = from;
                INDArray product = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, items}, 'c');
                Nd4j.create(Arrays.copyOfRange(userFactors, from * rank, (from + rows) * rank), new long[] {rows, rank}, 'c')
                        .mmuli(itemMatrixT(), product);
                float[] flat = product.data().asFloat();
                product.close();
                parallel.forEachBlock(RowParallel.even(rows, 64), () -> null, (b, lo, hi, unused) -> {
                    for (int r = lo; r < hi; r++) {
                        lengths[r] = topOfRow(flat, r * items, first + r, exclude, topItems[r], topScores[r]);
                    }
                });
                for (int r = 0; r < rows; r++) {
                    sink.accept(from + r, topItems[r], topScores[r], lengths[r]);
                }
            }
        }
    }

    /** The best {@code items.length} of one row of raw products (plus biases), best first; returns how many. */
    private int topOfRow(float[] flat, int at, int u, SparseMatrix exclude, int[] heapItems, float[] heapScores) {
        int n = heapItems.length;
        int size = 0;
        float base = (float) (offset + userBias(u));
        int e = exclude == null ? 0 : exclude.start(u);
        int end = exclude == null ? 0 : exclude.end(u);
        for (int i = 0; i < items; i++) {
            if (e < end && exclude.index(e) == i) {
                e++;
                continue;
            }
            float s = base + flat[at + i] + (itemBias == null ? 0 : itemBias[i]);
            if (size < n) {
                heapItems[size] = i;
                heapScores[size] = s;
                siftUp(heapItems, heapScores, size++);
            } else if (s > heapScores[0]) {
                heapItems[0] = i;
                heapScores[0] = s;
                siftDown(heapItems, heapScores, size);
            }
        }
        // heap sort: repeatedly move the worst to the end, leaving the best first
        for (int last = size - 1; last > 0; last--) {
            swap(heapItems, heapScores, 0, last);
            siftDown(heapItems, heapScores, last);
        }
        return size;
    }

    /** Whether (item a, score sa) ranks below (item b, score sb): lower score, or equal score and higher index. */
    private static boolean worse(int a, float sa, int b, float sb) {
        return sa < sb || sa == sb && a > b;
    }

    private static void siftUp(int[] it, float[] sc, int c) {
        while (c > 0) {
            int parent = (c - 1) / 2;
            if (!worse(it[c], sc[c], it[parent], sc[parent])) {
                return;
            }
            swap(it, sc, c, parent);
            c = parent;
        }
    }

    private static void siftDown(int[] it, float[] sc, int size) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                return;
            }
            int w = l + 1 < size && worse(it[l + 1], sc[l + 1], it[l], sc[l]) ? l + 1 : l;
            if (!worse(it[w], sc[w], it[c], sc[c])) {
                return;
            }
            swap(it, sc, c, w);
            c = w;
        }
    }

    private static void swap(int[] it, float[] sc, int a, int b) {
        int ti = it[a];
        it[a] = it[b];
        it[b] = ti;
        float ts = sc[a];
        sc[a] = sc[b];
        sc[b] = ts;
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
