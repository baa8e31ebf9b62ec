package io.mercato.recsys;

import io.mercato.recsys.data.Interactions;

/**
 * One recommendation algorithm as the registry ({@link Recommenders}) sees it: its name, a trainer
 * from string parameters (CLI, config files) and a reader for its saved models. Registered with
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.mercato.recsys.AlgorithmProvider}.
 */
public interface AlgorithmProvider {

    /** The name, e.g. "item-knn"; equals {@link Recommender#algorithm()} of the models it reads. */
    String name();

    /** Version of the saved state; a file with a newer version is refused. */
    default int version() {
        return 1;
    }

    /**
     * A trainer configured from {@code params} (read them with its typed getters; unknown names are
     * reported by the registry after this call).
     */
    RecommenderTrainer trainer(AlgorithmParams params);

    /** Restores a model saved by {@link Recommender#writeTo(ModelWriter)}. */
    Recommender read(ModelReader in, Interactions trainingData, ModelInfo info);
}
