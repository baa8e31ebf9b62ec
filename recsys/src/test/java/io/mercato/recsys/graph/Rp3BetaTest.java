package io.mercato.recsys.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Rp3BetaTest {
  @TempDir Path dir;

  /** 5 users × 5 items (a..e), binary. */
  private static final int[][] X = {
      {1, 1, 0, 0, 0},
      {1, 1, 1, 0, 0},
      {0, 1, 1, 0, 1},
      {0, 0, 1, 1, 0},
      {1, 0, 0, 1, 1}};
  private static final String[] ITEMS = {"a", "b", "c", "d", "e"};

  private static Interactions data() {
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < X.length; u++) {
      for (int i = 0; i < ITEMS.length; i++) {
        if (X[u][i] == 1) {
          b.add("u" + u, ITEMS[i], 3);
        }
      }
    }
    return b.build();
  }

  /** W from the definition with plain loops, diagonal 0, no neighbour cut. */
  private static double[][] expectedW(double alpha, double beta) {
    int n = ITEMS.length;
    double[] degItem = new double[n];
    double[] degUser = new double[X.length];
    for (int u = 0; u < X.length; u++) {
      for (int i = 0; i < n; i++) {
        degItem[i] += X[u][i];
        degUser[u] += X[u][i];
      }
    }
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j) {
          continue;
        }
        double p = 0;
        for (int u = 0; u < X.length; u++) {
          p += X[u][i] / degItem[i] * X[u][j] / degUser[u];
        }
        w[i][j] = Math.pow(p, alpha) / Math.pow(degItem[j], beta);
      }
    }
    return w;
  }

  @Test
  void scoresAreHistorySumsOfTheWalkWeights() {
    Interactions data = data();
    double alpha = 0.8;
    double beta = 0.4;
    Recommender model = Rp3Beta.builder().alpha(alpha).beta(beta).threads(2).build().fit(data);
    double[][] w = expectedW(alpha, beta);
    for (int u = 0; u < X.length; u++) {
      double[] scores = model.scores("u" + u);
      for (int j = 0; j < ITEMS.length; j++) {
        double expected = 0;
        for (int i = 0; i < ITEMS.length; i++) {
          expected += X[u][i] * w[i][j];
        }
        assertThat(scores[data.items().index(ITEMS[j])]).as("user %d item %s", u, ITEMS[j])
            .isCloseTo(expected, within(1e-6));
      }
    }
  }

  @Test
  void neighboursKeepsTheLargestWeightsPerItem() {
    Interactions data = data();
    Recommender model = Rp3Beta.builder().alpha(1.0).beta(0.5).neighbours(1).build().fit(data);
    double[][] w = expectedW(1.0, 0.5);
    for (int i = 0; i < ITEMS.length; i++) {
      int best = 0;
      for (int j = 1; j < ITEMS.length; j++) {
        if (w[i][j] > w[i][best]) {
          best = j;
        }
      }
      double[] row = model.itemSimilarities(data.items().index(ITEMS[i]));
      for (int j = 0; j < ITEMS.length; j++) {
        double expected = j == best ? w[i][j] : 0;
        assertThat(row[data.items().index(ITEMS[j])]).as("W[%s][%s]", ITEMS[i], ITEMS[j])
            .isCloseTo(expected, within(1e-6));
      }
    }
  }

  @Test
  void recommendsUnseenItemsExplainsByHistoryAndRoundTrips() {
    Recommender model = Recommenders.byName("rp3beta", Map.of("alpha", "1", "beta", "0.5")).fit(data());
    List<Recommendation> top = model.recommend("u0", 3);
    assertThat(top).extracting(Recommendation::item).doesNotContain("a", "b").hasSize(3);
    double[][] w = expectedW(1.0, 0.5);
    String best = "c";
    for (String j : List.of("d", "e")) {
      int jj = List.of(ITEMS).indexOf(j);
      int bb = List.of(ITEMS).indexOf(best);
      if (w[0][jj] + w[1][jj] > w[0][bb] + w[1][bb]) {
        best = j;
      }
    }
    assertThat(top.get(0).item()).isEqualTo(best);
    Explanation why = model.explain("u0", best);
    assertThat(why.reasons()).extracting(Explanation.Reason::label).isNotEmpty().isSubsetOf("a", "b");

    Path file = dir.resolve("rp3.mercato");
    model.save(file);
    Recommender back = Recommender.load(file);
    assertThat(back.algorithm()).isEqualTo("rp3beta");
    assertThat(back.recommend("u0", 3)).isEqualTo(top);
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> Recommenders.byName("rp3beta", Map.of("beta", "-1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("beta");
    assertThatThrownBy(() -> Recommenders.byName("rp3beta", Map.of("alpha", "0")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("alpha");
    assertThatThrownBy(() -> Recommenders.byName("rp3beta", Map.of("neighbors", "5")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("neighbors");
  }
}
