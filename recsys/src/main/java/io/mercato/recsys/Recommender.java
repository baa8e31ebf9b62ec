package io.mercato.recsys;

import io.mercato.core.io.ModelKey;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A trained recommendation model: immutable and safe to share between threads.
 *
 * <p>An algorithm implements the small index-level part: {@link #scores(int)} (a dense score row over
 * all items), optionally {@link #scores(int[])} (batch), {@link #predict(int, int)} (rating models),
 * {@link #explain(int, int)}, {@link #itemSimilarities(int)}, {@link #update(Interactions)} and
 * {@link #writeTo(ModelWriter)}. Everything a caller uses by external id (recommend with filters and
 * business rules, batch top-n, similar items, predict, explain, save) is written once, here, on top
 * of it. Algorithms extend {@link AbstractRecommender}, which holds {@link #info()} and
 * {@link #trainingData()}.
 *
 * <pre>{@code
 * Recommender model = Recommender.builder().itemKnn().neighbours(50).build().fit(interactions);
 * List<Recommendation> top = model.recommend("user-42", 10);
 * model.save(Path.of("shop.mercato"));
 * }</pre>
 */
public interface Recommender {

    // ---------------------------------------------------------------- implemented by each algorithm

    /** Algorithm name, hyper-parameters and training time. */
    ModelInfo info();

    /** The interactions the model was trained on; its indices define user and item indices. */
    Interactions trainingData();

    /**
     * Scores of every item (index order of {@code trainingData().items()}) for the known user index
     * {@code user}; higher is better. NaN or negative infinity marks an item the model cannot score.
     * Own items are NOT removed here (the high-level methods do that). Returns a fresh array.
     */
    double[] scores(int user);

    /**
     * Score rows for several users at once. Models with a fast batch path (one matrix product)
     * override this; the default calls {@link #scores(int)} per user.
     */
    default double[][] scores(int[] users) {
        double[][] rows = new double[users.length][];
        for (int k = 0; k < users.length; k++) {
            rows[k] = scores(users[k]);
        }
        return rows;
    }

    /** Whether {@link #predict(int, int)} returns ratings on the training scale (explicit models). */
    default boolean predictsRatings() {
        return false;
    }

    /**
     * The predicted rating of {@code item} by {@code user}, or NaN when the model cannot tell (e.g. no
     * neighbours). Only for models whose {@link #predictsRatings()} is true.
     */
    default double predict(int user, int item) {
        throw new UnsupportedOperationException(algorithm() + " ranks items but does not predict ratings");
    }

    /** Why {@code user} got {@code item}'s score. */
    Explanation explain(int user, int item);

    /**
     * Similarity of every item to {@code item} (for "customers who bought this also bought"); the
     * entry of {@code item} itself is ignored by callers. Default: cosine similarity of the items'
     * interaction columns; models with their own item geometry (kNN, factors) override it.
     */
    default double[] itemSimilarities(int item) {
        return Ranking.cooccurrenceCosine(trainingData(), item);
    }

    /**
     * A model that also knows {@code additional} interactions (new users, new interactions of known
     * users) without full retraining: kNN recomputes the affected neighbourhoods, factor models fold
     * the users in with the item factors fixed. This model is unchanged.
     *
     * @throws UnsupportedOperationException when the algorithm cannot update incrementally
     */
    default Recommender update(Interactions additional) {
        throw new UnsupportedOperationException(algorithm() + " cannot be updated incrementally; retrain it");
    }

    /**
     * Writes the model's state (everything but {@link #info()} and {@link #trainingData()}, which the
     * file format stores for every model) so that its {@link AlgorithmProvider} can read it back.
     */
    void writeTo(ModelWriter out);

    // ---------------------------------------------------------------- written once for every algorithm

    /** The algorithm name, e.g. "item-knn". */
    default String algorithm() {
        return info().algorithm();
    }

    /**
     * Scores of every item for the user with external id {@code user}.
     *
     * @throws UnknownIdException when the user is unknown (a switching hybrid overrides this for cold start)
     */
    default double[] scores(String user) {
        return scores(Ranking.user(this, user));
    }

    /**
     * Whether this model can score {@code user} from something it knows about that user. Default: the
     * user is in the training data. Popularity serves anyone; a content-based model serves a user whose
     * interacted items or declared {@link io.mercato.recsys.data.UserFeatures} give a non-empty
     * profile. A switching hybrid sends each new user to the first of its new-user recommenders that
     * can score them.
     */
    default boolean canScore(String user) {
        return trainingData().users().contains(user);
    }

    /** The top {@code n} items for {@code user}, excluding items the user already has. */
    default List<Recommendation> recommend(String user, int n) {
        return recommend(RecommendRequest.forUser(user).n(n).build());
    }

    /** Top items for a request: own-item exclusion, business rules, then top-n. */
    default List<Recommendation> recommend(RecommendRequest request) {
        return Ranking.recommend(this, request);
    }

    /**
     * Top {@code n} items (own items excluded) for each of {@code users}, computed in blocks with
     * {@link #scores(int[])}. Unknown users fail with {@link UnknownIdException} unless the model
     * serves cold-start users.
     */
    default Map<String, List<Recommendation>> recommendAll(Collection<String> users, int n) {
        return Ranking.recommendAll(this, users, n);
    }

    /**
     * Index-level batch top-n: for each user index, the {@code n} best item indices, best first,
     * never an item in the user's training data. Used by evaluation.
     */
    default int[][] topN(int[] users, int n) {
        return Ranking.topN(this, users, n);
    }

    /** The {@code n} items most similar to {@code item} (never the item itself). */
    default List<Recommendation> similarItems(String item, int n) {
        return Ranking.similarItems(this, item, n);
    }

    /** Predicted rating of {@code item} by {@code user} (rating models only; NaN when it cannot tell). */
    default double predict(String user, String item) {
        return predict(Ranking.user(this, user), Ranking.item(this, item));
    }

    /** Why {@code user} would get {@code item}. */
    default Explanation explain(String user, String item) {
        return explain(Ranking.user(this, user), Ranking.item(this, item));
    }

    /**
     * Folds one user's interactions ({@code item id -> value}) into the model: {@link #update} with
     * those interactions.
     */
    default Recommender foldIn(String user, Map<String, Double> items) {
        Interactions.Builder b = Interactions.builder();
        items.forEach((item, value) -> b.add(user, item, value));
        return update(b.build());
    }

    /** Saves the model to one file (atomic write, provenance recorded). */
    default void save(Path file) {
        ModelFiles.save(this, file, null);
    }

    /**
     * Saves the model like {@link #save(Path)}, encrypted and authenticated with AES-256-GCM under
     * {@code key} (null: in the clear); the file's clear header names the key id only.
     */
    default void save(Path file, ModelKey key) {
        ModelFiles.save(this, file, key);
    }

    /** Loads a model saved by {@link #save(Path)}, whatever its algorithm. */
    static Recommender load(Path file) {
        return ModelFiles.load(file, null);
    }

    /**
     * Loads a model saved by {@link #save(Path, ModelKey)}: a missing, other or different key, or an
     * altered file, is a {@link io.mercato.core.ModelFileException} saying which.
     */
    static Recommender load(Path file, ModelKey key) {
        return ModelFiles.load(file, key);
    }

    /** Entry point of the fluent builders: {@code Recommender.builder().itemKnn().neighbours(50).build()}. */
    static AlgorithmCatalog builder() {
        return new AlgorithmCatalog();
    }
}
