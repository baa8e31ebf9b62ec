package io.mercato.recsys.mf;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;

/**
 * Base of the matrix-factorization trainers ({@link BiasedMfTrainer}, {@link AlsTrainer},
 * {@link ImplicitAlsTrainer}, {@link BprTrainer}): the settings they all share (rank, spread of the initial
 * factors, seed, progress listener) and the fit scaffolding, which learns the factors and wraps them with
 * provenance and the trainer's fold-in rule into a {@link FactorModel}.
 */
public abstract class FactorTrainer implements RecommenderTrainer {

    final int rank;
    final double initStdDev;
    final long seed;
    final TrainingListener listener;

    FactorTrainer(Builder<?> b) {
        this.rank = b.rank;
        this.initStdDev = b.initStdDev;
        this.seed = b.seed;
        this.listener = b.listener;
    }

    /** Learns the factors of {@code data} and wraps them, with provenance, into a model. */
    @Override
    public final FactorModel fit(Interactions data) {
        long start = System.nanoTime();
        LatentFactors factors = factorize(data);
        return new FactorModel(ModelInfo.timed(algorithm(), hyperParameters(), start), data, factors,
                predictsRatings(), foldIn(data));
    }

    /** Learns the factors of {@code data}. */
    abstract LatentFactors factorize(Interactions data);

    /** Whether the trained model predicts ratings (explicit trainers) rather than only ranking items. */
    abstract boolean predictsRatings();

    /** How the trained model folds in new users (and attributes scores) consistently with this training. */
    abstract FoldIn foldIn();

    /** {@link #foldIn()} with whatever statistics of the training data the rule freezes (none by default). */
    FoldIn foldIn(Interactions data) {
        return foldIn();
    }

    /**
     * The settings every factor trainer has; {@code B} is the concrete builder, returned by each setter so that
     * calls chain.
     */
    public abstract static class Builder<B extends Builder<B>> {
        private int rank;
        private double initStdDev;
        private long seed = 42;
        private TrainingListener listener = TrainingListener.NONE;

        Builder(int rank, double initStdDev) {
            this.rank = rank;
            this.initStdDev = initStdDev;
        }

        /** Number of latent dimensions, 1..1024. */
        public B rank(int rank) {
            this.rank = rank;
            return self();
        }

        /** Standard deviation of the Gaussian initial factors, (0, 1]. */
        public B initStdDev(double initStdDev) {
            this.initStdDev = initStdDev;
            return self();
        }

        /** Seed of the initial factors and, where the trainer samples or shuffles, of that too. */
        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /**
         * Receives one event per epoch or iteration, with the trainer's progress loss (training RMSE for the
         * rating trainers, the confidence-weighted observed loss for implicit ALS, mean −ln σ for BPR).
         */
        public B listener(TrainingListener listener) {
            this.listener = listener;
            return self();
        }

        /** This builder, typed as the concrete one. */
        abstract B self();

        /** Validates the shared settings. @throws ConfigurationException naming the first bad setting */
        void validateShared() {
            Check.inRange("rank", rank, 1, 1024);
            Settings.openClosed("initStdDev", initStdDev, 0, 1);
            Check.notNull("listener", listener);
        }
    }
}
