package io.mercato.recsys.neural;

import static io.mercato.core.linalg.FloatKernels.dot;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.MercatoException;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Neural collaborative filtering for implicit top-N in its generalized-matrix-factorization form (GMF, He et al.
 * 2017): the score of user {@code u} for item {@code i} is {@code σ(b + b_i + p_u · q_i)}, trained by log-loss on
 * every stored interaction (label 1) plus {@code negatives} items per positive drawn uniformly among the items the
 * user has not interacted with (label 0, fresh draws every epoch), in shuffled minibatches with lazy Adam (only
 * the embedding rows a minibatch touches are updated; L2 is charged per occurrence). Plain Java on primitive
 * arrays; the trained embeddings are {@link io.mercato.recsys.mf.LatentFactors}, so scoring all items for many
 * users is one matrix product.
 *
 * <p>NeuMF's MLP tower is not part of the model: Rendle et al. (2020, "Neural collaborative filtering vs. matrix
 * factorization revisited") show a well-tuned dot product matches or beats it, and the dot product keeps
 * batch scoring a single matrix product.
 *
 * <p><b>Reproducible</b>: for a given seed the model is bit-identical whatever {@code threads} is. Each user's
 * negatives come from a random stream seeded by (seed, epoch, user), the shuffle from one seeded by (seed, epoch);
 * within a minibatch the per-example gradients are computed in parallel from the parameters as they were before
 * the minibatch, then each parameter row sums its contributions in minibatch order and takes its Adam step on
 * exactly one thread (rows are dealt to threads by index), so no sum depends on scheduling.
 */
public final class NcfTrainer implements RecommenderTrainer {

    /** Spread of the Gaussian initial embeddings (as in He et al.). */
    private static final double INIT_STD_DEV = 0.01;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Examples per parallel task when computing a minibatch's gradients. */
    private static final int CHUNK = 512;
    /** Users per parallel task when sampling negatives. */
    private static final int USER_BLOCK = 64;

    private final int embeddingSize;
    private final int epochs;
    private final int negatives;
    private final int batchSize;
    private final double learningRate;
    private final double l2;
    private final long seed;
    private final int threads;
    private final TrainingListener listener;

    private NcfTrainer(Builder b) {
        this.embeddingSize = b.embeddingSize;
        this.epochs = b.epochs;
        this.negatives = b.negatives;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.l2 = b.l2;
        this.seed = b.seed;
        this.threads = b.threads;
        this.listener = b.listener;
    }

    /**
     * A builder with the defaults (embeddings 128, 40 epochs, 4 negatives, batch 1024, Adam 0.002, L2 0.02, all
     * available processors).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name, {@code "ncf"}. */
    @Override
    public String algorithm() {
        return "ncf";
    }

