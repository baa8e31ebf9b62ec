package io.mercato.examples.cli;

import io.mercato.core.metrics.RankingMetrics;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The train/test protocol of {@code recsys eval}: fit on the training interactions, then
 * <ul>
 *   <li>rating error (RMSE, MAE) on every test row whose user and item were seen in training, for
 *       models that predict ratings (null otherwise);
 *   <li>top-k ranking: for each test user seen in training, rank every item absent from the user's
 *       training interactions; relevant = the user's test items rated at least the threshold (all
 *       of them without ratings); precision, recall and NDCG at k averaged over users with at least
 *       one relevant item.
 * </ul>
 */
final class RecsysEvaluation {
  private RecsysEvaluation() {}

  static Map<String, Object> run(
      Interactions train, TestSet test, RecommenderTrainer trainer, int k, double threshold) {
    long start = System.nanoTime();
    Recommender rec = trainer.fit(train);
    double fitSeconds = (System.nanoTime() - start) / 1e9;

    Map<String, Set<String>> relevant = new LinkedHashMap<>();
    Set<String> testUsers = new HashSet<>();
    for (TestSet.Row row : test.rows()) {
      if (!train.containsUser(row.user())) {
        continue;
      }
      testUsers.add(row.user());
      if (!test.rated() || row.rating() >= threshold) {
        relevant.computeIfAbsent(row.user(), u -> new HashSet<>()).add(row.item());
      }
    }

    Map<String, Integer> itemIds = new HashMap<>();
    double precision = 0;
    double recall = 0;
    double ndcg = 0;
    long rankStart = System.nanoTime();
    Map<String, List<Recommendation>> lists = new HashMap<>();
    for (String user : relevant.keySet()) {
      lists.put(user, rec.recommend(user, k));
    }
    double recommendSeconds = (System.nanoTime() - rankStart) / 1e9;
    for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
      List<Recommendation> list = lists.get(e.getKey());
      int[] ranked = list.stream().mapToInt(r -> id(itemIds, r.item())).toArray();
      Set<Integer> rel = new HashSet<>();
      e.getValue().forEach(item -> rel.add(id(itemIds, item)));
      precision += RankingMetrics.precisionAtK(ranked, rel, k);
      recall += RankingMetrics.recallAtK(ranked, rel, k);
      ndcg += RankingMetrics.ndcgAtK(ranked, rel, k);
    }
    int users = relevant.size();

    Double rmse = null;
    Double mae = null;
    if (test.rated() && rec.predictsRatings()) {
      double se = 0;
      double ae = 0;
      int n = 0;
      for (TestSet.Row row : test.rows()) {
        if (train.containsUser(row.user()) && train.containsItem(row.item())) {
          double err = rec.predict(row.user(), row.item()) - row.rating();
          se += err * err;
          ae += Math.abs(err);
          n++;
        }
      }
      if (n > 0) {
        rmse = Math.sqrt(se / n);
        mae = ae / n;
      }
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rmse", rmse);
    out.put("mae", mae);
    out.put("precision_at_" + k, users == 0 ? null : precision / users);
    out.put("recall_at_" + k, users == 0 ? null : recall / users);
    out.put("ndcg_at_" + k, users == 0 ? null : ndcg / users);
    out.put("fit_s", fitSeconds);
    out.put("recommend_all_s", recommendSeconds);
    out.put("users_evaluated", users);
    out.put("test_users_known", testUsers.size());
    out.put("test_rows", test.rows().size());
    return out;
  }

  private static int id(Map<String, Integer> ids, String item) {
    return ids.computeIfAbsent(item, i -> ids.size());
  }
}
