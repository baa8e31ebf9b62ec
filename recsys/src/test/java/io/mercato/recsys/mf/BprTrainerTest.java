package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.data.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BprTrainerTest {

    private static final Interactions CLUSTERS = Planted.clusters(90, 60, 3, 0.5, 4);

    /** 1 = plain SGD, more = blocked parallel SGD (users and items in strata). */
    @ParameterizedTest(name = "threads {0}")
    @ValueSource(ints = {1, 2, 3})
    void ranksTheUnseenItemsOfTheUsersPlantedClusterFirst(int threads) {
        LatentFactors model = BprTrainer.builder().rank(8).epochs(60).seed(1).threads(threads).build()
                .factorize(CLUSTERS);
        // chance level would be 1/3
        assertThat(Planted.inGroupShare(model::scores, CLUSTERS, 3, 5)).isGreaterThan(0.95);
    }

    @ParameterizedTest(name = "threads {0}")
    @ValueSource(ints = {1, 2})
    void sameSeedAndThreadCountGiveIdenticalFactors(int threads) {
        BprTrainer.Builder b = BprTrainer.builder().rank(4).epochs(3).seed(3).threads(threads);
        LatentFactors a = b.build().factorize(CLUSTERS);
        LatentFactors c = b.build().factorize(CLUSTERS);
        assertThat(c.userFactorsArray()).containsExactly(a.userFactorsArray());
        assertThat(c.itemFactorsArray()).containsExactly(a.itemFactorsArray());
        assertThat(c.itemBiasArray()).containsExactly(a.itemBiasArray());
    }

    @Test
    @Timeout(10)
    void usersOwningAWholeItemBlockAreSkippedThereRatherThanLoopingForANegative() {
        // three items in up to four blocks: u owns every item of some blocks, v owns all items
        Interactions data = Interactions.builder().add("u", "a", 1).add("u", "b", 1).add("v", "a", 1)
                .add("v", "b", 1).add("v", "c", 1).add("w", "c", 1).build();
        for (int threads = 2; threads <= 4; threads++) {
            LatentFactors model = BprTrainer.builder().rank(2).epochs(50).seed(2).threads(threads).build()
                    .factorize(data);
            assertThat(model.userFactorsArray()).doesNotContain(Float.NaN);
        }
    }

    @Test
    void aUserWithoutInteractionsGetsTheItemBiasesNotNoise() {
        Interactions data = Interactions.builder().add("u", "a", 1).add("u", "b", 1).add("v", "a", 1)
                .addItem("c").addUser("lurker").build();
        LatentFactors model = BprTrainer.builder().rank(4).epochs(5).seed(2).build().factorize(data);
        int lurker = data.users().index("lurker");
        assertThat(model.userFactor(lurker)).containsOnly(0f);
        // score = p_u . q_i + b_i = b_i
        double[] biases = new double[data.itemCount()];
        for (int i = 0; i < biases.length; i++) {
            biases[i] = model.itemBias(i);
        }
        assertThat(model.scores(lurker)).containsExactly(biases);
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> BprTrainer.builder().rank(2000).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'rank' = 2000");
        assertThatThrownBy(() -> BprTrainer.builder().threads(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'threads' = 0");
        assertThatThrownBy(() -> BprTrainer.builder().threads(65).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'threads' = 65");
    }
}
