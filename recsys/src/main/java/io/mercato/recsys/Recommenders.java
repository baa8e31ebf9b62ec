package io.mercato.recsys;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelKey;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The algorithm registry: trainers by name with string parameters (for the CLI and config files)
 * and loading of saved models of any algorithm. Algorithms register an {@link AlgorithmProvider}
 * with {@link ServiceLoader}. Names: popularity, baseline, item-knn, user-knn, content, weighted-hybrid,
 * switching-hybrid, the factor models (biased-mf, svdpp, als, implicit-als, bpr, ncf), tuned (the
 * {@link io.mercato.recsys.eval.Tuner}: another algorithm with hyper-parameters chosen on a validation split) and auto
 * ({@link io.mercato.recsys.eval.AutoRecommender}: the algorithm too, within a time budget).
 */
public final class Recommenders {

    private Recommenders() {
    }

    private static final class Registry {
        static final Map<String, AlgorithmProvider> PROVIDERS = load();

        private static Map<String, AlgorithmProvider> load() {
            Map<String, AlgorithmProvider> map = new TreeMap<>();
            for (AlgorithmProvider p : ServiceLoader.load(AlgorithmProvider.class, Recommenders.class.getClassLoader())) {
                AlgorithmProvider previous = map.put(p.name(), p);
                if (previous != null) {
                    throw new IllegalStateException("two providers for algorithm '" + p.name() + "': "
                            + previous.getClass().getName() + " and " + p.getClass().getName());
                }
            }
            return Collections.unmodifiableMap(map);
        }
    }

    /** The registered algorithm names, sorted. */
    public static java.util.Set<String> names() {
        return Registry.PROVIDERS.keySet();
    }

    /** The provider of algorithm {@code name}. */
    public static AlgorithmProvider provider(String name) {
        AlgorithmProvider p = Registry.PROVIDERS.get(name);
        if (p == null) {
            throw ConfigurationException.invalid("algorithm", name, "must be one of " + names());
        }
        return p;
    }

    /**
     * A trainer for algorithm {@code name} configured from string parameters, e.g.
     * {@code byName("item-knn", Map.of("neighbours", "50"))}; unknown or bad parameters are a
     * {@link ConfigurationException}.
     */
    public static RecommenderTrainer byName(String name, Map<String, String> params) {
        AlgorithmParams p = new AlgorithmParams(params);
        RecommenderTrainer trainer = provider(name).trainer(p);
        p.checkAllUsed(name);
        return trainer;
    }

    /** Loads a model saved by {@link Recommender#save(Path)}. */
    public static Recommender load(Path file) {
        return ModelFiles.load(file, null);
    }

    /** Loads a model saved by {@link Recommender#save(Path, ModelKey)} with its key. */
    public static Recommender load(Path file, ModelKey key) {
        return ModelFiles.load(file, key);
    }
}
