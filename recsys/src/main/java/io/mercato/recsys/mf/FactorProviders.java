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
import java.util.function.Function;

/**
 * Registry entries ({@link AlgorithmProvider}, via {@link java.util.ServiceLoader}) of the factor models:
 * {@code biased-mf}, {@code svdpp}, {@code als}, {@code implicit-als} and {@code bpr}. Parameter names are those of
 * the builder methods (absent ones keep the builder defaults), e.g.
 * {@code byName("als", Map.of("rank", "20", "regularization", "0.05"))}.
 */
public final class FactorProviders {

    private FactorProviders() {
    }

    /** One named factor algorithm: how its parameters configure the trainer; every one saves a {@link FactorModel}. */
    private abstract static class Entry implements AlgorithmProvider {
        private final String name;
        private final Function<AlgorithmParams, RecommenderTrainer> trainer;

        Entry(String name, Function<AlgorithmParams, RecommenderTrainer> trainer) {
            this.name = name;
            this.trainer = trainer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            return trainer.apply(p);
        }

        @Override
        public Recommender read(ModelReader in, Interactions trainingData, ModelInfo info) {
            return FactorModel.read(in, trainingData, info);
        }
    }

    /** {@code biased-mf}: {@link BiasedMfTrainer}. */
    public static final class BiasedMf extends Entry {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public BiasedMf() {
            super("biased-mf", p -> sgd(p, BiasedMfTrainer.builder().svdPlusPlus(false)));
        }
    }

    /** {@code svdpp}: {@link BiasedMfTrainer} with the SVD++ implicit term. */
    public static final class SvdPlusPlus extends Entry {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public SvdPlusPlus() {
            super("svdpp", p -> sgd(p, BiasedMfTrainer.builder().svdPlusPlus(true)));
        }
    }

    /** {@code als}: {@link AlsTrainer}. */
    public static final class Als extends Entry {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public Als() {
            super("als", FactorProviders::als);
        }
    }

    /** {@code implicit-als}: {@link ImplicitAlsTrainer}. */
    public static final class ImplicitAls extends Entry {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public ImplicitAls() {
            super("implicit-als", FactorProviders::implicitAls);
        }
    }

    /** {@code bpr}: {@link BprTrainer}. */
    public static final class Bpr extends Entry {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public Bpr() {
            super("bpr", FactorProviders::bpr);
        }
    }

    /** Applies the settings every factor trainer has ({@code rank}, {@code initStdDev}, {@code seed}). */
    private static <B extends FactorTrainer.Builder<B>> B shared(AlgorithmParams p, B b) {
        p.integer("rank", b::rank);
        p.real("initStdDev", b::initStdDev);
        p.longValue("seed", b::seed);
        return b;
    }

    private static RecommenderTrainer sgd(AlgorithmParams p, BiasedMfTrainer.Builder b) {
        shared(p, b);
        p.integer("epochs", b::epochs);
        p.real("learningRate", b::learningRate);
        p.real("learningRateDecay", b::learningRateDecay);
        p.real("regularization", b::regularization);
        p.real("biasRegularization", b::biasRegularization);
        return b.build();
    }

    private static RecommenderTrainer als(AlgorithmParams p) {
        AlsTrainer.Builder b = shared(p, AlsTrainer.builder());
        p.integer("iterations", b::iterations);
        p.real("regularization", b::regularization);
        p.bool("weightedRegularization", b::weightedRegularization);
        p.integer("threads", b::threads);
        return b.build();
    }

    private static RecommenderTrainer implicitAls(AlgorithmParams p) {
        ImplicitAlsTrainer.Builder b = shared(p, ImplicitAlsTrainer.builder());
        p.integer("iterations", b::iterations);
        p.real("regularization", b::regularization);
        p.real("alpha", b::alpha);
        if (p.has("scaling")) {
            String v = p.string("scaling", "");
            String name = v.trim().toUpperCase(Locale.ROOT).replace("-", "");
            try {
                b.scaling(ImplicitAlsTrainer.Scaling.valueOf(name.equals("LOG") ? "LOG1P" : name));
            } catch (IllegalArgumentException e) {
                throw ConfigurationException.invalid("scaling", v, "must be linear, log1p (or log), bm25 or tfidf");
            }
        }
        p.real("epsilon", b::epsilon);
        p.real("k1", b::k1);
        p.real("b", b::b);
        p.integer("cgSteps", b::cgSteps);
        p.integer("threads", b::threads);
        return b.build();
    }

    private static RecommenderTrainer bpr(AlgorithmParams p) {
        BprTrainer.Builder b = shared(p, BprTrainer.builder());
        p.integer("epochs", b::epochs);
        p.real("learningRate", b::learningRate);
        p.real("regularization", b::regularization);
        p.real("biasRegularization", b::biasRegularization);
        p.integer("threads", b::threads);
        return b.build();
    }
}
