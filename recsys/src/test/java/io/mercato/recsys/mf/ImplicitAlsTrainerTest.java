package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.data.Interactions;
import org.junit.jupiter.api.Test;

class ImplicitAlsTrainerTest {

    // Rank 2, items y0 = [1, 0], y1 = [0, 1], y2 = [1, 1]; the user interacted with item 0 (strength 1) and
    // item 2 (strength 3); α = 1 linear -> c0 = 2, c2 = 4; λ = 1. By hand:
    //   YᵀY = [[2, 1], [1, 2]];  Σ (c−1) y yᵀ = [[1, 0], [0, 0]] + 3·[[1, 1], [1, 1]]
    //   A = YᵀY + Σ (c−1) y yᵀ + I = [[7, 4], [4, 6]],  b = 2·y0 + 4·y2 = [6, 4]
    //   x = A⁻¹ b = [[6, −4], [−4, 7]]·[6, 4] / 26 = [10/13, 2/13]
    private static final Interactions ONE_USER = Interactions.builder()
            .addItem("y0").addItem("y1").addItem("y2").add("u", "y0", 1).add("u", "y2", 3).build();
    private static final float[] ITEMS = {1, 0, 0, 1, 1, 1};

    private static final float[] CONFIDENCES = {2, 4};

    @Test
    void gramMatrixIsYTransposeY() {
        assertThat(ImplicitAlsTrainer.gram(ITEMS, 2)).containsExactly(2f, 1f, 1f, 2f);
    }

    @Test
    void twoConjugateGradientStepsSolveARankTwoSystemExactly() {
        float[] x = {0.3f, -0.7f}; // any warm start: CG is exact after rank steps
        ImplicitAlsTrainer.cgRow(ONE_USER.byUser(), CONFIDENCES, 0, 0, 2, x, ITEMS, ImplicitAlsTrainer.gram(ITEMS, 2), 1,
                2, new ImplicitAlsTrainer.CgWorkspace(2));
        assertThat(x[0]).isCloseTo(10f / 13, within(1e-6f));
        assertThat(x[1]).isCloseTo(2f / 13, within(1e-6f));
    }

    @Test
    void oneStepMovesTowardsTheSolution() {
        float[] x = {0f, 0f};
        ImplicitAlsTrainer.cgRow(ONE_USER.byUser(), CONFIDENCES, 0, 0, 2, x, ITEMS, ImplicitAlsTrainer.gram(ITEMS, 2), 1,
                1, new ImplicitAlsTrainer.CgWorkspace(2));
        double before = Math.hypot(10.0 / 13, 2.0 / 13);
        double after = Math.hypot(x[0] - 10.0 / 13, x[1] - 2.0 / 13);
        assertThat(after).isLessThan(before / 2);
    }

    @Test
    void linearConfidenceIsOnePlusAlphaTimesTheStrength() {
        Confidence linear = ImplicitAlsTrainer.builder().build().confidence(ONE_USER.byUser());
        assertThat(linear.ofUsers(ONE_USER.byUser())).containsExactly(CONFIDENCES);
    }

    @Test
    void conjugateGradientConvergesToTheExactCholeskySolveOfEveryRow() {
        // random factors of rank 6, a few users with a handful of items and uneven strengths each
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int k = 6;
        Interactions data = Planted.clusters(12, 20, 2, 0.4, 4);
        float[] y = Gaussian.matrix(random, data.itemCount(), k, 0.5);
        Confidence rule = ImplicitAlsTrainer.builder().alpha(3).build().confidence(data.byUser());
        float[] confidence = rule.ofUsers(data.byUser());
        float[] gram = ImplicitAlsTrainer.gram(y, k);
        for (int u = 0; u < data.userCount(); u++) {
            double[] exact = exactSolve(data, u, confidence, y, k, 0.5);
            float[] x = new float[data.userCount() * k];
            ImplicitAlsTrainer.cgRow(data.byUser(), confidence, 0, u, k, x, y, gram, 0.5f, 2 * k, new ImplicitAlsTrainer.CgWorkspace(k));
            for (int f = 0; f < k; f++) {
                assertThat((double) x[u * k + f]).as("user %d factor %d", u, f).isCloseTo(exact[f], within(1e-4));
            }
            // three warm-started steps from a nearby point already land close
            float[] warm = new float[data.userCount() * k];
            for (int f = 0; f < k; f++) {
                warm[u * k + f] = (float) (exact[f] + 0.05 * (f % 2 == 0 ? 1 : -1));
            }
            ImplicitAlsTrainer.cgRow(data.byUser(), confidence, 0, u, k, warm, y, gram, 0.5f, 3, new ImplicitAlsTrainer.CgWorkspace(k));
            double before = 0.05 * Math.sqrt(k);
            double after = 0;
            for (int f = 0; f < k; f++) {
                after += Math.pow(warm[u * k + f] - exact[f], 2);
            }
            assertThat(Math.sqrt(after)).isLessThan(before / 3);
        }
    }

