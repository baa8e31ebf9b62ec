package io.mercato.recsys;

import io.mercato.recsys.baseline.BaselinePredictor;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.content.ContentBased;
import io.mercato.recsys.data.ItemFeatures;
import io.mercato.recsys.hybrid.SwitchingHybrid;
import io.mercato.recsys.hybrid.WeightedHybrid;
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

    /** Content-based: user profiles from the features of their items. */
    public ContentBased.Builder content(ItemFeatures features) {
        return ContentBased.builder(features);
    }

    /** A weighted blend of several recommenders. */
    public WeightedHybrid.Builder weighted() {
        return WeightedHybrid.builder();
    }

    /** Cold start by switching to fallbacks for new users and new items. */
    public SwitchingHybrid.Builder switching(RecommenderTrainer primary) {
        return SwitchingHybrid.builder(primary);
    }

    /** Biased matrix factorization by SGD ({@code "biased-mf"}). */
    public io.mercato.recsys.mf.BiasedMfTrainer.Builder biasedMf() {
        return io.mercato.recsys.mf.BiasedMfTrainer.builder();
    }

    /** SVD++ by SGD ({@code "svdpp"}). */
    public io.mercato.recsys.mf.BiasedMfTrainer.Builder svdPlusPlus() {
        return io.mercato.recsys.mf.BiasedMfTrainer.builder().svdPlusPlus(true);
    }

    /** Alternating least squares for explicit ratings ({@code "als"}). */
    public io.mercato.recsys.mf.AlsTrainer.Builder als() {
        return io.mercato.recsys.mf.AlsTrainer.builder();
    }

    /** Implicit-feedback ALS with conjugate-gradient solves ({@code "implicit-als"}). */
    public io.mercato.recsys.mf.ImplicitAlsTrainer.Builder implicitAls() {
        return io.mercato.recsys.mf.ImplicitAlsTrainer.builder();
    }

    /** Bayesian personalized ranking ({@code "bpr"}). */
    public io.mercato.recsys.mf.BprTrainer.Builder bpr() {
        return io.mercato.recsys.mf.BprTrainer.builder();
    }

    /**
     * Another algorithm with hyper-parameters chosen on a seeded validation split of the training data
     * ({@code "tuned"}), e.g. {@code tuned().grid("item-knn", Map.of(), Map.of("neighbours", List.of("20", "40")))}.
     */
    public io.mercato.recsys.eval.Tuner.Builder tuned() {
        return io.mercato.recsys.eval.Tuner.builder();
    }

    /** Neural collaborative filtering: generalized matrix factorization trained with sampled negatives ({@code "ncf"}). */
    public io.mercato.recsys.neural.NcfTrainer.Builder ncf() {
        return io.mercato.recsys.neural.NcfTrainer.builder();
    }
}
