package io.mercato.recsys.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.recsys.Recommender;
import io.mercato.recsys.UnknownIdException;
import io.mercato.recsys.data.Interactions;
import org.junit.jupiter.api.Test;

/**
 * Ratings (users 0..2 = A..C, items 0..2 = x..z): A: x5 y3; B: x4 y2 z5; C: y4 z1; mu = 24/7.
 * regUser = 2, regItem = 3. Reference values computed with numpy (see comments).
 */
class BiasesTest {

    static Interactions data() {
        return Interactions.builder()
                .add("A", "x", 5).add("A", "y", 3)
                .add("B", "x", 4).add("B", "y", 2).add("B", "z", 5)
                .add("C", "y", 4).add("C", "z", 1)
                .build();
    }

    @Test
    void oneSweepMatchesTheClosedFormUpdates() {
        // b_i = sum(r - mu) / (3 + n_i); then b_u = sum(r - mu - b_i) / (2 + n_u)
        Biases b = Biases.fit(data(), 2, 3, 1);
        assertThat(b.mean()).isCloseTo(24.0 / 7, within(1e-12));
        assertThat(b.item(0)).isCloseTo(0.42857142857142866, within(1e-12));
        assertThat(b.item(1)).isCloseTo(-0.2142857142857142, within(1e-12));
        assertThat(b.item(2)).isCloseTo(-0.17142857142857135, within(1e-12));
        assertThat(b.user(0)).isCloseTo(0.2321428571428572, within(1e-12));
        assertThat(b.user(1)).isCloseTo(0.13428571428571434, within(1e-12));
        assertThat(b.user(2)).isCloseTo(-0.3678571428571428, within(1e-12));
    }

    @Test
    void manySweepsConvergeToTheRidgeSolution() {
        // numpy: solve (X^T X + diag(2,2,2,3,3,3)) beta = X^T (r - mu), X = one-hot user | one-hot item
        Biases b = Biases.fit(data(), 2, 3, 500);
        assertThat(b.user(0)).isCloseTo(0.2524025295025645, within(1e-9));
        assertThat(b.user(1)).isCloseTo(0.1409649952696311, within(1e-9));
        assertThat(b.user(2)).isCloseTo(-0.37917641786585665, within(1e-9));
        assertThat(b.item(0)).isCloseTo(0.3498979236169895, within(1e-9));
        assertThat(b.item(1)).isCloseTo(-0.21665089877010402, within(1e-9));
        assertThat(b.item(2)).isCloseTo(-0.12378628690932625, within(1e-9));
    }

    @Test
    void baselinePredictorPredictsMeanPlusBiasesClipped() {
        Recommender m = BaselinePredictor.builder().regUser(2).regItem(3).sweeps(500).build().fit(data());
        // mu + b_C + b_x = 3.4285714 - 0.3791764 + 0.3498979 = 3.399292940470066
        assertThat(m.predict("C", "x")).isCloseTo(24.0 / 7 - 0.37917641786585665 + 0.3498979236169895, within(1e-9));
        assertThat(m.explain("C", "x").reasons()).hasSize(3);
        Recommender extreme = BaselinePredictor.builder().regUser(0).regItem(0).sweeps(50).build()
                .fit(Interactions.builder().add("u", "a", 5).add("u", "b", 5).add("v", "a", 1).build());
        assertThat(extreme.predict("v", "b")).isBetween(1.0, 5.0);
    }

    @Test
    void unknownUsersGetTheMeanPlusTheItemBias() {
        Recommender m = BaselinePredictor.builder().regUser(2).regItem(3).sweeps(500).build().fit(data());
        // no user bias: mu + b_x = 24/7 + 0.3498979 (b_x from the numpy ridge solution above)
        assertThat(m.canScore("stranger")).isTrue();
        assertThat(m.predict("stranger", "x")).isCloseTo(24.0 / 7 + 0.3498979236169895, within(1e-9));
        assertThat(m.scores("stranger")).containsExactly(new double[] {24.0 / 7 + 0.3498979236169895,
                24.0 / 7 - 0.21665089877010402, 24.0 / 7 - 0.12378628690932625}, within(1e-9));
        // ranked by item bias: x, z, y
        assertThat(m.recommend("stranger", 3)).extracting(io.mercato.recsys.Recommendation::item)
                .containsExactly("x", "z", "y");
        assertThat(m.explain("stranger", "x").reasons()).hasSize(2);
        assertThat(m.explain("stranger", "x").score()).isCloseTo(24.0 / 7 + 0.3498979236169895, within(1e-9));
        assertThatThrownBy(() -> m.predict("stranger", "nothing")).isInstanceOf(UnknownIdException.class)
                .hasMessageContaining("unknown item 'nothing'");
    }
}
