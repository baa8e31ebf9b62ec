package io.mercato.recsys.mf;

import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prepared peer split (train.csv / test.csv written by /work/shared/peers/prepare) and the peers' protocol
 * (/work/shared/peers/README.md): RMSE/MAE with clipping and the train mean for cold rows; P/R/NDCG@10 over test
 * users with a relevant item (rating ≥ 4, or any test item for implicit data), candidates = train items not in the
 * user's train set. For the benchmark mains only.
 */
final class PreparedSplit {
  final Interactions train;
  final boolean implicit;
  final List<String[]> test = new ArrayList<>();

  PreparedSplit(Path dir) throws IOException {
    implicit = Files.readString(dir.resolve("kind")).trim().equals("implicit");
    Interactions.Builder b = Interactions.builder();
    List<String> lines = Files.readAllLines(dir.resolve("train.csv"));
    for (int r = 1; r < lines.size(); r++) {
      String[] f = lines.get(r).split(",");
      b.add(f[0], f[1], Double.parseDouble(f[2]));
    }
    train = b.build();
    List<String> t = Files.readAllLines(dir.resolve("test.csv"));
    for (int r = 1; r < t.size(); r++) {
      test.add(t.get(r).split(","));
    }
  }

  double[] rmseMae(Recommender model) {
    double se = 0;
    double ae = 0;
    for (String[] row : test) {
      int u = train.users().index(row[0]);
      int i = train.items().index(row[1]);
      double p = u < 0 || i < 0 ? train.globalMean() : model.predict(u, i);
      double d = p - Double.parseDouble(row[2]);
      se += d * d;
      ae += Math.abs(d);
    }
    return new double[] {Math.sqrt(se / test.size()), ae / test.size()};
  }

  /** P@10, R@10, NDCG@10, seconds for the top-10 of all evaluated users. */
  double[] topN(Recommender model) {
    Map<Integer, Set<String>> rel = new HashMap<>();
    for (String[] row : test) {
      int u = train.users().index(row[0]);
      if (u >= 0 && (implicit || Double.parseDouble(row[2]) >= 4)) {
        rel.computeIfAbsent(u, k -> new HashSet<>()).add(row[1]);
      }
    }
    int[] users = rel.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    long t0 = System.nanoTime();
    int[][] lists = model.topN(users, 10);
    double secs = (System.nanoTime() - t0) / 1e9;
    double p = 0;
    double rc = 0;
    double nd = 0;
    for (int r = 0; r < users.length; r++) {
      Set<String> relevant = rel.get(users[r]);
      int hits = 0;
      double dcg = 0;
      double idcg = 0;
      for (int x = 0; x < lists[r].length; x++) {
        if (relevant.contains(train.items().id(lists[r][x]))) {
          hits++;
          dcg += 1 / (Math.log(x + 2) / Math.log(2));
        }
      }
      for (int x = 0; x < Math.min(10, relevant.size()); x++) {
        idcg += 1 / (Math.log(x + 2) / Math.log(2));
      }
      p += hits / 10.0;
      rc += hits / (double) relevant.size();
      nd += dcg / idcg;
    }
    return new double[] {p / users.length, rc / users.length, nd / users.length, secs};
  }
}
