package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorModelTest {

    private static final Planted.Split RATINGS = Planted.lowRank(80, 60, 3, 0.5, 31);
    private static final Interactions CLUSTERS = Planted.clusters(60, 45, 3, 0.5, 8);

    @TempDir
    Path dir;

    @Test
    void everyAlgorithmIsRegisteredAndRoundTripsThroughAModelFile() {
        Map<String, Interactions> data = Map.of("biased-mf", RATINGS.train(), "svdpp", RATINGS.train(),
                "als", RATINGS.train(), "implicit-als", CLUSTERS, "bpr", CLUSTERS);
        for (Map.Entry<String, Interactions> e : data.entrySet()) {
            Recommender model = Recommenders.byName(e.getKey(), Map.of("rank", "4", "seed", "3")).fit(e.getValue());
            assertThat(model.algorithm()).isEqualTo(e.getKey());
            Path file = dir.resolve(e.getKey() + ".mercato");
            model.save(file);
            Recommender loaded = Recommender.load(file);
            assertThat(loaded).isInstanceOf(FactorModel.class);
            assertThat(loaded.predictsRatings()).isEqualTo(model.predictsRatings());
            assertThat(loaded.info().hyperParameters()).containsEntry("rank", "4");
            for (int u = 0; u < e.getValue().userCount(); u += 7) {
                assertThat(loaded.scores(u)).as(e.getKey()).containsExactly(model.scores(u));
            }
            assertThat(loaded.explain(1, 2)).isEqualTo(model.explain(1, 2));
        }
    }

    @Test
    void registryRejectsUnknownAndBadParameters() {
        assertThatThrownBy(() -> Recommenders.byName("als", Map.of("rnak", "4")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'rnak'");
        assertThatThrownBy(() -> Recommenders.byName("implicit-als", Map.of("scaling", "cubic")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'scaling' = cubic");
        assertThatThrownBy(() -> Recommenders.byName("bpr", Map.of("rank", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'rank' = 0");
    }

    @Test
    void batchScoresEqualPerUserScores() {
        FactorModel model = BiasedMfTrainer.builder().rank(4).epochs(5).seed(2).build().fit(RATINGS.train());
        int[] users = {5, 0, 17};
        double[][] batch = model.scores(users);
        for (int r = 0; r < users.length; r++) {
            // the batch path is a float32 matrix product, the single-user path a double dot product
            assertThat(batch[r]).containsExactly(model.scores(users[r]), within(1e-4));
        }
    }

    @Test
    void predictionsAreClippedToTheTrainingRange() {
        FactorModel model = AlsTrainer.builder().rank(3).iterations(5).build().fit(RATINGS.train());
        for (int u = 0; u < 80; u++) {
            for (int i = 0; i < 60; i++) {
                assertThat(model.predict(u, i)).isBetween(RATINGS.train().minValue(), RATINGS.train().maxValue());
            }
        }
    }

    @Test
    void foldingInACopyOfAUserReproducesThatUsersPredictions() {
        FactorModel model = AlsTrainer.builder().rank(3).iterations(20).regularization(0.01).seed(4).build()
                .fit(RATINGS.train());
        Map<String, Double> copy = new HashMap<>();
        Interactions train = RATINGS.train();
        int u = 12;
        for (int i : train.userItems(u)) {
            copy.put(train.items().id(i), train.value(u, i));
        }
        Recommender updated = model.foldIn("newcomer", copy);
        int v = updated.trainingData().users().index("newcomer");
        assertThat(v).isGreaterThanOrEqualTo(0);
        for (int i = 0; i < 60; i += 5) {
            String item = train.items().id(i);
            // ALS's user step is the same ridge solve, so the copy lands (almost) where the original is
            assertThat(updated.predict("newcomer", item)).isCloseTo(model.predict(u, i), within(0.05));
            // everybody else and every item keep their parameters
            assertThat(updated.predict(train.users().id(3), item)).isEqualTo(model.predict(3, i));
        }
    }

    @Test
    void aFoldedInImplicitUserGetsItsClustersItems() {
        FactorModel model = ImplicitAlsTrainer.builder().rank(6).iterations(8).regularization(0.5).alpha(5).seed(1)
                .build().fit(CLUSTERS);
        // items i1, i4, i7 (index % 3 == 1) are group 1
        Recommender updated = model.foldIn("newcomer", Map.of("i1", 1.0, "i4", 1.0, "i7", 1.0));
        assertThat(updated.recommend("newcomer", 5))
                .allSatisfy(r -> assertThat(Integer.parseInt(r.item().substring(1)) % 3).isEqualTo(1));
    }

    @Test
    void aFoldedInBprUserGetsItsClustersItems() {
        FactorModel model = BprTrainer.builder().rank(8).epochs(60).seed(1).build().fit(CLUSTERS);
        // items i2, i5, i8, i11 (index % 3 == 2) are group 2
        Recommender updated = model.foldIn("newcomer", Map.of("i2", 1.0, "i5", 1.0, "i8", 1.0, "i11", 1.0));
        assertThat(updated.recommend("newcomer", 4))
                .allSatisfy(r -> assertThat(Integer.parseInt(r.item().substring(1)) % 3).isEqualTo(2));
        // the fold-in is seeded: doing it again gives the same factors
        Recommender again = model.foldIn("newcomer", Map.of("i2", 1.0, "i5", 1.0, "i8", 1.0, "i11", 1.0));
        assertThat(again.scores("newcomer")).containsExactly(updated.scores("newcomer"));
    }

    @Test
    void implicitAttributionsAddUpToTheFoldedInScore() {
        FactorModel model = ImplicitAlsTrainer.builder().rank(5).iterations(5).alpha(2).seed(6).build().fit(CLUSTERS);
        // a folded-in user's factor is the exact solution (rank CG steps), for which Σ_j c_j y_iᵀA⁻¹y_j = x_u·y_i
        FactorModel updated = model.update(Interactions.builder().add("x", "i2", 1).add("x", "i5", 3)
                .add("x", "i30", 1).build());
        int u = updated.trainingData().users().index("x");
        int i = updated.trainingData().items().index("i8");
        Explanation why = updated.explain(u, i);
        double itemSum = why.reasons().stream().filter(r -> r.kind().equals("item"))
                .mapToDouble(Explanation.Reason::contribution).sum();
        assertThat(itemSum).isCloseTo(updated.factors().score(u, i), within(1e-4));
        assertThat(why.score()).isEqualTo(updated.factors().score(u, i));
        List<String> labels = why.reasons().stream().filter(r -> r.kind().equals("item"))
                .map(Explanation.Reason::label).toList();
        assertThat(labels).containsExactlyInAnyOrder("i2", "i5", "i30");
        assertThat(labels.get(0)).isNotEqualTo("i30"); // i30 is in the other group (30 % 3 = 0, 8 % 3 = 2)
    }

    @Test
    void explicitExplanationsCarryTheBiases() {
        FactorModel model = BiasedMfTrainer.builder().rank(3).epochs(10).build().fit(RATINGS.train());
        Explanation why = model.explain(4, 9);
        assertThat(why.reasons()).extracting(Explanation.Reason::label)
                .contains("global mean", "user bias", "item bias");
        assertThat(why.reasons().get(0).contribution()).isEqualTo(RATINGS.train().globalMean(), within(1e-6));
        assertThat(why.summary()).startsWith("Predicted rating");
        assertThat(why.user()).isEqualTo("u4");
        assertThat(why.item()).isEqualTo("i9");
    }

    @Test
    void similarItemsComeFromTheSameCluster() {
        FactorModel model = ImplicitAlsTrainer.builder().rank(6).iterations(8).regularization(0.5).alpha(5).seed(1)
                .build().fit(CLUSTERS);
        assertThat(model.similarItems("i4", 5))
                .allSatisfy(r -> assertThat(Integer.parseInt(r.item().substring(1)) % 3).isEqualTo(1))
                .noneMatch(r -> r.item().equals("i4"));
    }

    @Test
    void foldInRuleInTheFormatBeforeConfidenceStatisticsStillReads() throws Exception {
        String old = "{\"kind\":\"IMPLICIT\",\"regularization\":10.0,\"biasRegularization\":0.0,\"weighted\":false,"
                + "\"alpha\":2.0,\"logScaling\":true,\"learningRate\":0.0,\"epochs\":0,\"seed\":0}";
        FoldIn rule = new com.fasterxml.jackson.databind.ObjectMapper().readValue(old, FoldIn.class);
        assertThat(rule.regularization()).isEqualTo(10.0);
        assertThat(rule.confidence().of(3f, 0, 0)).isCloseTo(1 + 2 * Math.log(4), within(1e-6));
        String linear = old.replace("\"logScaling\":true", "\"logScaling\":false");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(linear, FoldIn.class).confidence()
                .of(3f, 0, 0)).isCloseTo(7, within(1e-6));
    }

    @Test
    void ratingFactorsLearnedElsewhereFoldNewUsersInByRidgeWithoutABias() {
        Interactions data = Interactions.builder().add("a", "i1", 4).add("a", "i2", 1).build();
        FactorModel model = FactorModel.ofRatingFactors(new io.mercato.recsys.ModelInfo("als", Map.of(), 0), data, 1,
                new float[] {0.5f}, new float[] {1f, 2f}, 0.5, false);
        Recommender updated = model.update(Interactions.builder().add("b", "i1", 3).add("b", "i2", 5).build());
        // closed form: p = Σ q_i r_i / (Σ q_i² + λ) = (1·3 + 2·5) / (1 + 4 + 0.5)
        double p = 13 / 5.5;
        int b = updated.trainingData().users().index("b");
        assertThat(updated.predict(b, updated.trainingData().items().index("i1"))).isCloseTo(p, within(1e-5));
        assertThat(updated.predict(b, updated.trainingData().items().index("i2"))).isCloseTo(2 * p, within(1e-5));
        assertThat(model.predict(0, 1)).isCloseTo(1.0, within(1e-6));   // p_a · q_i2, no bias, no offset
    }
}
