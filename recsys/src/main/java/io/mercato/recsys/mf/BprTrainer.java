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
 * (one epoch = as many triples as interactions). Single-threaded and fully determined by the seed.
 */
public final class BprTrainer extends FactorTrainer {

    private final int epochs;
    private final double learningRate;
    private final double regularization;
    private final double biasRegularization;

    private BprTrainer(Builder b) {
        super(b);
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.regularization = b.regularization;
        this.biasRegularization = b.biasRegularization;
    }

    /** A builder with the defaults (rank 64, 60 epochs, learning rate 0.05, regularization 0.005). */
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
                "seed", Long.toString(seed));
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

    /** Learns the factors of {@code data} (any stored entry counts as a positive). */
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
        float lr = (float) learningRate;
        float reg = (float) regularization;
        float regB = (float) biasRegularization;
        long start = System.nanoTime();
        listener.onStart(algorithm(), epochs);
        for (int epoch = 1; epoch <= epochs && n > 0; epoch++) {
            double loss = 0;
            for (int s = 0; s < n; s++) {
                int e = random.nextInt(n);
                int u = entryUser[e];
                if (interactions.length(u) == items) {
                    continue; // no negative exists
                }
                int i = interactions.index(e);
                int j;
                do {
                    j = random.nextInt(items);
                } while (interactions.find(u, j) >= 0);
                int pu = u * k;
                int qi = i * k;
                int qj = j * k;
                float diff = b[i] - b[j];
                for (int f = 0; f < k; f++) {
                    diff += p[pu + f] * (q[qi + f] - q[qj + f]);
                }
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
            listener.onEpoch(new EpochEvent(epoch, epochs, loss / n, null, Double.NaN,
                    Duration.ofNanos(System.nanoTime() - start)));
        }
        listener.onEnd();
        // a user without interactions was never sampled: neutral zero factors (items ranked by bias), not noise
        BiasedMfTrainer.zeroUntrained(interactions, p, k);
        return new LatentFactors(k, p, q, new float[users], b, 0);
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

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public BprTrainer build() {
            validateShared();
            Check.inRange("epochs", epochs, 1, 10_000);
            Settings.openClosed("learningRate", learningRate, 0, 10);
            Check.inRange("regularization", regularization, 0, 10);
            Check.inRange("biasRegularization", biasRegularization, 0, 10);
            return new BprTrainer(this);
        }
    }
}
