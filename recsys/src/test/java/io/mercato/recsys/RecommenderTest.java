package io.mercato.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.filter.Rules;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The high-level methods every algorithm inherits, on a popularity model with known scores:
 * a is used by u1..u5 (5), b by u2..u5 (4), c by u3..u5 (3), d by u4, u5 (2), e by u5 (1); u1 has only a.
 */
class RecommenderTest {

    static Interactions data() {
        Interactions.Builder b = Interactions.builder();
        String[] items = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < items.length; i++) {
            for (int u = i + 1; u <= 5; u++) {
                b.add("u" + u, items[i], 1);
            }
        }
        return b.build();
    }

    private final Recommender model = Popularity.builder().build().fit(data());

    private List<String> ids(List<Recommendation> list) {
        return list.stream().map(Recommendation::item).toList();
    }

    @Test
    void excludesOwnItemsUnlessAskedNotTo() {
        assertThat(ids(model.recommend("u1", 10))).containsExactly("b", "c", "d", "e");
        assertThat(ids(model.recommend(RecommendRequest.forUser("u1").n(2).excludeOwnItems(false).build())))
                .containsExactly("a", "b");
    }

    @Test
    void businessRules() {
        assertThat(ids(model.recommend(RecommendRequest.forUser("u1").exclude(List.of("b", "zzz")).build())))
                .containsExactly("c", "d", "e");
        assertThat(ids(model.recommend(RecommendRequest.forUser("u1").includeOnly(Set.of("d", "e", "zzz")).build())))
                .containsExactly("d", "e");
        assertThat(ids(model.recommend(RecommendRequest.forUser("u1").filter(id -> !id.equals("c")).build())))
                .containsExactly("b", "d", "e");
        List<Recommendation> boosted = model.recommend(RecommendRequest.forUser("u1").boost(Map.of("e", 10.0)).build());
        assertThat(ids(boosted)).containsExactly("e", "b", "c", "d");
        assertThat(boosted.get(0).score()).isEqualTo(10.0);
    }

    @Test
    void boostRaisesNegativeScoresToo() {
        double[] scores = {-2, 4};
        Rules.boost(id -> true, 1.5).apply(data(), -1, scores);
        assertThat(scores).containsExactly(-1.0, 6.0); // -2 + 2 * 0.5, 4 + 4 * 0.5
    }

    @Test
    void batchEqualsOneByOne() {
        Map<String, List<Recommendation>> all = model.recommendAll(List.of("u3", "u1", "u5"), 2);
        assertThat(all.keySet()).containsExactly("u3", "u1", "u5");
        for (String u : all.keySet()) {
            assertThat(all.get(u)).isEqualTo(model.recommend(u, 2));
        }
        assertThat(all.get("u5")).isEmpty(); // u5 has every item
    }

    @Test
    void unknownUserIsAClearError() {
        // popularity serves (and explains) anyone; a collaborative model cannot
        Recommender knn = Recommender.builder().itemKnn().build().fit(data());
        assertThat(knn.canScore("nobody")).isFalse();
        assertThatThrownBy(() -> knn.explain("nobody", "a"))
                .isInstanceOf(UnknownIdException.class)
                .hasMessageContaining("unknown user 'nobody'").hasMessageContaining("item-knn");
        assertThatThrownBy(() -> model.similarItems("nothing", 3))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("unknown item 'nothing'");
        assertThatThrownBy(() -> model.explain("nobody", "nothing"))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("unknown item 'nothing'");
    }

    @Test
    void popularityServesUnknownUsers() {
        assertThat(ids(model.recommend("nobody", 3))).containsExactly("a", "b", "c");
        assertThat(model.recommendAll(List.of("nobody"), 1).get("nobody")).extracting(Recommendation::item)
                .containsExactly("a");
        assertThat(model.canScore("nobody")).isTrue();
        // and explains them like everyone: a is used by 5 users
        Explanation why = model.explain("nobody", "a");
        assertThat(why.user()).isEqualTo("nobody");
        assertThat(why.score()).isEqualTo(5.0);
        assertThat(why.summary()).isEqualTo("popular: 5 users interacted with it");
    }

    @Test
    void similarItemsDefaultsToCosineOfInteractionColumns() {
        // a = (1,1,1,1,1); b = (0,1,1,1,1): 4 / (sqrt 5 * 2) = 0.894427; c: 3 / sqrt 15 = 0.774597;
        // d: 2 / sqrt 10 = 0.632456; e: 1 / sqrt 5 = 0.447214
        List<Recommendation> similar = model.similarItems("a", 3);
        assertThat(ids(similar)).containsExactly("b", "c", "d");
        assertThat(similar.get(0).score()).isCloseTo(0.894427191, within(1e-9));
        assertThat(similar.get(2).score()).isCloseTo(0.632455532, within(1e-9));
    }

    @Test
    void fluentEntryPointAndSharingBetweenThreads() throws Exception {
        Recommender knn = Recommender.builder().itemKnn().neighbours(3).build().fit(data());
        assertThat(knn.algorithm()).isEqualTo("item-knn");
        List<String> users = List.of("u1", "u2", "u3", "u4");
        Map<String, List<Recommendation>> expected = knn.recommendAll(users, 3);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Map<String, List<Recommendation>>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> knn.recommendAll(users, 3)));
            }
            for (java.util.concurrent.Future<Map<String, List<Recommendation>>> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void registryBuildsTrainersByNameAndRejectsTypos() {
        RecommenderTrainer t = Recommenders.byName("item-knn", Map.of("neighbours", "7", "similarity", "pearson"));
        assertThat(t.hyperParameters()).containsEntry("neighbours", "7").containsEntry("similarity", "pearson");
        assertThatThrownBy(() -> Recommenders.byName("item-knn", Map.of("neighbors", "7")))
                .isInstanceOf(io.mercato.core.ConfigurationException.class).hasMessageContaining("neighbors");
        assertThatThrownBy(() -> Recommenders.byName("magic", Map.of()))
                .isInstanceOf(io.mercato.core.ConfigurationException.class).hasMessageContaining("magic");
        assertThat(Recommenders.names()).contains("popularity", "baseline", "item-knn", "user-knn");
    }
}
