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

    private static final FoldIn RULE = FoldIn.implicit(1, 1, false);

    @Test
    void gramMatrixIsYTransposeY() {
        assertThat(ImplicitAlsTrainer.gram(ITEMS, 2)).containsExactly(2, 1, 1, 2);
    }

    @Test
    void twoConjugateGradientStepsSolveARankTwoSystemExactly() {
        float[] x = {0.3f, -0.7f}; // any warm start: CG is exact after rank steps
        ImplicitAlsTrainer.cgRow(ONE_USER.byUser(), 0, 2, x, ITEMS, ImplicitAlsTrainer.gram(ITEMS, 2), 1, RULE, 2,
                new double[10]);
        assertThat(x[0]).isCloseTo(10f / 13, within(1e-6f));
        assertThat(x[1]).isCloseTo(2f / 13, within(1e-6f));
    }

    @Test
    void oneStepMovesTowardsTheSolution() {
        float[] x = {0f, 0f};
        ImplicitAlsTrainer.cgRow(ONE_USER.byUser(), 0, 2, x, ITEMS, ImplicitAlsTrainer.gram(ITEMS, 2), 1, RULE, 1,
                new double[10]);
        double before = Math.hypot(10.0 / 13, 2.0 / 13);
        double after = Math.hypot(x[0] - 10.0 / 13, x[1] - 2.0 / 13);
        assertThat(after).isLessThan(before / 2);
    }

    @Test
    void logScalingUsesTheLogarithmOfTheStrength() {
        FoldIn log = ImplicitAlsTrainer.builder().alpha(2).scaling(ImplicitAlsTrainer.Scaling.LOG).build().foldIn();
        assertThat(log.confidence((float) (Math.E - 1))).isCloseTo(3.0, within(1e-6)); // 1 + 2·ln(e)
        assertThat(RULE.confidence(3)).isEqualTo(4.0);
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
