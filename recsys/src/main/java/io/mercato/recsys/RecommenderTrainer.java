package io.mercato.recsys;

import io.mercato.recsys.data.Interactions;
import java.util.Map;

/**
 * An algorithm with its (immutable, validated) configuration, ready to train. Built by each
 * algorithm's fluent builder ({@link Recommender#builder()}) or by name ({@link Recommenders#byName}).
 * Training is seeded: the same configuration and data give the same model.
 */
public interface RecommenderTrainer {

    /** The algorithm name, e.g. "item-knn". */
    String algorithm();

    /** The configuration as strings, e.g. {"neighbours": "50"}; becomes {@link ModelInfo#hyperParameters()}. */
    Map<String, String> hyperParameters();

    /** Trains a model on {@code data}. */
    Recommender fit(Interactions data);

    /** "item-knn(neighbours=50, similarity=cosine)": for reports and logs. */
    default String describe() {
        StringBuilder sb = new StringBuilder(algorithm()).append('(');
        String sep = "";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(hyperParameters()).entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
