package io.mercato.recsys.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.UnknownIdException;
import io.mercato.recsys.baseline.BaselinePredictor;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.content.ContentBased;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.ItemFeatures;
import io.mercato.recsys.data.UserFeatures;
import io.mercato.recsys.knn.Knn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridTest {

    @TempDir
    Path dir;

    /** a {Drama}, b {Drama, Comedy}, c {Comedy}, e {Drama}. */
    static ItemFeatures features() {
        return ItemFeatures.builder().tag("a", "genre", "Drama").tag("b", "genre", "Drama").tag("b", "genre", "Comedy")
                .tag("c", "genre", "Comedy").tag("e", "genre", "Drama").build();
    }

    /** u1: a; u2: a, b; u3: c. Popularity a = 2, b = 1, c = 1. */
    static Interactions data() {
        return Interactions.builder().add("u1", "a", 1).add("u2", "a", 1).add("u2", "b", 1).add("u3", "c", 1).build();
    }

    @Test
    void weightedBlendOfNormalizedScores() {
        // u1: popularity min-max (a 1, b 0, c 0); content (profile Drama): a 1, b 1/sqrt2, c 0 -> min-max same.
        // 0.5 / 0.5 blend: b = 0.5 * 0 + 0.5 * 0.7071068 = 0.3535534, c = 0
        Recommender m = WeightedHybrid.builder().add(Popularity.builder().build(), 0.5)
                .add(ContentBased.builder(features()).build(), 0.5).build().fit(data());
        List<Recommendation> top = m.recommend("u1", 5);
        assertThat(top).extracting(Recommendation::item).containsExactly("b", "c");
        assertThat(top.get(0).score()).isCloseTo(0.5 * Math.sqrt(0.5), within(1e-12));
        assertThat(top.get(1).score()).isCloseTo(0.0, within(1e-12));
        assertThat(m.explain("u1", "b").reasons()).isNotEmpty();
    }

    @Test
    void zScoreNormalization() {
        double[] row = {1, 2, 3, Double.NaN};
        Normalization.Z_SCORE.apply(row);
        // mean 2, population sd sqrt(2/3); NaN becomes the row minimum
        double sd = Math.sqrt(2.0 / 3);
        assertThat(row).containsExactly(new double[] {-1 / sd, 0, 1 / sd, -1 / sd}, within(1e-12));
    }

    @Test
    void switchingServesNewUsersWithPopularityAndNewItemsWithContent() {
        Interactions withNewItem = Interactions.builder().add("u1", "a", 1).add("u2", "a", 1).add("u2", "b", 1)
                .add("u3", "c", 1).addItem("e").build();
        Recommender m = SwitchingHybrid.builder(Knn.itemBased().shrinkage(0).build())
                .newUsers(Popularity.builder().build())
                .newItems(ContentBased.builder(features()).build()).build().fit(withNewItem);
        // an unknown user gets the popularity list: a (2), then b and c (1 each, lower index first)
        assertThat(m.recommend("stranger", 3)).extracting(Recommendation::item).containsExactly("a", "b", "c");
        // u1 (Drama fan): kNN gives b (co-occurs with a) the row maximum; the new item e has content score 1,
        // the top of the content row, so it is rescaled to the kNN row's maximum: a tie, lower index (b) first
        List<Recommendation> top = m.recommend("u1", 3);
        assertThat(top).extracting(Recommendation::item).containsExactly("b", "e", "c");
        assertThat(top.get(1).score()).isCloseTo(top.get(0).score(), within(1e-12));
        assertThat(top.get(0).score()).isGreaterThan(0);
        assertThat(m.explain("u1", "e").summary()).contains("genre=Drama");
    }

    @Test
    void withoutAFallbackUnknownUsersFail() {
        Recommender m = Knn.itemBased().build().fit(data());
        assertThatThrownBy(() -> m.recommend("stranger", 3)).isInstanceOf(UnknownIdException.class);
    }

    @Test
    void ratingsOfUnknownUsersComeFromTheRatingFallbackOrFailClearly() {
        // ratings A: x5 y3; B: x4 y2 z5; C: y4 z1 (BiasesTest); baseline regUser 2, regItem 3, 500 sweeps
        Interactions ratings = Interactions.builder().add("A", "x", 5).add("A", "y", 3).add("B", "x", 4)
                .add("B", "y", 2).add("B", "z", 5).add("C", "y", 4).add("C", "z", 1).build();
        BaselinePredictor baseline = BaselinePredictor.builder()
                .regUser(2).regItem(3).sweeps(500).build();
        Recommender withFallback = SwitchingHybrid.builder(Knn.itemBased().build())
                .newUsers(Popularity.builder().build(), baseline).build().fit(ratings);
        // popularity does not predict ratings, so the baseline answers: mu + b_x = 24/7 + 0.3498979
        // (b_x from the numpy ridge solution quoted in BiasesTest)
        assertThat(withFallback.predict("stranger", "x")).isCloseTo(24.0 / 7 + 0.3498979236169895, within(1e-9));
        // known users still get the primary's prediction
        Recommender knn = Knn.itemBased().build().fit(ratings);
        assertThat(withFallback.predict("C", "x")).isEqualTo(knn.predict("C", "x"));
        // and unknown users are still recommended popular items (the first fallback that can score them)
        assertThat(withFallback.recommend("stranger", 1)).extracting(Recommendation::item).containsExactly("y");
        // with minUserInteractions 3, A (2 ratings) is a new user too: mu + b_A + b_z from the same numpy solution
        Recommender fewCount = SwitchingHybrid.builder(Knn.itemBased().build()).minUserInteractions(3)
                .newUsers(Popularity.builder().build(), baseline).build().fit(ratings);
        assertThat(fewCount.predict("A", "z"))
                .isCloseTo(24.0 / 7 + 0.2524025295025645 - 0.12378628690932625, within(1e-9));
        assertThat(fewCount.predict("B", "x")).isEqualTo(knn.predict("B", "x")); // B has 3 ratings: the primary
        Recommender withoutRatingFallback = SwitchingHybrid.builder(Knn.itemBased().build())
                .newUsers(Popularity.builder().build()).build().fit(ratings);
        assertThatThrownBy(() -> withoutRatingFallback.predict("stranger", "x")).isInstanceOf(UnknownIdException.class)
                .hasMessageContaining("unknown user 'stranger'");
    }

    @Test
    void hybridsRoundTrip() {
        Recommender w = WeightedHybrid.builder().add(Popularity.builder().build(), 0.3)
                .add(Knn.itemBased().build(), 0.7).build().fit(data());
        Recommender s = SwitchingHybrid.builder(Knn.userBased().build()).newUsers(Popularity.builder().build())
                .build().fit(data());
        for (Recommender m : List.of(w, s)) {
            Path file = dir.resolve(m.algorithm() + ".mercato");
            m.save(file);
            Recommender back = Recommender.load(file);
            assertThat(back.algorithm()).isEqualTo(m.algorithm());
            assertThat(back.recommend("u1", 3)).isEqualTo(m.recommend("u1", 3));
        }
        Recommender back = Recommender.load(dir.resolve(s.algorithm() + ".mercato"));
        assertThat(back.recommend("stranger", 3)).isEqualTo(s.recommend("stranger", 3));
    }

    // Cold start for new users. Features: genre=Comedy, genre=Drama; unit item vectors a (0,1),
    // b (1,1)/sqrt2, c (1,0), e (0,1); item order a, b, c, e. Popularity a 2, b 1, c 1, e 0.

    /** fan declared Comedy; ghost declared a genre no item has. */
    static UserFeatures declared() {
        return UserFeatures.builder().tag("fan", "genre", "Comedy").tag("ghost", "genre", "Western").build();
    }

    static Interactions withNewItem() {
        return Interactions.builder().add("u1", "a", 1).add("u2", "a", 1).add("u2", "b", 1)
                .add("u3", "c", 1).addItem("e").build();
    }

    static SwitchingHybrid coldStartHybrid() {
        return SwitchingHybrid.builder(Knn.itemBased().shrinkage(0).build())
                .newUsers(ContentBased.builder(features()).userFeatures(declared()).build(), Popularity.builder().build())
                .newItems(ContentBased.builder(features()).build()).build();
    }

    @Test
    void newUsersWithDeclaredInterestsGetContentOthersPopularity() {
        Recommender m = coldStartHybrid().fit(withNewItem());
        // fan's profile (1, 0): a 0, b 1/sqrt2, c 1, e 0 (a before e: lower index)
        List<Recommendation> fan = m.recommend("fan", 3);
        assertThat(fan).extracting(Recommendation::item).containsExactly("c", "b", "a");
        assertThat(fan.stream().mapToDouble(Recommendation::score).toArray())
                .containsExactly(new double[] {1, Math.sqrt(0.5), 0}, within(1e-12));
        assertThat(m.explain("fan", "b").summary()).isEqualTo("matches your interests: genre=Comedy");
        assertThat(m.explain("fan", "b").score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        // ghost's declared genre matches no item, stranger declared nothing: both get the best sellers
        for (String user : List.of("ghost", "stranger")) {
            assertThat(m.recommend(user, 3)).extracting(Recommendation::item).containsExactly("a", "b", "c");
            assertThat(m.recommend(user, 1).get(0).score()).isEqualTo(2.0);
            assertThat(m.explain(user, "a").summary()).isEqualTo("popular: 2 users interacted with it");
            assertThat(m.explain(user, "a").user()).isEqualTo(user);
        }
        assertThat(m.canScore("fan")).isTrue();
        assertThat(m.canScore("u1")).isTrue();
        // batch recommendation takes the same cold-start path
        assertThat(m.recommendAll(List.of("u1", "fan"), 3).get("fan")).isEqualTo(fan);
    }

    @Test
    void coldStartUsersSurviveSaveAndLoad() {
        Recommender m = coldStartHybrid().fit(withNewItem());
        Path file = dir.resolve("cold.mercato");
        m.save(file);
        Recommender back = Recommender.load(file);
        for (String user : List.of("fan", "ghost", "u1")) {
            assertThat(back.recommend(user, 4)).as(user).isEqualTo(m.recommend(user, 4));
        }
        assertThat(back.explain("fan", "c")).isEqualTo(m.explain("fan", "c"));
        assertThat(back.explain("u1", "e")).isEqualTo(m.explain("u1", "e"));
    }

    @Test
    void aNewUsersFirstInteractionsRouteThemToContent() {
        // users with fewer than 2 interactions are new. newcomer, unseen at training, buys c (Comedy):
        // content gives b 1/sqrt2, a 0, e 0 (c owned); popularity would have put a first
        Recommender m = SwitchingHybrid.builder(Knn.itemBased().shrinkage(0).build())
                .newUsers(ContentBased.builder(features()).build(), Popularity.builder().build())
                .minUserInteractions(2).build().fit(withNewItem());
        Recommender folded = m.foldIn("newcomer", java.util.Map.of("c", 1.0));
        List<Recommendation> top = folded.recommend("newcomer", 2);
        assertThat(top).extracting(Recommendation::item).containsExactly("b", "a");
        assertThat(top.get(0).score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(folded.explain("newcomer", "b").summary()).isEqualTo("matches what you like: genre=Comedy");
    }
}
