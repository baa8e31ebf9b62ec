package io.mercato.recsys;

import io.mercato.recsys.baseline.BaselinePredictor;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.knn.Knn;

/**
 * The fluent entry point {@link Recommender#builder()}: one method per algorithm, each returning that
 * algorithm's builder, e.g. {@code Recommender.builder().itemKnn().neighbours(50).build().fit(data)}.
 */
public final class AlgorithmCatalog {

    AlgorithmCatalog() {
    }

    /** Most popular items, optionally time-decayed. */
    public Popularity.Builder popularity() {
        return Popularity.builder();
    }

    /** Global mean + regularized user and item biases. */
    public BaselinePredictor.Builder baseline() {
        return BaselinePredictor.builder();
    }

    /** Item-based k nearest neighbours. */
    public Knn.Builder itemKnn() {
        return Knn.itemBased();
    }

    /** User-based k nearest neighbours. */
    public Knn.Builder userKnn() {
        return Knn.userBased();
    }
}
