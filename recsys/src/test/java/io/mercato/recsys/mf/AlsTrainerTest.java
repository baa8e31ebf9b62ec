package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.data.Interactions;
import org.junit.jupiter.api.Test;

class AlsTrainerTest {

    // One user who rated item 0 with 3 and item 1 with 5; rank-1 item factors q = [1, 2], no item biases, mean 0.
    // The user's unknowns are [p, b] against design rows [q_i, 1] = [1, 1] and [2, 1]:
    //   A = Σ y yᵀ + λ' I = [[5, 3], [3, 2]] + λ' I,   rhs = 3·[1, 1] + 5·[2, 1] = [13, 8]
    // λ' = 1 (plain):          A = [[6, 3], [3, 3]], det 9  -> [p, b] = [15/9, 9/9] = [5/3, 1]
    // λ' = λ·n = 2 (weighted): A = [[7, 3], [3, 4]], det 19 -> [p, b] = [28/19, 17/19]
    private static final Interactions ONE_USER = Interactions.builder().add("u", "a", 3).add("u", "b", 5).build();

    @Test
    void rowSolveMatchesTheHandComputedRidgeSolution() {
        float[] p = new float[1];
        float[] b = new float[1];
        AlsTrainer.ridgeRow(ONE_USER.byUser(), 0, 1, p, b, new float[] {1, 2}, new float[2], 0, 1, 1, new double[6]);
        assertThat(p[0]).isCloseTo(5f / 3, within(1e-6f));
        assertThat(b[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void weightedRegularizationScalesThePenaltyByTheRowCount() {
        AlsTrainer weighted = AlsTrainer.builder().rank(1).regularization(1).weightedRegularization(true).build();
        double lambda = weighted.penalty(2);
        float[] p = new float[1];
        float[] b = new float[1];
        AlsTrainer.ridgeRow(ONE_USER.byUser(), 0, 1, p, b, new float[] {1, 2}, new float[2], 0, lambda, lambda,
                new double[6]);
        assertThat(p[0]).isCloseTo(28f / 19, within(1e-6f));
        assertThat(b[0]).isCloseTo(17f / 19, within(1e-6f));
    }

    @Test
    void recoversAPlantedRankThreeMatrixFromHalfItsCells() {
        Planted.Split split = Planted.lowRank(120, 100, 3, 0.5, 7);
        LatentFactors model = AlsTrainer.builder().rank(3).iterations(15).regularization(0.001).seed(1).build()
                .factorize(split.train());
        // values spread with std ~0.6 around 3 (the mean predictor's RMSE is printed in the message); a recovered
        // rank-3 structure predicts the unseen half almost exactly
        assertThat(Planted.rmse(model, split)).as("mean predictor RMSE %s", Planted.meanRmse(split)).isLessThan(0.05);
    }

    @Test
    void sameSeedGivesIdenticalFactorsWhateverTheThreadCount() {
        Planted.Split split = Planted.lowRank(600, 300, 3, 0.3, 11); // > one 256-row block per side
        LatentFactors one = AlsTrainer.builder().rank(4).iterations(3).threads(1).seed(5).build()
                .factorize(split.train());
        LatentFactors two = AlsTrainer.builder().rank(4).iterations(3).threads(2).seed(5).build()
                .factorize(split.train());
        assertThat(two.userFactorsArray()).containsExactly(one.userFactorsArray());
        assertThat(two.itemFactorsArray()).containsExactly(one.itemFactorsArray());
        assertThat(two.userBiasArray()).containsExactly(one.userBiasArray());
        LatentFactors otherSeed = AlsTrainer.builder().rank(4).iterations(3).seed(6).build().factorize(split.train());
        assertThat(otherSeed.itemFactorsArray()).isNotEqualTo(one.itemFactorsArray());
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> AlsTrainer.builder().rank(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'rank' = 0").hasMessageContaining("[1, 1024]");
        assertThatThrownBy(() -> AlsTrainer.builder().regularization(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'regularization' = 0.0");
        assertThatThrownBy(() -> AlsTrainer.builder().threads(65).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'threads' = 65");
    }
}
