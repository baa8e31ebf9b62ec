package io.mercato.recsys.mf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A prepared peer split (train.csv / test.csv of /work/shared/peers/prepare) read for the benchmark mains. */
final class PreparedSplit {
  final Map<String, Integer> userIds = new HashMap<>();
  final Map<String, Integer> itemIds = new HashMap<>();
  final int[] trainUser, trainItem;
  final float[] trainValue;
  final List<int[]> testRows = new ArrayList<>(); // user, item (-1 when unknown)
  final List<Float> testValues = new ArrayList<>();
  final boolean implicit;
  final int trainItemCount;

  PreparedSplit(Path dir) throws IOException {
    implicit = Files.readString(dir.resolve("kind")).trim().equals("implicit");
    List<String> lines = Files.readAllLines(dir.resolve("train.csv"));
    int n = lines.size() - 1;
    trainUser = new int[n];
    trainItem = new int[n];
    trainValue = new float[n];
    for (int r = 0; r < n; r++) {
      String[] f = lines.get(r + 1).split(",");
      trainUser[r] = userIds.computeIfAbsent(f[0], k -> userIds.size());
      trainItem[r] = itemIds.computeIfAbsent(f[1], k -> itemIds.size());
      trainValue[r] = Float.parseFloat(f[2]);
    }
    trainItemCount = itemIds.size();
    List<String> test = Files.readAllLines(dir.resolve("test.csv"));
    for (int r = 1; r < test.size(); r++) {
      String[] f = test.get(r).split(",");
      Integer u = userIds.get(f[0]);
      Integer i = itemIds.get(f[1]);
      testRows.add(new int[] {u == null ? -1 : u, i == null ? -1 : i, r});
      testValues.add(Float.parseFloat(f[2]));
    }
  }

  RatingMatrix matrix() {
    return RatingMatrix.of(userIds.size(), trainItemCount, trainUser, trainItem, trainValue);
  }

  RatingMatrix matrix(java.util.function.DoubleUnaryOperator transform) {
    float[] v = new float[trainValue.length];
    for (int e = 0; e < v.length; e++) {
      v[e] = (float) transform.applyAsDouble(trainValue[e]);
    }
    return RatingMatrix.of(userIds.size(), trainItemCount, trainUser, trainItem, v);
  }

  /** relevant test items per user (rating >= 4, or all for implicit data); items unknown to train get ids >= catalog. */
  Map<Integer, Set<Integer>> relevant() {
    Map<Integer, Set<Integer>> rel = new HashMap<>();
    int unknown = trainItemCount;
    for (int r = 0; r < testRows.size(); r++) {
      int[] row = testRows.get(r);
      if (row[0] < 0) {
        continue;
      }
      if (implicit || testValues.get(r) >= 4) {
        rel.computeIfAbsent(row[0], k -> new HashSet<>()).add(row[1] >= 0 ? row[1] : unknown++);
      }
    }
    return rel;
  }

  double[] rmseMae(LatentFactors model) {
    float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
    double mean = 0;
    for (float v : trainValue) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      mean += v;
    }
    mean /= trainValue.length;
    double se = 0, ae = 0;
    for (int r = 0; r < testRows.size(); r++) {
      int[] row = testRows.get(r);
      double p = row[0] < 0 || row[1] < 0 ? mean : Math.max(min, Math.min(max, model.score(row[0], row[1])));
      double d = p - testValues.get(r);
      se += d * d;
      ae += Math.abs(d);
    }
    return new double[] {Math.sqrt(se / testRows.size()), ae / testRows.size()};
  }

  /** P@10, R@10, NDCG@10, seconds for the top-10 of all test users. */
  double[] topN(LatentFactors model, RatingMatrix train) {
    Map<Integer, Set<Integer>> rel = relevant();
    int[] users = rel.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    long t0 = System.nanoTime();
    float[][] scores = model.scores(users);
    int[][] lists = new int[users.length][];
    for (int r = 0; r < users.length; r++) {
      lists[r] = top10(scores[r], train, users[r]);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double p = 0, rc = 0, nd = 0;
    for (int r = 0; r < users.length; r++) {
      Set<Integer> relevant = rel.get(users[r]);
      int hits = 0;
      double dcg = 0, idcg = 0;
      for (int x = 0; x < lists[r].length; x++) {
        if (relevant.contains(lists[r][x])) {
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

  static int[] top10(float[] s, RatingMatrix train, int u) {
    int[] best = new int[10];
    float[] bestS = new float[10];
    java.util.Arrays.fill(bestS, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(best, -1);
    for (int i = 0; i < s.length; i++) {
      if (s[i] > bestS[9] && !train.contains(u, i)) {
        int x = 9;
        while (x > 0 && bestS[x - 1] < s[i]) {
          bestS[x] = bestS[x - 1];
          best[x] = best[x - 1];
          x--;
        }
        bestS[x] = s[i];
        best[x] = i;
      }
    }
    return best;
  }
}
