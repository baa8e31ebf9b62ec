package io.mercato.recsys.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityTest {

    /** a: 2 users at t=100; b: 3 users at t=0, 100, 0; c: 1 user at t=100; user u4 has nothing but c. */
    static Interactions data() {
        return Interactions.builder()
                .add("u1", "a", 1, 100).add("u2", "a", 1, 100)
                .add("u1", "b", 1, 0).add("u2", "b", 1, 100).add("u3", "b", 1, 0)
                .add("u4", "c", 1, 100)
                .build();
    }

    @Test
    void mostPopularFirstOwnItemsExcluded() {
        Recommender m = Popularity.builder().build().fit(data());
        assertThat(m.recommend("u4", 3)).extracting(Recommendation::item).containsExactly("b", "a");
        assertThat(m.recommend("u4", 3)).extracting(Recommendation::score).containsExactly(3.0, 2.0);
        assertThat(m.recommend("u3", 3)).extracting(Recommendation::item).containsExactly("a", "c");
    }

    @Test
    void timeDecayHalvesPerHalfLife() {
        // half-life 50 before the newest (100): a = 1 + 1 = 2, b = 0.25 + 1 + 0.25 = 1.5, c = 1
        Recommender m = Popularity.builder().halfLife(50).build().fit(data());
        List<Recommendation> top = m.recommend("u4", 3);
        assertThat(top).extracting(Recommendation::item).containsExactly("a", "b");
        assertThat(top.get(0).score()).isCloseTo(2.0, within(1e-12));
        assertThat(top.get(1).score()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void decayNeedsTimestamps() {
        Interactions noTime = Interactions.builder().add("u", "i", 1).build();
        assertThatThrownBy(() -> Popularity.builder().halfLife(10).build().fit(noTime))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("halfLife");
        assertThatThrownBy(() -> Popularity.builder().halfLife(-1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("halfLife");
    }

    @Test
    void rankingOnlyModelDoesNotPredictRatings() {
        Recommender m = Popularity.builder().build().fit(data());
        assertThat(m.predictsRatings()).isFalse();
        assertThatThrownBy(() -> m.predict("u1", "a")).isInstanceOf(UnsupportedOperationException.class);
    }
}
