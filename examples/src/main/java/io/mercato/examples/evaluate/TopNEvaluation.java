package io.mercato.examples.evaluate;

import io.mercato.core.metrics.RankingMetrics;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hold-out protocol of {@code mercato recsys eval} and the demo, for a trained model and the
 * interactions held out from its training data:
 * <ul>
 *   <li>rating error (RMSE, MAE) on every held-out row whose user and item were seen in training,
 *       for models that predict ratings (null otherwise);
 *   <li>top-k ranking: for each held-out user seen in training, every item absent from the user's
 *       training interactions is ranked; relevant = the user's held-out items rated at least the
 *       threshold (all of them without ratings; relevant items the model never saw still count, so
 *       they lower recall); precision, recall and NDCG at k averaged over users with at least one
 *       relevant item.
 * </ul>
 */
public final class TopNEvaluation {
  private final Recommender model;
  private final Map<String, Set<String>> relevant = new LinkedHashMap<>();
  private final Holdout holdout;
  private final int knownUsers;

  /** Prepares the evaluation of {@code model} on {@code holdout}. */
  public TopNEvaluation(Recommender model, Holdout holdout, double relevantThreshold) {
    this.model = model;
    this.holdout = holdout;
    Interactions train = model.trainingData();
    Set<String> known = new HashSet<>();
    for (Holdout.Row row : holdout.rows()) {
      if (train.users().contains(row.user())) {
        known.add(row.user());
        if (!holdout.rated() || row.rating() >= relevantThreshold) {
          relevant.computeIfAbsent(row.user(), u -> new HashSet<>()).add(row.item());
        }
      }
    }
    this.knownUsers = known.size();
  }

  /** Users with at least one relevant held-out item (the users ranking metrics average over). */
  public int evaluatedUsers() {
    return relevant.size();
  }

  /** Held-out users the model knows. */
  public int knownUsers() {
    return knownUsers;
  }

  /** The top-{@code k} lists of every evaluated user, in one batch call. */
  public Map<String, List<Recommendation>> recommendAll(int k) {
    return model.recommendAll(relevant.keySet(), k);
  }

  /**
   * Mean precision, recall and NDCG at {@code k} over the evaluated users, from top lists of at
   * least {@code k} items (as returned by {@link #recommendAll}); NaN when no user is evaluated.
   */
  public double[] rankingAt(Map<String, List<Recommendation>> lists, int k) {
    Map<String, Integer> ids = new HashMap<>();
    double precision = 0;
    double recall = 0;
    double ndcg = 0;
    for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
      int[] ranked = lists.get(e.getKey()).stream().mapToInt(r -> id(ids, r.item())).toArray();
      Set<Integer> rel = new HashSet<>();
      e.getValue().forEach(item -> rel.add(id(ids, item)));
      precision += RankingMetrics.precisionAtK(ranked, rel, k);
      recall += RankingMetrics.recallAtK(ranked, rel, k);
      ndcg += RankingMetrics.ndcgAtK(ranked, rel, k);
    }
    int n = relevant.size();
    return n == 0
        ? new double[] {Double.NaN, Double.NaN, Double.NaN}
        : new double[] {precision / n, recall / n, ndcg / n};
  }

  /**
   * {@code {rmse, mae}} over held-out rows whose user and item the model knows, or null when the
   * model does not predict ratings, the hold-out has none, or no row is known.
   */
  public double[] ratingErrors() {
    if (!holdout.rated() || !model.predictsRatings()) {
      return null;
    }
    Interactions train = model.trainingData();
    double se = 0;
    double ae = 0;
    int n = 0;
    for (Holdout.Row row : holdout.rows()) {
      if (train.users().contains(row.user()) && train.items().contains(row.item())) {
        double predicted = model.predict(row.user(), row.item());
        if (Double.isFinite(predicted)) {
          double err = predicted - row.rating();
          se += err * err;
          ae += Math.abs(err);
          n++;
        }
      }
    }
    return n == 0 ? null : new double[] {Math.sqrt(se / n), ae / n};
  }

  private static int id(Map<String, Integer> ids, String item) {
    return ids.computeIfAbsent(item, i -> ids.size());
  }
}