    /** {@code (YᵀY + Σ (c−1) y yᵀ + λI)⁻¹ Σ c y} by dense double-precision Cholesky. */
    private static double[] exactSolve(Interactions data, int u, float[] confidence, float[] y, int k, double lambda) {
        double[] a = new double[k * k];
        for (int i = 0; i < data.itemCount(); i++) {
            for (int f = 0; f < k; f++) {
                for (int g = 0; g < k; g++) {
                    a[f * k + g] += (double) y[i * k + f] * y[i * k + g];
                }
            }
        }
        double[] b = new double[k];
        var m = data.byUser();
        for (int e = m.start(u); e < m.end(u); e++) {
            int i = m.index(e);
            double c = confidence[e];
            for (int f = 0; f < k; f++) {
                b[f] += c * y[i * k + f];
                for (int g = 0; g < k; g++) {
                    a[f * k + g] += (c - 1) * y[i * k + f] * y[i * k + g];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        Cholesky.solve(a, b, k);
        return b;
    }

    @Test
    void sameSeedAndDataGiveIdenticalFactors() {
        Interactions data = Planted.clusters(300, 200, 4, 0.2, 6);
        ImplicitAlsTrainer t = ImplicitAlsTrainer.builder().rank(5).iterations(3).scaling(ImplicitAlsTrainer.Scaling.BM25)
                .seed(11).build();
        LatentFactors a = t.factorize(data);
        LatentFactors b = t.factorize(data);
        assertThat(b.userFactorsArray()).containsExactly(a.userFactorsArray());
        assertThat(b.itemFactorsArray()).containsExactly(a.itemFactorsArray());
        LatentFactors other = ImplicitAlsTrainer.builder().rank(5).iterations(3)
                .scaling(ImplicitAlsTrainer.Scaling.BM25).seed(12).build().factorize(data);
        assertThat(other.userFactorsArray()).isNotEqualTo(a.userFactorsArray());
    }

    @Test
    void recommendsTheUnseenItemsOfTheUsersPlantedCluster() {
        Interactions data = Planted.clusters(90, 60, 3, 0.5, 3);
        LatentFactors model = ImplicitAlsTrainer.builder().rank(8).iterations(8).regularization(0.5).alpha(5).seed(2)
                .build().factorize(data);
        // chance level would be 1/3
        assertThat(Planted.inGroupShare(model::scores, data, 3, 5)).isGreaterThan(0.98);
    }

    @Test
    void sameSeedGivesIdenticalFactorsWhateverTheThreadCount() {
        Interactions data = Planted.clusters(700, 400, 4, 0.2, 5);
        ImplicitAlsTrainer.Builder b = ImplicitAlsTrainer.builder().rank(6).iterations(2).seed(9);
        LatentFactors one = b.threads(1).build().factorize(data);
        LatentFactors two = b.threads(2).build().factorize(data);
        assertThat(two.userFactorsArray()).containsExactly(one.userFactorsArray());
        assertThat(two.itemFactorsArray()).containsExactly(one.itemFactorsArray());
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> ImplicitAlsTrainer.builder().alpha(-1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'alpha' = -1.0");
        assertThatThrownBy(() -> ImplicitAlsTrainer.builder().cgSteps(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'cgSteps' = 0").hasMessageContaining("[1, 100]");
        assertThatThrownBy(() -> ImplicitAlsTrainer.builder().scaling(null).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'scaling'");
    }
}
