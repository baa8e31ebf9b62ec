package io.mercato.recsys.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EaseTest {
  @TempDir Path dir;

  /** 5 users × 4 items (a, b, c, d), binary. */
  private static final int[][] X = {
      {1, 1, 0, 0},
      {1, 1, 1, 0},
      {0, 1, 1, 0},
      {0, 0, 1, 1},
      {1, 0, 0, 1}};
  private static final String[] ITEMS = {"a", "b", "c", "d"};

  private static Interactions data() {
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < X.length; u++) {
      for (int i = 0; i < ITEMS.length; i++) {
        if (X[u][i] == 1) {
          b.add("u" + u, ITEMS[i], 1);
        }
      }
    }
    return b.build();
  }

  /** B from the definition, with the inverse by plain Gauss-Jordan elimination (independent of ND4J). */
  private static double[][] expectedB(double lambda) {
    return expectedB(lambda, new int[] {0, 1, 2, 3});
  }

  /** B of the columns {@code cols} of X alone ({@code b[j][i]} for the j-th and i-th of them). */
  private static double[][] expectedB(double lambda, int[] cols) {
    int n = cols.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int[] row : X) {
          a[i][j] += row[cols[i]] * row[cols[j]];
        }
      }
      a[i][i] += lambda;
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      double pivot = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= pivot;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] b = new double[n][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        b[j][i] = i == j ? 0 : -a[j][n + i] / a[i][n + i];
      }
    }
    return b;
  }

  @Test
  void scoresAreTheUsersRowTimesTheClosedFormB() {
    Interactions data = data();
    double lambda = 0.5;
    Recommender model = Ease.builder().lambda(lambda).build().fit(data);
    double[][] b = expectedB(lambda);
    for (int u = 0; u < X.length; u++) {
      double[] scores = model.scores("u" + u);
      for (int i = 0; i < ITEMS.length; i++) {
        double expected = 0;
        for (int j = 0; j < ITEMS.length; j++) {
          expected += X[u][j] * b[j][i];
        }
        int index = data.items().index(ITEMS[i]);
        assertThat(scores[index]).as("user %d item %s", u, ITEMS[i]).isCloseTo(expected, within(1e-5));
      }
    }
    for (int i = 0; i < ITEMS.length; i++) {
      int index = data.items().index(ITEMS[i]);
      assertThat(model.itemSimilarities(index)[index]).isZero();   // diag(B) = 0
    }
  }

  @Test
  void recommendsUnseenItemsExplainsByHistoryAndRoundTrips() {
    Recommender model = Recommenders.byName("ease", Map.of("lambda", "0.5")).fit(data());
    List<Recommendation> top = model.recommend("u0", 2);
    assertThat(top).extracting(Recommendation::item).doesNotContain("a", "b").hasSize(2);
    // u0 has a and b; c co-occurs with b (users 1, 2), d with a (user 4): B says c first
    double[][] b = expectedB(0.5);
    String first = b[0][2] + b[1][2] > b[0][3] + b[1][3] ? "c" : "d";
    assertThat(top.get(0).item()).isEqualTo(first);
    assertThat(model.explain("u0", first).reasons()).extracting(r -> r.label()).containsAnyOf("a", "b")
        .doesNotContain("c", "d");

    Path file = dir.resolve("ease.mercato");
    model.save(file);
    Recommender back = Recommender.load(file);
    assertThat(back.algorithm()).isEqualTo("ease");
    assertThat(back.recommend("u0", 2)).isEqualTo(top);
    assertThat(back.update(Interactions.builder().add("new", "c", 1).build()).recommend("new", 1))
        .hasSize(1);
  }

  @Test
  void aCatalogueOverMaxItemsIsModelledOnItsMostInteractedItems() throws Exception {
    Interactions data = data();   // interactions per item: a 3, b 3, c 3, d 2
    double lambda = 0.5;
    Recommender model = Ease.builder().lambda(lambda).maxItems(3).build().fit(data);
    double[][] b = expectedB(lambda, new int[] {0, 1, 2});   // EASE of X without column d
    int d = data.items().index("d");
    for (int u = 0; u < X.length; u++) {
      double[] scores = model.scores("u" + u);
      assertThat(scores[d]).as("d is left out").isZero();
      for (int i = 0; i < 3; i++) {
        double expected = 0;
        for (int j = 0; j < 3; j++) {
          expected += X[u][j] * b[j][i];
        }
        assertThat(scores[data.items().index(ITEMS[i])]).as("user %d item %s", u, ITEMS[i])
            .isCloseTo(expected, within(1e-5));
      }
    }
    assertThat(model.explain("u4", "d").reasons()).isEmpty();
    assertThat(model.itemSimilarities(d)).containsOnly(0.0);
    java.nio.file.Path file = java.nio.file.Files.createTempDirectory("ease").resolve("ease.mercato");
    model.save(file);
    Recommender back = Recommender.load(file);
    for (int u = 0; u < X.length; u++) {
      assertThat(back.scores("u" + u)).containsExactly(model.scores("u" + u));
    }
  }

  @Test
  void choleskyInverseTimesTheMatrixIsTheIdentity() {
    int n = 60;
    java.util.Random random = new java.util.Random(3);
    double[][] r = new double[n][n];
    for (double[] row : r) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[] a = new double[n * n];   // RᵀR + I: symmetric positive definite
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) {
          s += r[k][i] * r[k][j];
        }
        a[i * n + j] = s;
      }
    }
    float[] f = new float[n * n];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) a[i];
    }
    f[1] = Float.NaN;   // the upper triangle is neither read nor written
    Ease.spdInverseLower(f, n);
    assertThat(f[1]).isNaN();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * f[Math.max(k, j) * n + Math.min(k, j)];
        }
        assertThat(s).as("(A A^-1)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-4));
      }
    }
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteIsRefusedByName() {
    float[] a = {1, 2, 2, 1};   // eigenvalues 3 and -1
    assertThatThrownBy(() -> Ease.spdInverseLower(a, 2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not positive definite");
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> Recommenders.byName("ease", Map.of("lambda", "-1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lambda");
    assertThatThrownBy(() -> Recommenders.byName("ease", Map.of("lamda", "1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lamda");
    assertThatThrownBy(() -> Ease.builder().maxItems(46_341).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxItems");
  }
}
