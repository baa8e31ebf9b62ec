package io.mercato.recsys;

/**
 * The fluent entry point {@link Recommender#builder()}: one method per algorithm, each returning that
 * algorithm's builder, e.g. {@code Recommender.builder().itemKnn().neighbours(50).build().fit(data)}.
 * Each algorithm package adds its method here.
 */
public final class AlgorithmCatalog {

    AlgorithmCatalog() {
    }
}
