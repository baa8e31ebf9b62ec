package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.data.Interactions;
import org.junit.jupiter.api.Test;

class BiasedMfTrainerTest {

    private static final Planted.Split PLANTED = Planted.lowRank(150, 120, 3, 0.5, 21);

    @Test
    void recoversAPlantedRankThreeMatrixFromHalfItsCells() {
        LatentFactors model = BiasedMfTrainer.builder().rank(3).epochs(150).learningRate(0.02).learningRateDecay(0.99)
                .regularization(0.001).biasRegularization(0.001).seed(3).build().factorize(PLANTED.train());
        double meanRmse = Planted.meanRmse(PLANTED);
        assertThat(Planted.rmse(model, PLANTED)).as("mean predictor RMSE %s", meanRmse).isLessThan(0.1 * meanRmse);
    }

    @Test
    void svdPlusPlusAlsoRecoversThePlantedMatrix() {
        LatentFactors model = BiasedMfTrainer.builder().svdPlusPlus(true).rank(3).epochs(150).learningRate(0.02)
                .learningRateDecay(0.99).regularization(0.001).biasRegularization(0.001).seed(3).build()
                .factorize(PLANTED.train());
        double meanRmse = Planted.meanRmse(PLANTED);
        assertThat(Planted.rmse(model, PLANTED)).as("mean predictor RMSE %s", meanRmse).isLessThan(0.15 * meanRmse);
    }

    @Test
    void implicitFactorsArePenalizedOncePerRatingOfTheUser() {
        // u rated a, b, c, d (|N(u)| = 4, norm 1/2); v rated e. rank 2, every y_j = (1, 1), gradient gz = (1, -2).
        Interactions data = Interactions.builder().add("u", "a", 1).add("u", "b", 2).add("u", "c", 3).add("u", "d", 4)
                .add("v", "e", 5).build();
        float[] gz = {1, -2};
        float[] y = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        // lr 0.1, reg 0.5: penalty 4 * 0.5 = 2; y_j += 0.1 * (0.5 * gz - 2 * y_j) = (1 - 0.15, 1 - 0.3)
        BiasedMfTrainer.implicitStep(data.byUser(), 0, y, gz, 0.1f, 0.5f);
        assertThat(y).containsExactly(new float[] {0.85f, 0.7f, 0.85f, 0.7f, 0.85f, 0.7f, 0.85f, 0.7f, 1, 1},
                org.assertj.core.data.Offset.offset(1e-6f));
        // reg 5: 4 * 5 = 20 exceeds 1 / lr = 10, so the penalty is capped at 10 and y_j becomes 0.1 * 0.5 * gz
        float[] capped = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        BiasedMfTrainer.implicitStep(data.byUser(), 0, capped, gz, 0.1f, 5f);
        assertThat(capped).containsExactly(new float[] {0.05f, -0.1f, 0.05f, -0.1f, 0.05f, -0.1f, 0.05f, -0.1f, 1, 1},
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void catalogEntriesWithoutRatingsGetNeutralFactorsNotTheirRandomStart() {
        // "new" (an item) and "lurker" (a user) are registered without any rating: SGD never touches them
        Interactions data = Interactions.builder().add("u", "a", 5).add("u", "b", 3).add("v", "a", 4)
                .addItem("new").addUser("lurker").build();
        for (boolean plusPlus : new boolean[] {false, true}) {
            LatentFactors f = BiasedMfTrainer.builder().svdPlusPlus(plusPlus).rank(4).epochs(5).seed(1).build()
                    .factorize(data);
            assertThat(f.itemFactor(data.items().index("new"))).containsOnly(0f);
            assertThat(f.itemBias(data.items().index("new"))).isZero();
            assertThat(f.userFactor(data.users().index("lurker"))).containsOnly(0f);
            assertThat(f.itemFactor(data.items().index("a"))).isNotEqualTo(new float[4]); // trained ones are not
        }
    }

    @Test
    void sameSeedGivesIdenticalFactors() {
        BiasedMfTrainer.Builder b = BiasedMfTrainer.builder().rank(4).epochs(3).seed(8);
        LatentFactors a = b.build().factorize(PLANTED.train());
        LatentFactors c = b.build().factorize(PLANTED.train());
        assertThat(c.userFactorsArray()).containsExactly(a.userFactorsArray());
        assertThat(c.itemFactorsArray()).containsExactly(a.itemFactorsArray());
        assertThat(c.itemBiasArray()).containsExactly(a.itemBiasArray());
        LatentFactors d = b.seed(9).build().factorize(PLANTED.train());
        assertThat(d.userFactorsArray()).isNotEqualTo(a.userFactorsArray());
    }

    @Test
    void algorithmNameFollowsTheVariant() {
        assertThat(BiasedMfTrainer.builder().build().algorithm()).isEqualTo("biased-mf");
        assertThat(BiasedMfTrainer.builder().svdPlusPlus(true).build().algorithm()).isEqualTo("svdpp");
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> BiasedMfTrainer.builder().learningRate(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'learningRate' = 0.0")
                .hasMessageContaining("(0.0, 1.0]");
        assertThatThrownBy(() -> BiasedMfTrainer.builder().epochs(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'epochs' = 0");
        assertThatThrownBy(() -> BiasedMfTrainer.builder().regularization(-0.1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'regularization' = -0.1");
    }
}
