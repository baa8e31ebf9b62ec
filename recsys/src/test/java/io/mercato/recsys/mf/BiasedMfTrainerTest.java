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
