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

    private abstract static class Base implements AlgorithmProvider {
        @Override
        public Recommender read(ModelReader in, Interactions trainingData, ModelInfo info) {
            return FactorModel.read(in, trainingData, info);
        }
    }

    /** {@code biased-mf}: {@link BiasedMfTrainer}. */
    public static final class BiasedMf extends Base {
        @Override
        public String name() {
            return "biased-mf";
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            return sgd(p, BiasedMfTrainer.builder().svdPlusPlus(false));
        }
    }

    /** {@code svdpp}: {@link BiasedMfTrainer} with the SVD++ implicit term. */
    public static final class SvdPlusPlus extends Base {
        @Override
        public String name() {
            return "svdpp";
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            return sgd(p, BiasedMfTrainer.builder().svdPlusPlus(true));
        }
    }

    private static RecommenderTrainer sgd(AlgorithmParams p, BiasedMfTrainer.Builder b) {
        if (p.has("rank")) {
            b.rank(p.integer("rank", 0));
        }
        if (p.has("epochs")) {
            b.epochs(p.integer("epochs", 0));
        }
        if (p.has("learningRate")) {
            b.learningRate(p.real("learningRate", 0));
        }
        if (p.has("learningRateDecay")) {
            b.learningRateDecay(p.real("learningRateDecay", 0));
        }
        if (p.has("regularization")) {
            b.regularization(p.real("regularization", 0));
        }
        if (p.has("biasRegularization")) {
            b.biasRegularization(p.real("biasRegularization", 0));
        }
        if (p.has("initStdDev")) {
            b.initStdDev(p.real("initStdDev", 0));
        }
        if (p.has("seed")) {
            b.seed(p.longValue("seed", 0));
        }
        return b.build();
    }

    /** {@code als}: {@link AlsTrainer}. */
    public static final class Als extends Base {
        @Override
        public String name() {
            return "als";
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            AlsTrainer.Builder b = AlsTrainer.builder();
            if (p.has("rank")) {
                b.rank(p.integer("rank", 0));
            }
            if (p.has("iterations")) {
                b.iterations(p.integer("iterations", 0));
            }
            if (p.has("regularization")) {
                b.regularization(p.real("regularization", 0));
            }
            if (p.has("weightedRegularization")) {
                b.weightedRegularization(p.bool("weightedRegularization", true));
            }
            if (p.has("initStdDev")) {
                b.initStdDev(p.real("initStdDev", 0));
            }
            if (p.has("threads")) {
                b.threads(p.integer("threads", 0));
            }
            if (p.has("seed")) {
                b.seed(p.longValue("seed", 0));
            }
            return b.build();
        }
    }

    /** {@code implicit-als}: {@link ImplicitAlsTrainer}. */
    public static final class ImplicitAls extends Base {
        @Override
        public String name() {
            return "implicit-als";
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            ImplicitAlsTrainer.Builder b = ImplicitAlsTrainer.builder();
            if (p.has("rank")) {
                b.rank(p.integer("rank", 0));
            }
            if (p.has("iterations")) {
                b.iterations(p.integer("iterations", 0));
            }
            if (p.has("regularization")) {
                b.regularization(p.real("regularization", 0));
            }
            if (p.has("alpha")) {
                b.alpha(p.real("alpha", 0));
            }
            if (p.has("scaling")) {
                String v = p.string("scaling", "");
                try {
                    b.scaling(ImplicitAlsTrainer.Scaling.valueOf(v.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ConfigurationException.invalid("scaling", v, "must be linear or log");
                }
            }
            if (p.has("cgSteps")) {
                b.cgSteps(p.integer("cgSteps", 0));
            }
            if (p.has("initStdDev")) {
                b.initStdDev(p.real("initStdDev", 0));
            }
            if (p.has("threads")) {
                b.threads(p.integer("threads", 0));
            }
            if (p.has("seed")) {
                b.seed(p.longValue("seed", 0));
            }
            return b.build();
        }
    }

    /** {@code bpr}: {@link BprTrainer}. */
    public static final class Bpr extends Base {
        @Override
        public String name() {
            return "bpr";
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            BprTrainer.Builder b = BprTrainer.builder();
            if (p.has("rank")) {
                b.rank(p.integer("rank", 0));
            }
            if (p.has("epochs")) {
                b.epochs(p.integer("epochs", 0));
            }
            if (p.has("learningRate")) {
                b.learningRate(p.real("learningRate", 0));
            }
            if (p.has("regularization")) {
                b.regularization(p.real("regularization", 0));
            }
            if (p.has("biasRegularization")) {
                b.biasRegularization(p.real("biasRegularization", 0));
            }
            if (p.has("initStdDev")) {
                b.initStdDev(p.real("initStdDev", 0));
            }
            if (p.has("seed")) {
                b.seed(p.longValue("seed", 0));
            }
            return b.build();
        }
    }
}
