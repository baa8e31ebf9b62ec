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
 * Biased matrix factorization for explicit ratings trained by stochastic gradient descent (the "SVD" of the
 * Netflix prize, Koren, Bell &amp; Volinsky 2009): {@code r̂ = μ + b_u + b_i + p_u · q_i}, squared error plus L2.
 *
 * <p>With {@link Builder#svdPlusPlus(boolean)} it trains SVD++ (Koren 2008), where the user vector is
 * {@code p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j} over the items the user rated. The implicit term is computed once per
 * user visit and its gradient accumulated over the user's ratings, so an epoch costs O(ratings · rank) instead of
 * O(ratings · history · rank), and each y_j gets the penalty the objective gives it (λ for every rating of the user,
 * i.e. {@code |N(u)| · λ} per visit); the trained model stores the combined user vectors, so scoring costs the same as
 * biased MF. Single-threaded: the visiting order is the only source of randomness and it comes from the seed.
 */
public final class BiasedMfTrainer extends FactorTrainer {

    private final int epochs;
    private final double learningRate;
    private final double decay;
    private final double regularization;
    private final double biasRegularization;
    private final boolean svdPlusPlus;

    private BiasedMfTrainer(Builder b) {
        super(b);
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.decay = b.decay;
        this.regularization = b.regularization;
        this.biasRegularization = b.biasRegularization;
        this.svdPlusPlus = b.svdPlusPlus;
    }

    /** A builder with the defaults (rank 30, 25 epochs, learning rate 0.007, decay 0.96, regularization 0.04). */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name: {@code "biased-mf"}, or {@code "svdpp"} with the implicit term. */
    @Override
    public String algorithm() {
        return svdPlusPlus ? "svdpp" : "biased-mf";
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("rank", Integer.toString(rank), "epochs", Integer.toString(epochs),
                "learningRate", Double.toString(learningRate), "learningRateDecay", Double.toString(decay),
                "regularization", Double.toString(regularization), "biasRegularization", Double.toString(biasRegularization),
                "initStdDev", Double.toString(initStdDev), "seed", Long.toString(seed));
    }

    @Override
    boolean predictsRatings() {
        return true;
    }

    /**
     * New users are folded in by the ridge solve that matches the SGD objective: per-rating L2 sums to a penalty
     * weighted by the user's number of ratings.
     */
    @Override
    FoldIn foldIn() {
        return FoldIn.ridge(regularization, biasRegularization, true);
    }

    /** Learns the factors of {@code data}'s values. */
    @Override
    LatentFactors factorize(Interactions data) {
        SparseMatrix ratings = data.byUser();
        int n = ratings.nnz();
        int users = ratings.rows();
        int items = ratings.cols();
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = Gaussian.matrix(random, users, rank, initStdDev);
        float[] q = Gaussian.matrix(random, items, rank, initStdDev);
        float[] y = svdPlusPlus ? Gaussian.matrix(random, items, rank, initStdDev) : null;
        float[] bu = new float[users];
        float[] bi = new float[items];
        float mu = (float) data.globalMean();
        int[] entryUser = entryUsers(ratings);
        int[] order = new int[svdPlusPlus ? users : n];
        for (int e = 0; e < order.length; e++) {
            order[e] = e;
        }
        long start = System.nanoTime();
        listener.onStart(algorithm(), epochs);
        float lr = (float) learningRate;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Gaussian.shuffle(order, random);
            double loss = svdPlusPlus
                    ? svdPlusPlusEpoch(ratings, order, p, q, y, bu, bi, mu, lr, random)
                    : epoch(ratings, order, entryUser, p, q, bu, bi, mu, lr);
            listener.onEpoch(new EpochEvent(epoch, epochs, Math.sqrt(loss / Math.max(1, n)), null, Double.NaN,
                    Duration.ofNanos(System.nanoTime() - start)));
            lr *= (float) decay;
        }
        listener.onEnd();
        if (svdPlusPlus) {
            float[] z = new float[rank];
            for (int u = 0; u < users; u++) {
                implicitSum(ratings, u, y, z);
                for (int f = 0; f < rank; f++) {
                    p[u * rank + f] += z[f];
                }
            }
        }
        // users and items without ratings (catalog entries) were never trained: neutral zero factors, not noise
        zeroUntrained(ratings, p, rank);
        zeroUntrained(data.byItem(), q, rank);
        return new LatentFactors(rank, p, q, bu, bi, mu);
    }

    /** Zeroes the rank-{@code rank} factor rows of {@code factors} whose row of {@code m} is empty. */
    static void zeroUntrained(SparseMatrix m, float[] factors, int rank) {
        for (int r = 0; r < m.rows(); r++) {
            if (m.length(r) == 0) {
                java.util.Arrays.fill(factors, r * rank, (r + 1) * rank, 0f);
            }
        }
    }

    /** The user (row) of every entry position of {@code m}. */
    static int[] entryUsers(SparseMatrix m) {
        int[] entryUser = new int[m.nnz()];
        for (int u = 0; u < m.rows(); u++) {
            java.util.Arrays.fill(entryUser, m.start(u), m.end(u), u);
        }
        return entryUser;
    }

    private double epoch(SparseMatrix m, int[] order, int[] entryUser, float[] p, float[] q, float[] bu, float[] bi,
            float mu, float lr) {
        int k = rank;
        float reg = (float) regularization;
        float regB = (float) biasRegularization;
        double loss = 0;
        for (int e : order) {
            int u = entryUser[e];
            int i = m.index(e);
            int pu = u * k;
            int qi = i * k;
            float dot = 0;
            for (int f = 0; f < k; f++) {
                dot += p[pu + f] * q[qi + f];
            }
            float err = m.value(e) - (mu + bu[u] + bi[i] + dot);
            loss += err * err;
            bu[u] += lr * (err - regB * bu[u]);
            bi[i] += lr * (err - regB * bi[i]);
            for (int f = 0; f < k; f++) {
                float pf = p[pu + f];
                float qf = q[qi + f];
                p[pu + f] = pf + lr * (err * qf - reg * pf);
                q[qi + f] = qf + lr * (err * pf - reg * qf);
            }
        }
        return loss;
    }

    private double svdPlusPlusEpoch(SparseMatrix m, int[] userOrder, float[] p, float[] q, float[] y, float[] bu,
            float[] bi, float mu, float lr, SplittableRandom random) {
        int k = rank;
        float reg = (float) regularization;
        float regB = (float) biasRegularization;
        float[] z = new float[k];
        float[] gz = new float[k];
        int[] local = new int[0];
        double loss = 0;
        for (int u : userOrder) {
            int from = m.start(u);
            int count = m.length(u);
            if (count == 0) {
                continue;
            }
            implicitSum(m, u, y, z);
            java.util.Arrays.fill(gz, 0f);
            if (local.length < count) {
                local = new int[count];
            }
            for (int e = 0; e < count; e++) {
                local[e] = from + e;
            }
            Gaussian.shuffle(local, count, random);
            int pu = u * k;
            for (int c = 0; c < count; c++) {
                int e = local[c];
                int i = m.index(e);
                int qi = i * k;
                float dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += (p[pu + f] + z[f]) * q[qi + f];
                }
                float err = m.value(e) - (mu + bu[u] + bi[i] + dot);
                loss += err * err;
                bu[u] += lr * (err - regB * bu[u]);
                bi[i] += lr * (err - regB * bi[i]);
                for (int f = 0; f < k; f++) {
                    float pf = p[pu + f];
                    float qf = q[qi + f];
                    p[pu + f] = pf + lr * (err * qf - reg * pf);
                    q[qi + f] = qf + lr * (err * (pf + z[f]) - reg * qf);
                    gz[f] += err * qf;
                }
            }
            implicitStep(m, u, y, gz, lr, reg);
        }
        return loss;
    }

    /**
     * One step on the implicit factors of {@code u}'s items with the gradient {@code gz} accumulated over the user's
     * ratings: every rating of u carries the penalty {@code reg |y_j|^2} for each j in N(u), so the step's penalty is
     * {@code |N(u)| reg}, capped at {@code 1 / lr} (a very active user's step shrinks y_j to zero at most, never
     * past it): {@code y_j += lr (|N(u)|^-1/2 gz - min(|N(u)| reg, 1 / lr) y_j)}.
     */
    static void implicitStep(SparseMatrix m, int u, float[] y, float[] gz, float lr, float reg) {
        int count = m.length(u);
        int k = gz.length;
        float norm = (float) (1 / Math.sqrt(count));
        float regY = Math.min(reg * count, 1f / lr);
        for (int e = m.start(u); e < m.end(u); e++) {
            int yj = m.index(e) * k;
            for (int f = 0; f < k; f++) {
                y[yj + f] += lr * (norm * gz[f] - regY * y[yj + f]);
            }
        }
    }

    private void implicitSum(SparseMatrix m, int u, float[] y, float[] z) {
        java.util.Arrays.fill(z, 0f);
        int count = m.length(u);
        if (count == 0) {
            return;
        }
        for (int e = m.start(u); e < m.end(u); e++) {
            int yj = m.index(e) * rank;
            for (int f = 0; f < rank; f++) {
                z[f] += y[yj + f];
            }
        }
        float norm = (float) (1 / Math.sqrt(count));
        for (int f = 0; f < rank; f++) {
            z[f] *= norm;
        }
    }

    /** Fluent, validating configuration of {@link BiasedMfTrainer}. */
    public static final class Builder extends FactorTrainer.Builder<Builder> {
        private int epochs = 25;
        private double learningRate = 0.007;
        private double decay = 0.96;
        private double regularization = 0.04;
        private double biasRegularization = 0.01;
        private boolean svdPlusPlus;

        private Builder() {
            super(30, 0.1);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Passes over the ratings, 1..10000. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Initial SGD step size, (0, 1]. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Factor applied to the learning rate after each epoch, (0, 1]. */
        public Builder learningRateDecay(double decay) {
            this.decay = decay;
            return this;
        }

        /** L2 weight on the factors, [0, 10]. */
        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        /** L2 weight on the biases, [0, 10]. */
        public Builder biasRegularization(double biasRegularization) {
            this.biasRegularization = biasRegularization;
            return this;
        }

        /** Adds the SVD++ implicit-feedback term (algorithm name {@code "svdpp"}). */
        public Builder svdPlusPlus(boolean svdPlusPlus) {
            this.svdPlusPlus = svdPlusPlus;
            return this;
        }

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public BiasedMfTrainer build() {
            validateShared();
            Check.inRange("epochs", epochs, 1, 10_000);
            Settings.openClosed("learningRate", learningRate, 0, 1);
            Settings.openClosed("learningRateDecay", decay, 0, 1);
            Check.inRange("regularization", regularization, 0, 10);
            Check.inRange("biasRegularization", biasRegularization, 0, 10);
            return new BiasedMfTrainer(this);
        }
    }
}
