package io.mercato.recsys.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-worked 3 x 3 case. Ratings (users A, B, C; items x, y, z):
 * <pre>
 *        x  y  z
 *   A    5  3  .
 *   B    4  2  5
 *   C    .  4  1
 * </pre>
 * Item vectors over (A, B, C): x = (5,4,0), y = (3,2,4), z = (0,5,1), so
 * cos(x,y) = 23 / sqrt(41 * 29) = 0.6670170091506028, cos(x,z) = 20 / sqrt(41 * 26) = 0.6125638918316889,
 * cos(y,z) = 14 / sqrt(29 * 26) = 0.5098499285104608. User vectors over (x, y, z): A = (5,3,0),
 * B = (4,2,5), C = (0,4,1): cos(A,B) = 26 / sqrt(34 * 45) = 0.6647029903343876,
 * cos(A,C) = 12 / sqrt(34 * 17) = 0.4991341984846217, cos(B,C) = 13 / sqrt(45 * 17) = 0.4700159919404217.
 * (Checked with numpy.) The biases are regularized to ~0 (reg 1e9), so the baseline is the mean
 * mu = 24 / 7 = 3.4285714285714284.
 */
class KnnTest {

    static Interactions tiny() {
        return Interactions.builder()
                .add("A", "x", 5).add("A", "y", 3)
                .add("B", "x", 4).add("B", "y", 2).add("B", "z", 5)
                .add("C", "y", 4).add("C", "z", 1)
                .build();
    }

    private static Knn.Builder noBias(Knn.Builder b) {
        return b.shrinkage(0).regUser(1e9).regItem(1e9).threads(1).rankingWeight(RankingWeight.BINARY);
    }

    @Test
    void itemSimilaritiesAreTheHandComputedCosines() {
        Recommender m = noBias(Knn.itemBased()).build().fit(tiny());
        List<Recommendation> similar = m.similarItems("x", 5);
        assertThat(similar).extracting(Recommendation::item).containsExactly("y", "z");
        assertThat(similar.get(0).score()).isCloseTo(0.6670170091506028, within(1e-6));
        assertThat(similar.get(1).score()).isCloseTo(0.6125638918316889, within(1e-6));
        assertThat(m.similarItems("y", 5).get(1).score()).isCloseTo(0.5098499285104608, within(1e-6));
    }

    @Test
    void shrinkageScalesByCoRatedCount() {
        // x,y are co-rated by A and B (n = 2): 0.6670170 * 2/3; x,z only by B (n = 1): 0.6125639 * 1/2
        Recommender m = noBias(Knn.itemBased()).shrinkage(1).build().fit(tiny());
        List<Recommendation> similar = m.similarItems("x", 5);
        assertThat(similar.get(0).score()).isCloseTo(0.44467800610040187, within(1e-6));
        assertThat(similar.get(1).score()).isCloseTo(0.30628194591584446, within(1e-6));
    }

    @Test
    void itemKnnRanksBySumOfNeighbourSimilarities() {
        // C has y and z; x counts both among its 2 nearest: 0.6670170 + 0.6125639 = 1.2795809009822916
        Recommender m = noBias(Knn.itemBased()).neighbours(2).build().fit(tiny());
        List<Recommendation> top = m.recommend("C", 3);
        assertThat(top).extracting(Recommendation::item).containsExactly("x");
        assertThat(top.get(0).score()).isCloseTo(1.2795809009822916, within(1e-6));
        // with one neighbour, x's nearest is y only
        Recommender k1 = noBias(Knn.itemBased()).neighbours(1).build().fit(tiny());
        assertThat(k1.recommend("C", 3).get(0).score()).isCloseTo(0.6670170091506028, within(1e-6));
    }

