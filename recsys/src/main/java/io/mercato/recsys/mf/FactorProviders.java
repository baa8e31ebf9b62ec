package io.mercato.recsys.mf;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;
import java.util.Locale;

/**
 * Registry entries ({@link AlgorithmProvider}, via {@link java.util.ServiceLoader}) of the factor models:
 * {@code biased-mf}, {@code svdpp}, {@code als}, {@code implicit-als} and {@code bpr}. Parameter names are those of
 * the builder methods (absent ones keep the builder defaults), e.g.
 * {@code byName("als", Map.of("rank", "20", "regularization", "0.05"))}.
 */
public final class FactorProviders {

    private FactorProviders() {
    }

    /** A named factor algorithm: every one of them saves a {@link FactorModel}. */
    private abstract static class Base implements AlgorithmProvider {
        private final String name;

        Base(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Recommender read(ModelReader in, Interactions trainingData, ModelInfo info) {
            return FactorModel.read(in, trainingData, info);
        }
    }

    /** {@code biased-mf}: {@link BiasedMfTrainer}. */
    public static final class BiasedMf extends Base {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public BiasedMf() {
            super("biased-mf");
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            return sgd(p, BiasedMfTrainer.builder().svdPlusPlus(false));
        }
    }

    /** {@code svdpp}: {@link BiasedMfTrainer} with the SVD++ implicit term. */
    public static final class SvdPlusPlus extends Base {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public SvdPlusPlus() {
            super("svdpp");
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            return sgd(p, BiasedMfTrainer.builder().svdPlusPlus(true));
        }
    }

    private static RecommenderTrainer sgd(AlgorithmParams p, BiasedMfTrainer.Builder b) {
        p.integer("rank", b::rank);
        p.integer("epochs", b::epochs);
        p.real("learningRate", b::learningRate);
        p.real("learningRateDecay", b::learningRateDecay);
        p.real("regularization", b::regularization);
        p.real("biasRegularization", b::biasRegularization);
        p.real("initStdDev", b::initStdDev);
        p.longValue("seed", b::seed);
        return b.build();
    }

    /** {@code als}: {@link AlsTrainer}. */
    public static final class Als extends Base {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public Als() {
            super("als");
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            AlsTrainer.Builder b = AlsTrainer.builder();
            p.integer("rank", b::rank);
            p.integer("iterations", b::iterations);
            p.real("regularization", b::regularization);
            p.bool("weightedRegularization", b::weightedRegularization);
            p.real("initStdDev", b::initStdDev);
            p.integer("threads", b::threads);
            p.longValue("seed", b::seed);
            return b.build();
        }
    }

    /** {@code implicit-als}: {@link ImplicitAlsTrainer}. */
    public static final class ImplicitAls extends Base {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public ImplicitAls() {
            super("implicit-als");
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            ImplicitAlsTrainer.Builder b = ImplicitAlsTrainer.builder();
            p.integer("rank", b::rank);
            p.integer("iterations", b::iterations);
            p.real("regularization", b::regularization);
            p.real("alpha", b::alpha);
            if (p.has("scaling")) {
                String v = p.string("scaling", "");
                try {
                    b.scaling(ImplicitAlsTrainer.Scaling.valueOf(v.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ConfigurationException.invalid("scaling", v, "must be linear or log");
                }
            }
            p.integer("cgSteps", b::cgSteps);
            p.real("initStdDev", b::initStdDev);
            p.integer("threads", b::threads);
            p.longValue("seed", b::seed);
            return b.build();
        }
    }

    /** {@code bpr}: {@link BprTrainer}. */
    public static final class Bpr extends Base {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public Bpr() {
            super("bpr");
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            BprTrainer.Builder b = BprTrainer.builder();
            p.integer("rank", b::rank);
            p.integer("epochs", b::epochs);
            p.real("learningRate", b::learningRate);
            p.real("regularization", b::regularization);
            p.real("biasRegularization", b::biasRegularization);
            p.real("initStdDev", b::initStdDev);
            p.longValue("seed", b::seed);
            return b.build();
        }
    }
}