    /** The settings that determine the model ({@code threads} does not, so it is not listed). */
    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("embeddingSize", Integer.toString(embeddingSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("negatives", Integer.toString(negatives));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("l2", Double.toString(l2));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /**
     * Trains on {@code data} (any stored entry counts as a positive).
     *
     * @throws MercatoException if the loss stops being finite (too large a learning rate)
     */
    @Override
    public NcfModel fit(Interactions data) {
        long start = System.nanoTime();
        long examples = (long) data.byUser().nnz() * (1 + negatives);
        if (examples > Integer.MAX_VALUE - 8) {
            throw ConfigurationException.invalid("negatives", negatives, "gives " + examples
                    + " examples per epoch for " + data.byUser().nnz() + " interactions; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one epoch");
        }
        try (Workers workers = new Workers(threads)) {
            Training t = new Training(data.byUser(), data.itemCount(), workers);
            listener.onStart(algorithm(), epochs);
            for (int epoch = 1; epoch <= epochs && t.positives > 0; epoch++) {
                double loss = t.epoch(epoch);
                if (!Double.isFinite(loss)) {
                    throw new MercatoException(String.format(Locale.ROOT,
                            "NCF training diverged in epoch %d (mean log-loss %s): lower learningRate (now %s)",
                            epoch, loss, learningRate));
                }
                listener.onEpoch(new EpochEvent(epoch, epochs, loss, null, Double.NaN,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
            listener.onEnd();
            return t.model(ModelInfo.timed(algorithm(), hyperParameters(), start), data);
        }
    }

    /** SplitMix64's finalizer: a well-spread 64-bit hash, for per-(epoch, user) seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** log(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** The state of one fit: parameters, Adam moments, gradient buffers and the epoch's examples. */
    private final class Training {
        private final SparseMatrix byUser;
        private final int users;
        private final int items;
        private final int k;
        final int positives;
        private final Workers workers;
        private final int owners;

        private final float[] p;
        private final float[] q;
        private final float[] bias;
        private double offset;
        private final float[] mP;
        private final float[] vP;
        private final float[] mQ;
        private final float[] vQ;
        private final float[] mB;
        private final float[] vB;
        private double mOffset;
        private double vOffset;
        private final float[] gradP;
        private final float[] gradQ;
        private final float[] gradB;
        private final int[] userStamp;
        private final int[] itemStamp;
        private final int[][] touchedUsers;
        private final int[][] touchedItems;
        private final int[] touchedUserCount;
        private final int[] touchedItemCount;
        private int step;

        private final int[] exUser;
        private final int[] exItem;
        private final byte[] exLabel;
        private final float[] g;
        private final double[] chunkLoss;
        private final int[] chunkCount;

        Training(SparseMatrix byUser, int items, Workers workers) {
            this.byUser = byUser;
            this.users = byUser.rows();
            this.items = items;
            this.k = embeddingSize;
            this.positives = byUser.nnz();
            this.workers = workers;
            this.owners = workers.threads();
            SplittableRandom init = new SplittableRandom(seed);
            this.p = gaussian(init, users * k);
            this.q = gaussian(init, items * k);
            this.bias = new float[items];
            this.mP = new float[users * k];
            this.vP = new float[users * k];
            this.mQ = new float[items * k];
            this.vQ = new float[items * k];
            this.mB = new float[items];
            this.vB = new float[items];
            this.gradP = new float[users * k];
            this.gradQ = new float[items * k];
            this.gradB = new float[items];
            this.userStamp = new int[users];
            this.itemStamp = new int[items];
            int batch = Math.min(batchSize, Math.max(1, positives * (1 + negatives)));
            this.touchedUsers = new int[owners][Math.min(users, batch)];
            this.touchedItems = new int[owners][Math.min(items, batch)];
            this.touchedUserCount = new int[owners];
            this.touchedItemCount = new int[owners];
            int n = positives * (1 + negatives);
            this.exUser = new int[n];
            this.exItem = new int[n];
            this.exLabel = new byte[n];
            this.g = new float[batch];
            int chunks = (batch + CHUNK - 1) / CHUNK;
            this.chunkLoss = new double[chunks];
            this.chunkCount = new int[chunks];
        }

        private float[] gaussian(SplittableRandom random, int n) {
            float[] out = new float[n];
            for (int x = 0; x < n; x++) {
                out[x] = (float) (random.nextGaussian() * INIT_STD_DEV);
            }
            return out;
        }

        /** One pass over the positives with fresh negatives; returns the mean log-loss. */
        double epoch(int epoch) {
            sample(epoch);
            int n = exUser.length;
            SplittableRandom shuffle = new SplittableRandom(mix(seed ^ mix(epoch)));
            for (int x = n - 1; x > 0; x--) {
                int y = shuffle.nextInt(x + 1);
                int u = exUser[x];
                exUser[x] = exUser[y];
                exUser[y] = u;
                int i = exItem[x];
                exItem[x] = exItem[y];
                exItem[y] = i;
                byte l = exLabel[x];
                exLabel[x] = exLabel[y];
                exLabel[y] = l;
            }
            double loss = 0;
            long count = 0;
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                int chunks = (to - from + CHUNK - 1) / CHUNK;
                int batchFrom = from;
                workers.run(chunks, c -> gradients(c, batchFrom, to));
                double gOffset = 0;
                for (int c = 0; c < chunks; c++) {
                    loss += chunkLoss[c];
                    count += chunkCount[c];
                }
                for (int x = 0; x < to - from; x++) {
                    gOffset += g[x];
                }
                step++;
                workers.run(owners, t -> accumulate(t, batchFrom, to));
                workers.run(owners, this::update);
                mOffset = BETA1 * mOffset + (1 - BETA1) * gOffset;
                vOffset = BETA2 * vOffset + (1 - BETA2) * gOffset * gOffset;
                offset -= stepSize() * mOffset / (Math.sqrt(vOffset) + EPSILON);
            }
            return loss / Math.max(1, count);
        }

        /** Lays out each user's positives, each followed by its negatives, from the (seed, epoch, user) stream. */
        private void sample(int epoch) {
            long epochSeed = mix(seed + mix(epoch));
            workers.run((users + USER_BLOCK - 1) / USER_BLOCK, block -> {
                for (int u = block * USER_BLOCK; u < Math.min(users, (block + 1) * USER_BLOCK); u++) {
                    SplittableRandom random = new SplittableRandom(mix(epochSeed ^ mix(u + 1L)));
                    boolean hasNegatives = byUser.length(u) < items;
                    int at = byUser.start(u) * (1 + negatives);
                    for (int e = byUser.start(u); e < byUser.end(u); e++) {
                        exUser[at] = u;
                        exItem[at] = byUser.index(e);
                        exLabel[at++] = 1;
                        for (int s = 0; s < negatives; s++) {
                            int j = -1;
                            if (hasNegatives) {
                                do {
                                    j = random.nextInt(items);
                                } while (byUser.find(u, j) >= 0);
                            }
                            exUser[at] = u;
                            exItem[at] = j; // -1: the user has every item, no negative exists
                            exLabel[at++] = 0;
                        }
                    }
                }
            });
        }

        /** dLoss/dScore = σ(z) − y of chunk {@code c}'s examples, and their summed log-loss. */
        private void gradients(int c, int from, int to) {
            double loss = 0;
            int count = 0;
            for (int x = from + c * CHUNK; x < Math.min(to, from + (c + 1) * CHUNK); x++) {
                int i = exItem[x];
                if (i < 0) {
                    g[x - from] = 0;
                    continue;
                }
                double z = offset + bias[i] + dot(p, exUser[x] * k, q, i * k, k);
                boolean positive = exLabel[x] == 1;
                g[x - from] = (float) (1 / (1 + Math.exp(-z)) - (positive ? 1 : 0));
                loss += softplus(positive ? -z : z);
                count++;
            }
            chunkLoss[c] = loss;
            chunkCount[c] = count;
        }

        /** Sums the gradients of the rows that owner {@code t} updates (index mod owners), in minibatch order. */
        private void accumulate(int t, int from, int to) {
            int nu = 0;
            int ni = 0;
            float lambda = (float) l2;
            for (int x = from; x < to; x++) {
                int i = exItem[x];
                if (i < 0) {
                    continue;
                }
                int u = exUser[x];
                float gx = g[x - from];
                int pu = u * k;
                int qi = i * k;
                if (u % owners == t) {
                    if (userStamp[u] != step) {
                        userStamp[u] = step;
                        touchedUsers[t][nu++] = u;
                    }
                    for (int f = 0; f < k; f++) {
                        gradP[pu + f] += gx * q[qi + f] + lambda * p[pu + f];
                    }
                }
                if (i % owners == t) {
                    if (itemStamp[i] != step) {
                        itemStamp[i] = step;
                        touchedItems[t][ni++] = i;
                    }
                    for (int f = 0; f < k; f++) {
                        gradQ[qi + f] += gx * p[pu + f] + lambda * q[qi + f];
                    }
                    gradB[i] += gx;
                }
            }
            touchedUserCount[t] = nu;
            touchedItemCount[t] = ni;
        }

        /** Adam steps of owner {@code t}'s touched rows; clears their gradients. */
        private void update(int t) {
            float lr = (float) stepSize();
            for (int x = 0; x < touchedUserCount[t]; x++) {
                adam(p, mP, vP, gradP, touchedUsers[t][x] * k, k, lr);
            }
            for (int x = 0; x < touchedItemCount[t]; x++) {
                int i = touchedItems[t][x];
                adam(q, mQ, vQ, gradQ, i * k, k, lr);
                adam(bias, mB, vB, gradB, i, 1, lr);
            }
        }

        /** Adam's step size with the bias corrections of step {@link #step}. */
        private double stepSize() {
            return learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        }

        private static void adam(float[] w, float[] m, float[] v, float[] grad, int at, int n, float lr) {
            float b1 = (float) BETA1;
            float b2 = (float) BETA2;
            float eps = (float) EPSILON;
            for (int f = at; f < at + n; f++) {
                float gf = grad[f];
                grad[f] = 0;
                float mf = b1 * m[f] + (1 - b1) * gf;
                float vf = b2 * v[f] + (1 - b2) * gf * gf;
                m[f] = mf;
                v[f] = vf;
                w[f] -= lr * mf / ((float) Math.sqrt(vf) + eps);
            }
        }

        /** The trained model; a user without interactions gets zero factors (items ranked by bias). */
        NcfModel model(ModelInfo info, Interactions data) {
            for (int u = 0; u < users; u++) {
                if (byUser.length(u) == 0) {
                    java.util.Arrays.fill(p, u * k, (u + 1) * k, 0f);
                }
            }
            return new NcfModel(info, data, k, p, q, bias, offset);
        }
    }

    /** Fluent, validating configuration of {@link NcfTrainer}. */
    public static final class Builder {
        private int embeddingSize = 128;
        private int epochs = 40;
        private int negatives = 4;
        private int batchSize = 1024;
        private double learningRate = 0.002;
        private double l2 = 0.02;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private TrainingListener listener = TrainingListener.NONE;

        private Builder() {
        }

        /** Width of the user and item embeddings, 1..1024. */
        public Builder embeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /** Passes over the positives (each with fresh negatives), 1..1000. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Sampled non-interacted items per positive, 1..100. */
        public Builder negatives(int negatives) {
            this.negatives = negatives;
            return this;
        }

        /** Examples (positives and negatives) per minibatch, i.e. per Adam step, 1..1048576. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Adam step size, (0, 1]. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** L2 weight on the embeddings, charged once per occurrence in a minibatch, [0, 1]. */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Seed of the initialization, the negative sampling and the shuffling. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training threads, 1..256 (default: the available processors); the model does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Receives one event per epoch (mean log-loss over the epoch's examples). */
        public Builder listener(TrainingListener listener) {
            this.listener = listener;
            return this;
        }

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public NcfTrainer build() {
            Check.inRange("embeddingSize", embeddingSize, 1, 1024);
            Check.inRange("epochs", epochs, 1, 1000);
            Check.inRange("negatives", negatives, 1, 100);
            Check.inRange("batchSize", batchSize, 1, 1 << 20);
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw ConfigurationException.invalid("learningRate", learningRate, "must be in (0, 1]");
            }
            Check.inRange("l2", l2, 0, 1);
            Check.inRange("threads", threads, 1, 256);
            Check.notNull("listener", listener);
            return new NcfTrainer(this);
        }
    }
}