    @Test
    void rankingWeights() {
        // VALUE: C rated y 4 and z 1: 4 * 0.6670170 + 1 * 0.6125639 = 3.2806319284340 ; the explanation has the same terms
        Recommender value = noBias(Knn.itemBased()).rankingWeight(RankingWeight.VALUE).neighbours(2).build().fit(tiny());
        assertThat(value.recommend("C", 1).get(0).score()).isCloseTo(4 * 0.6670170091506028 + 0.6125638918316889, within(1e-6));
        List<Explanation.Reason> reasons = value.explain("C", "x").reasons();
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0).contribution()).isCloseTo(4 * 0.6670170091506028, within(1e-6));
        assertThat(reasons.get(1).contribution()).isCloseTo(0.6125638918316889, within(1e-6));
        // RESIDUAL (biases ~0, mu = 24/7): (4 - mu + 1) * s_xy + (1 - mu + 1) * s_xz
        Recommender residual = noBias(Knn.itemBased()).rankingWeight(RankingWeight.RESIDUAL).neighbours(2).build().fit(tiny());
        double mu = 24.0 / 7;
        assertThat(residual.scores("C")[0]).isCloseTo((5 - mu) * 0.6670170091506028 + (2 - mu) * 0.6125638918316889, within(1e-6));
        // user-based VALUE: A's nearest user B rated z 5: 5 * 0.6647030
        Recommender user = noBias(Knn.userBased()).rankingWeight(RankingWeight.VALUE).neighbours(1).build().fit(tiny());
        assertThat(user.recommend("A", 1).get(0).score()).isCloseTo(5 * 0.6647029903343876, within(1e-6));
    }

    @Test
    void itemKnnPredictsKnnBaselineStyle() {
        // mu + (s_xy (4 - mu) + s_xz (1 - mu)) / (s_xy + s_xz) = 2.563833147177852 (numpy)
        Recommender m = noBias(Knn.itemBased()).neighbours(2).build().fit(tiny());
        assertThat(m.predictsRatings()).isTrue();
        assertThat(m.predict("C", "x")).isCloseTo(2.563833147177852, within(1e-6));
        // one neighbour: mu + (4 - mu) = 4
        Recommender k1 = noBias(Knn.itemBased()).neighbours(1).build().fit(tiny());
        assertThat(k1.predict("C", "x")).isCloseTo(4.0, within(1e-6));
    }

    @Test
    void userKnnScoresAndPredicts() {
        // A's nearest user is B (0.6647030); with k = 2 also C (0.4991342), both have z
        Recommender k1 = noBias(Knn.userBased()).neighbours(1).build().fit(tiny());
        List<Recommendation> top = k1.recommend("A", 5);
        assertThat(top).extracting(Recommendation::item).containsExactly("z");
        assertThat(top.get(0).score()).isCloseTo(0.6647029903343876, within(1e-6));
        Recommender k2 = noBias(Knn.userBased()).neighbours(2).build().fit(tiny());
        assertThat(k2.recommend("A", 5).get(0).score()).isCloseTo(0.6647029903343876 + 0.4991341984846217, within(1e-6));
        // mu + (s_AB (5 - mu) + s_AC (1 - mu)) / (s_AB + s_AC) = 3.284522256962376 (numpy)
        assertThat(k2.predict("A", "z")).isCloseTo(3.284522256962376, within(1e-6));
    }

    @Test
    void explanationNamesTheUsersOwnItems() {
        Recommender m = noBias(Knn.itemBased()).neighbours(2).build().fit(tiny());
        Explanation e = m.explain("C", "x");
        assertThat(e.reasons()).extracting(Explanation.Reason::label).containsExactly("y", "z");
        assertThat(e.score()).isCloseTo(1.2795809009822916, within(1e-6));
        assertThat(e.summary()).isEqualTo("because you liked y, z");
    }

    @Test
    void pearsonMatchesTheCoRatedDefinition() {
        // x,y co-rated by A, B: x = (5,4), y = (3,2), centred (0.5,-0.5) both: Pearson +1.
        // x,z share only B (n = 1: undefined, dropped); y,z co-rated by B, C: (2,4) vs (5,1): -1, dropped.
        Recommender m = noBias(Knn.itemBased()).similarity(Similarity.PEARSON).build().fit(tiny());
        List<Recommendation> similar = m.similarItems("x", 5);
        assertThat(similar).extracting(Recommendation::item).containsExactly("y");
        assertThat(similar.get(0).score()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void sameDataSameModel() {
        Recommender a = Knn.itemBased().threads(2).build().fit(tiny());
        Recommender b = Knn.itemBased().threads(1).build().fit(tiny());
        assertThat(a.scores(0)).containsExactly(b.scores(0));
    }

    @Test
    void updateAddsANewUser() {
        Recommender m = noBias(Knn.itemBased()).neighbours(2).build().fit(tiny());
        Recommender updated = m.foldIn("D", java.util.Map.of("y", 5.0));
        assertThat(updated.trainingData().users().contains("D")).isTrue();
        assertThat(updated.recommend("D", 1)).extracting(Recommendation::item).containsExactly("x");
        assertThat(m.trainingData().users().contains("D")).isFalse();
    }

    @Test
    void incrementalUpdateEqualsAFullFitOnTheMergedData() {
        // random ratings, then a new user and new interactions of an existing user (one with a new item)
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < 80; u++) { // sparse enough that many rows are not recomputed
            for (int i = 0; i < 60; i++) {
                if (r.nextDouble() < 0.04) {
                    b.add("u" + u, "i" + i, 1 + r.nextInt(5));
                }
            }
        }
        Interactions base = b.build();
        Interactions more = Interactions.builder().add("new", "i1", 5).add("new", "i7", 4)
                .add("u3", "i2", 2).add("u3", "fresh", 5).build();
        for (Knn.Builder kb : List.of(Knn.itemBased(), Knn.userBased(), Knn.itemBased().similarity(Similarity.PEARSON),
                Knn.userBased().similarity(Similarity.PEARSON), Knn.itemBased().similarity(Similarity.ADJUSTED_COSINE),
                Knn.userBased().similarity(Similarity.ADJUSTED_COSINE), Knn.userBased().similarity(Similarity.EUCLIDEAN))) {
            Knn trainer = kb.neighbours(5).modelSize(10).build();
            Recommender updated = trainer.fit(base).update(more);
            Recommender full = trainer.fit(base.plus(more, Interactions.DuplicatePolicy.LAST));
            assertThat(updated.trainingData().items().ids()).isEqualTo(full.trainingData().items().ids());
            for (int u = 0; u < full.trainingData().userCount(); u++) {
                assertThat(updated.scores(u)).as("%s user %d", trainer.describe(), u).containsExactly(full.scores(u));
                assertThat(updated.predict(u, 2)).isEqualTo(full.predict(u, 2));
            }
        }
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> Knn.itemBased().neighbours(0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("neighbours");
        assertThatThrownBy(() -> Knn.itemBased().shrinkage(-1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("shrinkage");
    }
}
