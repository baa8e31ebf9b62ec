package io.mercato.recsys.privacy;

import io.mercato.core.io.ModelKey;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.RecommendRequest;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model trained on pseudonymized ids that answers by original ids: every id a caller passes in is
 * mapped with {@link IdPseudonymizer} before the inner model sees it; index-level methods, saving and
 * what the model returns are the inner model's.
 */
final class PseudonymizedRecommender implements Recommender {
  private final Recommender inner;
  private final IdPseudonymizer ids;

  PseudonymizedRecommender(Recommender inner, IdPseudonymizer ids) {
    this.inner = inner;
    this.ids = ids;
  }

  Recommender inner() {
    return inner;
  }

  IdPseudonymizer ids() {
    return ids;
  }

  @Override
  public ModelInfo info() {
    return inner.info();
  }

  @Override
  public Interactions trainingData() {
    return inner.trainingData();
  }

  @Override
  public double[] scores(int user) {
    return inner.scores(user);
  }

  @Override
  public double[][] scores(int[] users) {
    return inner.scores(users);
  }

  @Override
  public boolean predictsRatings() {
    return inner.predictsRatings();
  }

  @Override
  public double predict(int user, int item) {
    return inner.predict(user, item);
  }

  @Override
  public Explanation explain(int user, int item) {
    return inner.explain(user, item);
  }

  @Override
  public double[] itemSimilarities(int item) {
    return inner.itemSimilarities(item);
  }

  @Override
  public Recommender update(Interactions additional) {
    return new PseudonymizedRecommender(inner.update(ids.apply(additional)), ids);
  }

  @Override
  public void writeTo(ModelWriter out) {
    inner.writeTo(out);
  }

  @Override
  public int[][] topN(int[] users, int n) {
    return inner.topN(users, n);
  }

  @Override
  public double[] scores(String user) {
    return inner.scores(ids.user(user));
  }

  @Override
  public boolean canScore(String user) {
    return inner.canScore(ids.user(user));
  }

  @Override
  public List<Recommendation> recommend(String user, int n) {
    return inner.recommend(ids.user(user), n);
  }

  @Override
  public List<Recommendation> recommend(RecommendRequest request) {
    return inner.recommend(request.withUser(ids.user(request.user())));
  }

  @Override
  public Map<String, List<Recommendation>> recommendAll(Collection<String> users, int n) {
    Map<String, String> stored = new LinkedHashMap<>();
    users.forEach(u -> stored.put(u, ids.user(u)));
    Map<String, List<Recommendation>> byStored = inner.recommendAll(stored.values(), n);
    Map<String, List<Recommendation>> out = new LinkedHashMap<>();
    stored.forEach((original, s) -> out.put(original, byStored.get(s)));
    return out;
  }

  @Override
  public List<Recommendation> similarItems(String item, int n) {
    return inner.similarItems(ids.item(item), n);
  }

  @Override
  public double predict(String user, String item) {
    return inner.predict(ids.user(user), ids.item(item));
  }

  @Override
  public Explanation explain(String user, String item) {
    return inner.explain(ids.user(user), ids.item(item));
  }

  @Override
  public Recommender foldIn(String user, Map<String, Double> items) {
    return update(foldInData(user, items));
  }

  private static Interactions foldInData(String user, Map<String, Double> items) {
    Interactions.Builder b = Interactions.builder();
    items.forEach((item, value) -> b.add(user, item, value));
    return b.build();
  }

  @Override
  public void save(Path file) {
    inner.save(file);
  }

  @Override
  public void save(Path file, ModelKey key) {
    inner.save(file, key);
  }

  @Override
  public String toString() {
    return inner + " with " + ids;
  }
}
