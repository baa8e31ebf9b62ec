package io.mercato.recsys.mf;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.train.EpochEvent;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bayesian personalized ranking (Rendle et al. 2009) for implicit top-N: learns {@code x̂_ui = b_i + p_u · q_i}
 * so that a user's interacted item outranks a sampled item the user has not interacted with, maximising
 * {@code Σ ln σ(x̂_ui − x̂_uj)} minus L2, by SGD on (user, positive, negative) triples drawn with replacement
 * (one epoch = as many triples as interactions). With {@code threads(T)}, T > 1, the epochs run as blocked
 * parallel SGD (see {@link #factorize}); the factors are fully determined by the seed and the thread count.
 */
public final class BprTrainer extends FactorTrainer {

    private final int epochs;
    private final double learningRate;
    private final double regularization;
    private final double biasRegularization;
    private final int threads;

    /** Triples drawn per batch. */
    private static final int BATCH = 256;
    /** How many steps ahead a step's factor rows are touched. */
    private static final int AHEAD = 4;
    /** Receives the touched values so that the loads are not optimized away; never read. */
    @SuppressWarnings("unused")
    private static volatile float sink;

    private BprTrainer(Builder b) {
        super(b);
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.regularization = b.regularization;
        this.biasRegularization = b.biasRegularization;
        this.threads = b.threads;
    }

    /** A builder with the defaults (rank 64, 60 epochs, learning rate 0.05, regularization 0.005, 2 threads). */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name, {@code "bpr"}. */
    @Override
    public String algorithm() {
        return "bpr";
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("rank", Integer.toString(rank), "epochs", Integer.toString(epochs),
                "learningRate", Double.toString(learningRate), "regularization", Double.toString(regularization),
                "biasRegularization", Double.toString(biasRegularization), "initStdDev", Double.toString(initStdDev),
                "seed", Long.toString(seed), "threads", Integer.toString(threads));
    }

    @Override
    boolean predictsRatings() {
        return false;
    }

    /** New users are folded in by BPR steps on their factor alone, with the trained λ, step size and epochs. */
    @Override
    FoldIn foldIn() {
        return FoldIn.bpr(regularization, learningRate, epochs, seed);
    }

    /**
     * Learns the factors of {@code data} (any stored entry counts as a positive). With one thread: plain SGD on
     * triples drawn from all entries, negatives from all items. With T threads: each epoch is T sub-epochs; users
     * and items are hashed into T blocks, and in sub-epoch s thread t samples as many triples as the cell (user
     * block t, item block (t + s) mod T) holds entries, positives from that cell and negatives from item block
     * (t + s) mod T, so the threads write disjoint rows of p, q and b. Every cell has its own random stream, split
     * from the seeded one in a fixed order, so the factors depend on the seed and T, never on scheduling.
     */
    @Override
    LatentFactors factorize(Interactions data) {
        SparseMatrix interactions = data.byUser();
        int users = interactions.rows();
        int items = interactions.cols();
        int n = interactions.nnz();
        int k = rank;
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = Gaussian.matrix(random, users, k, initStdDev);
        float[] q = Gaussian.matrix(random, items, k, initStdDev);
        float[] b = new float[items];
        int[] entryUser = BiasedMfTrainer.entryUsers(interactions);
        Strata strata = threads > 1 ? new Strata(interactions, entryUser, threads) : null;
        long start = System.nanoTime();
        listener.onStart(algorithm(), epochs);
        try (RowParallel parallel = new RowParallel(threads)) {
            int[] tasks = RowParallel.even(threads, 1);
            double[] losses = new double[threads];
            SplittableRandom[] streams = new SplittableRandom[threads];
            for (int epoch = 1; epoch <= epochs && n > 0; epoch++) {
                double loss = 0;
                if (strata == null) {
                    loss = sgd(interactions, entryUser, null, 0, n, null, 0, items, p, q, b, random);
                } else {
                    for (int s = 0; s < threads; s++) {
                        for (int t = 0; t < threads; t++) {
                            streams[t] = random.split();
                        }
                        int shift = s;
                        parallel.forEachBlock(tasks, () -> null, (t, from, to, w) -> {
                            int cell = t * threads + (t + shift) % threads;
                            int block = (t + shift) % threads;
                            losses[t] = sgd(interactions, entryUser, strata.cellEntries, strata.cellStart[cell],
                                    strata.cellStart[cell + 1], strata.blockItems, strata.blockStart[block],
                                    strata.blockStart[block + 1], p, q, b, streams[t]);
                        });
                        for (double l : losses) {
                            loss += l;
                        }
                    }
                }
                listener.onEpoch(new EpochEvent(epoch, epochs, loss / n, null, Double.NaN,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        listener.onEnd();
        // a user without interactions was never sampled: neutral zero factors (items ranked by bias), not noise
        BiasedMfTrainer.zeroUntrained(interactions, p, k);
        return new LatentFactors(k, p, q, new float[users], b, 0);
    }

    /**
     * {@code to - from} SGD steps on triples whose positive is drawn from the entry positions
     * {@code entries[from, to)} (all entries when {@code entries} is null) and whose negative is drawn from the items
     * {@code candidates[lo, hi)} (all items {@code [0, hi)} when null) that the user has not interacted with; users
     * who have all candidates are skipped. Returns the summed −ln σ of the steps.
     *
     * <p>The triples do not depend on the factors, so they are drawn a batch at a time (first all positives, whose
     * independent lookups' cache misses overlap, then the negatives) and then applied in order, touching the rows of the step {@link #AHEAD} places
     * further on so that its misses overlap the current update: the same steps as drawing and applying one by one.
     */
    private double sgd(SparseMatrix interactions, int[] entryUser, int[] entries, int from, int to, int[] candidates,
                       int lo, int hi, float[] p, float[] q, float[] b, SplittableRandom random) {
        int k = rank;
        float lr = (float) learningRate;
        float reg = (float) regularization;
        float regB = (float) biasRegularization;
        int pool = hi - lo;
        int[] us = new int[BATCH + AHEAD];
        int[] is = new int[BATCH + AHEAD];
        int[] js = new int[BATCH + AHEAD];
        double loss = 0;
        float touched = 0;
        for (int s = from; s < to; s += BATCH) {
            int batch = Math.min(to - s, BATCH);
            for (int x = 0; x < batch; x++) { // the positives first: independent loads, their misses overlap
                int e = entries == null ? from + below(random, to - from) : entries[from + below(random, to - from)];
                us[x] = entryUser[e];
                is[x] = interactions.index(e);
            }
            int m = 0;
            for (int x = 0; x < batch; x++) { // then the negatives, in the rows those loads brought into the cache
                int u = us[x];
                if (interactions.length(u) >= pool && ownsAll(interactions, u, candidates, lo, hi)) {
                    continue; // no negative exists
                }
                int j;
                do {
                    j = candidates == null ? below(random, hi) : candidates[lo + below(random, pool)];
                } while (interactions.find(u, j) >= 0);
                us[m] = u;
                is[m] = is[x];
                js[m++] = j;
            }
            for (int x = m; x < m + AHEAD; x++) { // the touches past the batch's end read row 0
                us[x] = 0;
                is[x] = 0;
                js[x] = 0;
            }
            for (int x = 0; x < m; x++) {
                touched += p[us[x + AHEAD] * k] + p[us[x + AHEAD] * k + k - 1] + q[is[x + AHEAD] * k]
                        + q[is[x + AHEAD] * k + k - 1] + q[js[x + AHEAD] * k] + q[js[x + AHEAD] * k + k - 1];
                int i = is[x];
                int j = js[x];
                int pu = us[x] * k;
                int qi = i * k;
                int qj = j * k;
                float d0 = 0;
                float d1 = 0;
                float d2 = 0;
                float d3 = 0;
                int f4 = k & ~3;
                for (int f = 0; f < f4; f += 4) { // four partial sums: independent add chains
                    d0 += p[pu + f] * (q[qi + f] - q[qj + f]);
                    d1 += p[pu + f + 1] * (q[qi + f + 1] - q[qj + f + 1]);
                    d2 += p[pu + f + 2] * (q[qi + f + 2] - q[qj + f + 2]);
                    d3 += p[pu + f + 3] * (q[qi + f + 3] - q[qj + f + 3]);
                }
                for (int f = f4; f < k; f++) {
                    d0 += p[pu + f] * (q[qi + f] - q[qj + f]);
                }
                float diff = b[i] - b[j] + ((d0 + d1) + (d2 + d3));
                double sig = 1 / (1 + Math.exp(diff)); // σ(−diff) = ∂ ln σ(diff) / ∂ diff
                loss += diff > 30 ? 0 : Math.log1p(Math.exp(-diff));
                float g = (float) sig;
                b[i] += lr * (g - regB * b[i]);
                b[j] += lr * (-g - regB * b[j]);
                for (int f = 0; f < k; f++) {
                    float pf = p[pu + f];
                    float qif = q[qi + f];
                    float qjf = q[qj + f];
                    p[pu + f] = pf + lr * (g * (qif - qjf) - reg * pf);
                    q[qi + f] = qif + lr * (g * pf - reg * qif);
                    q[qj + f] = qjf + lr * (-g * pf - reg * qjf);
                }
            }
        }
        sink = touched; // keeps the touching loads
        return loss;
    }

    /**
     * A uniform draw from {@code [0, bound)}: the high half of a 63-bit random number times {@code 2·bound} (one
     * multiplication instead of the division and rejection of {@link SplittableRandom#nextInt(int)}; the bias is
     * below {@code bound / 2^63}).
     */
    private static int below(SplittableRandom random, int bound) {
        return (int) Math.multiplyHigh(random.nextLong() >>> 1, (long) bound << 1);
    }

    /** Whether user {@code u} has interacted with every item of {@code candidates[lo, hi)} (all items when null). */
    private static boolean ownsAll(SparseMatrix interactions, int u, int[] candidates, int lo, int hi) {
        if (candidates == null) {
            return interactions.length(u) == hi;
        }
        for (int x = lo; x < hi; x++) {
            if (interactions.find(u, candidates[x]) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The strata of blocked parallel SGD: users and items hashed into T blocks, the entry positions grouped by
     * cell (user block × item block) and the items grouped by block.
     */
    private static final class Strata {
        final int[] cellEntries;
        final int[] cellStart;
        final int[] blockItems;
        final int[] blockStart;

        Strata(SparseMatrix interactions, int[] entryUser, int blocks) {
            int n = interactions.nnz();
            int items = interactions.cols();
            int[] itemBlock = new int[items];
            for (int i = 0; i < items; i++) {
                itemBlock[i] = block(i, blocks);
            }
            blockStart = new int[blocks + 1];
            for (int i = 0; i < items; i++) {
                blockStart[itemBlock[i] + 1]++;
            }
            for (int x = 0; x < blocks; x++) {
                blockStart[x + 1] += blockStart[x];
            }
            blockItems = new int[items];
            int[] next = java.util.Arrays.copyOf(blockStart, blocks);
            for (int i = 0; i < items; i++) {
                blockItems[next[itemBlock[i]]++] = i;
            }
            cellStart = new int[blocks * blocks + 1];
            int[] cell = new int[n];
            for (int e = 0; e < n; e++) {
                cell[e] = block(entryUser[e], blocks) * blocks + itemBlock[interactions.index(e)];
                cellStart[cell[e] + 1]++;
            }
            for (int c = 0; c < blocks * blocks; c++) {
                cellStart[c + 1] += cellStart[c];
            }
            cellEntries = new int[n];
            next = java.util.Arrays.copyOf(cellStart, blocks * blocks);
            for (int e = 0; e < n; e++) {
                cellEntries[next[cell[e]]++] = e;
            }
        }

        /** The block of row {@code r}: a fixed integer hash, so that blocks are not aligned with id patterns. */
        static int block(int r, int blocks) {
            int h = r * 0x9E3779B9;
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            return Math.floorMod(h, blocks);
        }
    }

    /**
     * Folds user {@code u} of {@code byUser} in: SGD on the user's factor alone (items fixed) for the trained number
     * of epochs, sampling negatives from the model's items with a per-user seed. Items beyond the model are skipped.
     */
    static void foldInUser(SparseMatrix byUser, int u, LatentFactors model, float[] p, FoldIn rule) {
        int k = model.rank();
        int items = model.items();
        float[] q = model.itemFactorsArray();
        java.util.Arrays.fill(p, u * k, (u + 1) * k, 0f);
        int[] own = java.util.Arrays.stream(byUser.rowIndices(u)).filter(i -> i < items).toArray();
        if (own.length == 0 || own.length == items) {
            return;
        }
        SplittableRandom random = rule.random(u);
        float lr = (float) rule.learningRate();
        float reg = (float) rule.regularization();
        for (int x = 0; x < k; x++) {
            p[u * k + x] = (float) (random.nextGaussian() * 0.1);
        }
        for (int s = 0; s < rule.epochs() * own.length; s++) {
            int i = own[random.nextInt(own.length)];
            int j;
            do {
                j = random.nextInt(items);
            } while (java.util.Arrays.binarySearch(own, j) >= 0);
            double diff = model.itemBias(i) - model.itemBias(j);
            for (int f = 0; f < k; f++) {
                diff += p[u * k + f] * (q[i * k + f] - q[j * k + f]);
            }
            float g = (float) (1 / (1 + Math.exp(diff)));
            for (int f = 0; f < k; f++) {
                p[u * k + f] += lr * (g * (q[i * k + f] - q[j * k + f]) - reg * p[u * k + f]);
            }
        }
    }

    /** Fluent, validating configuration of {@link BprTrainer}. */
    public static final class Builder extends FactorTrainer.Builder<Builder> {
        private int epochs = 60;
        private double learningRate = 0.05;
        private double regularization = 0.005;
        private double biasRegularization = 0.005;
        private int threads = 2;

        private Builder() {
            super(64, 0.1);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Passes (as many sampled triples as interactions each), 1..10000. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** SGD step size, (0, 10]. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** L2 weight on the factors, [0, 10]. */
        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        /** L2 weight on the item biases, [0, 10]. */
        public Builder biasRegularization(double biasRegularization) {
            this.biasRegularization = biasRegularization;
            return this;
        }

        /**
         * Threads, 1..64 (default 2, a fixed number so that the default model does not depend on the machine). More
         * than one runs blocked parallel SGD (negatives drawn from the positive's
         * item block): a different model from the single-threaded one, but equally reproducible for a given seed
         * and thread count.
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public BprTrainer build() {
            validateShared();
            Check.inRange("epochs", epochs, 1, 10_000);
            Settings.openClosed("learningRate", learningRate, 0, 10);
            Check.inRange("regularization", regularization, 0, 10);
            Check.inRange("biasRegularization", biasRegularization, 0, 10);
            Check.inRange("threads", threads, 1, 64);
            return new BprTrainer(this);
        }
    }
}
