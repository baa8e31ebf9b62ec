package io.mercato.examples.bench;

import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.IdIndex;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peers' recommendation protocol ({@code ../shared/peers/README.md}, implemented there in
 * {@code recsys-peers/common/.../Harness.java}), re-implemented here independently of the library's own
 * evaluation code so that the benchmark does not grade Mercato with Mercato:
 *
 * <ul>
 *   <li>rating prediction: every test row predicted, clipped to [min, max] of the training ratings, the
 *       training global mean where the model cannot predict (unknown user or item, NaN);</li>
 *   <li>top-10 for every distinct test user over the training catalog minus the user's training items;
 *       relevant = the user's test items rated at least 4 (implicit data: all of them); precision, recall
 *       and NDCG (binary gains, IDCG over min(|relevant|, 10) positions) averaged over the users with a
 *       relevant item, a user unknown to the model counting with zero hits.</li>
 * </ul>
 */
final class PeerProtocol {

  /** Length of the top-n lists. */
  static final int N = 10;
  /** Smallest relevant rating on explicit data. */
  static final double RELEVANT_MIN = 4.0;

  /** One test row by external ids. */
  record Row(String user, String item, double rating) {
  }

  /** Rating metrics: RMSE, MAE and the share of rows the model predicted itself. */
  record RatingMetrics(double rmse, double mae, double coverage) {
  }

  /** Top-n metrics and the wall time of producing the lists of all test users. */
  record TopNMetrics(double precision, double recall, double ndcg, int evalUsers, double seconds) {
  }

  private final boolean implicit;
  private final List<Row> test;

  PeerProtocol(List<Row> test, boolean implicit) {
    this.test = List.copyOf(test);
    this.implicit = implicit;
  }

  /** Reads the {@code user,item,rating} rows of a prepared CSV file. */
  static List<Row> readRows(Path file) {
    List<Row> rows = new ArrayList<>();
    try (CsvReader reader = CsvReader.open(file)) {
      int u = reader.column("user");
      int i = reader.column("item");
      int r = reader.column("rating");
      for (CsvRecord rec : reader) {
        String value = rec.get(r).trim();
        try {
          rows.add(new Row(rec.get(u).trim(), rec.get(i).trim(), Double.parseDouble(value)));
        } catch (NumberFormatException e) {
          throw rec.error("rating", "not a number: '" + value + "'");
        }
      }
    }
    return rows;
  }

  /** Interactions (no timestamps needed by the protocol) built from rows, e.g. train + test for k-fold. */
  static Interactions interactions(List<Row> rows) {
    Interactions.Builder b = Interactions.builder();
    for (Row r : rows) {
      b.add(r.user(), r.item(), r.rating());
    }
    return b.build();
  }

  List<Row> rows() {
    return test;
  }

  /** RMSE/MAE of {@code model} on the test rows (the model must predict ratings). */
  RatingMetrics ratings(Recommender model) {
    return ratings(model, test);
  }

  /** RMSE/MAE of {@code model} on {@code rows}, clipped to the training range, mean for what it cannot predict. */
  static RatingMetrics ratings(Recommender model, List<Row> rows) {
    Interactions train = model.trainingData();
    double mean = train.globalMean();
    double min = train.minValue();
    double max = train.maxValue();
    IdIndex users = train.users();
    IdIndex items = train.items();
    double se = 0;
    double ae = 0;
    int own = 0;
    for (Row row : rows) {
      int u = users.index(row.user());
      int i = items.index(row.item());
      double p = u >= 0 && i >= 0 ? model.predict(u, i) : Double.NaN;
      if (Double.isNaN(p) || Double.isInfinite(p)) {
        p = mean;
      } else {
        own++;
      }
      p = Math.max(min, Math.min(max, p));
      double e = p - row.rating();
      se += e * e;
      ae += Math.abs(e);
    }
    return new RatingMetrics(Math.sqrt(se / rows.size()), ae / rows.size(), own / (double) rows.size());
  }

  /** Top-10 metrics of {@code model}; the lists of all distinct test users are produced in one timed batch. */
  TopNMetrics topN(Recommender model) {
    Interactions train = model.trainingData();
    Map<String, Set<String>> relevant = new LinkedHashMap<>();
    Set<String> testUsers = new LinkedHashSet<>();
    for (Row r : test) {
      testUsers.add(r.user());
      if (implicit || r.rating() >= RELEVANT_MIN) {
        relevant.computeIfAbsent(r.user(), k -> new HashSet<>()).add(r.item());
      }
    }
    List<String> known = new ArrayList<>();
    for (String u : testUsers) {
      if (train.users().contains(u)) {
        known.add(u);
      }
    }
    int[] indices = known.stream().mapToInt(u -> train.users().index(u)).toArray();
    long start = System.nanoTime();
    int[][] lists = model.topN(indices, N);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, int[]> byUser = new LinkedHashMap<>();
    for (int k = 0; k < indices.length; k++) {
      byUser.put(known.get(k), lists[k]);
    }
    double p = 0;
    double r = 0;
    double n = 0;
    int violations = 0;
    for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
      Set<String> rel = e.getValue();
      int[] list = byUser.getOrDefault(e.getKey(), new int[0]);
      int u = train.users().index(e.getKey());
      int hits = 0;
      double dcg = 0;
      for (int k = 0; k < Math.min(N, list.length); k++) {
        if (list[k] < 0 || list[k] >= train.itemCount() || (u >= 0 && train.contains(u, list[k]))) {
          violations++;
          continue;
        }
        if (rel.contains(train.items().id(list[k]))) {
          hits++;
          dcg += 1.0 / (Math.log(k + 2) / Math.log(2));
        }
      }
      double idcg = 0;
      for (int k = 0; k < Math.min(N, rel.size()); k++) {
        idcg += 1.0 / (Math.log(k + 2) / Math.log(2));
      }
      p += hits / (double) N;
      r += hits / (double) rel.size();
      n += dcg / idcg;
    }
    if (violations > 0) {
      throw new IllegalStateException(model.algorithm() + " recommended " + violations
          + " training or non-catalog items");
    }
    int users = relevant.size();
    return new TopNMetrics(p / users, r / users, n / users, users, seconds);
  }
}
