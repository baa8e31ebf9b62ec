package io.mercato.recsys.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoRecommenderTest {

    @TempDir
    Path dir;

    private static Map<String, Double> validationScores(Recommender model) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        model.info().metrics().forEach((key, v) -> {
            if (key.startsWith("validation.ndcg@10[")) {
                out.put(key.substring("validation.ndcg@10[".length(), key.length() - 1), v);
            }
        });
        return out;
    }

    @Test
    void picksAModelThatSeesTheGroupStructureAndRecordsEveryTrial() {
        // TunerTest.clusters(): popularity pushes group B's items on group A's users; item-item models do not
        Interactions data = TunerTest.clusters();
        Recommender model = Recommenders.byName("auto", Map.of()).fit(data);

        assertThat(model.algorithm()).isEqualTo(AutoRecommender.NAME);
        Map<String, String> hp = model.info().hyperParameters();
        Map<String, Double> scores = validationScores(model);
        java.util.Set<String> candidates = AutoRecommender.candidates().keySet();
        assertThat(scores.keySet()).containsAll(candidates).hasSize(candidates.size() + 1)
                .anyMatch(name -> name.startsWith("blend("));
        assertThat(hp).containsEntry("tried", Integer.toString(candidates.size())).doesNotContainKey("stoppedBy")
                .containsEntry("metric", "ndcg@10").containsEntry("budgetSeconds", "120.0");
        String chosen = hp.get("chosen");
        assertThat(chosen).isNotEqualTo("popularity");
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(scores.get(chosen)).isEqualTo(best).isGreaterThan(scores.get("popularity"));
        for (String name : scores.keySet()) {
            assertThat(model.info().metrics().get("validation.seconds[" + name + "]")).isNotNegative();
        }
        for (String name : candidates) {
            assertThat(hp).containsKey("candidate." + name);
        }
        // the served model is the winner refitted on all the data
        assertThat(model.trainingData().size()).isEqualTo(data.size());
        assertThat(model.scores(0)).hasSize(data.itemCount());
    }

    @Test
    void aZeroBudgetStillFitsTheFirstCandidateAndSaysTheBudgetStoppedTheSearch() {
        Interactions data = TunerTest.clusters();
        Recommender model = Recommenders.byName("auto", Map.of("budgetSeconds", "0")).fit(data);
        assertThat(model.info().hyperParameters()).containsEntry("chosen", "popularity").containsEntry("tried", "1")
                .containsEntry("stoppedBy", "budget");
        assertThat(validationScores(model)).containsOnlyKeys("popularity");
        assertThat(Tuner.summary(model.info())).contains("* popularity").contains("ndcg@10")
                .contains("budget stopped the search after 1 candidates");
        assertThat(Tuner.summary(popularityInfo(data))).isEmpty();
        Recommender popularity = Popularity.builder().build().fit(data);
        for (int u = 0; u < data.userCount(); u++) {
            assertThat(model.scores(u)).containsExactly(popularity.scores(u));
        }

        Recommender two = AutoRecommender.builder().maxTrials(2).build().fit(data);
        assertThat(two.info().hyperParameters()).containsEntry("tried", "2").containsEntry("stoppedBy", "maxTrials");
        assertThat(validationScores(two)).containsOnlyKeys("popularity", "item-knn(neighbours=20)");
    }

    private static io.mercato.recsys.ModelInfo popularityInfo(Interactions data) {
        return Popularity.builder().build().fit(data).info();
    }

    @Test
    void savedModelLoadsWithItsChoiceAndValidationTable() {
        Interactions data = TunerTest.clusters();
        Recommender model = AutoRecommender.builder().maxTrials(3).build().fit(data);
        Path file = dir.resolve("auto.mercato");
        model.save(file);
        Recommender again = Recommenders.load(file);
        assertThat(again.algorithm()).isEqualTo(AutoRecommender.NAME);
        assertThat(again.info().hyperParameters()).isEqualTo(model.info().hyperParameters());
        assertThat(again.info().metrics()).isEqualTo(model.info().metrics());
        for (int u = 0; u < data.userCount(); u++) {
            assertThat(again.scores(u)).containsExactly(model.scores(u));
        }
    }

    @Test
    void onlyTheInteractionsGivenToFitAreSeen() {
        Split outer = Splitter.random(0.25, 3).split(TunerTest.clusters());
        Recommender model = AutoRecommender.builder().maxTrials(2).build().fit(outer.train());
        assertThat(TunerTest.pairs(model.trainingData())).isEqualTo(TunerTest.pairs(outer.train()))
                .doesNotContainAnyElementsOf(TunerTest.pairs(outer.test()));
        // popularity's validation score is the one of a holdout of the training side alone
        EvaluationReport alone = Tuner.builder().candidate("popularity", Popularity.builder().build())
                .allValidationItemsRelevant().build().validate(outer.train());
        assertThat(model.info().metrics().get("validation.ndcg@10[popularity]"))
                .isEqualTo(alone.row("popularity").get("ndcg@10"));
    }

    @Test
    void candidatesRunCheapToExpensiveWithEaseAndDampedAlsAmongThem() {
        assertThat(AutoRecommender.candidates()).containsKeys("ease(lambda=10)", "ease(lambda=50)", "ease(lambda=250)",
                "ease(lambda=1250)", "rp3beta");
        assertThat(AutoRecommender.candidates().get("implicit-als(rank=64, iterations=8, regularization=10, scaling=log1p)")
                .hyperParameters()).containsEntry("scaling", "LOG1P").containsEntry("regularization", "10.0");
        assertThat(AutoRecommender.candidates().get("ease(lambda=250)").hyperParameters())
                .as("auto's EASE models the 3,000 most-interacted items").containsEntry("maxItems", "3000");
        assertThat(AutoRecommender.candidates().keySet()).startsWith("popularity").noneMatch(n -> n.contains("bpr"));
        assertThat(AutoRecommender.candidates().values()).filteredOn(c -> c.algorithm().equals("implicit-als"))
                .hasSize(5).allSatisfy(c -> assertThat(c.hyperParameters()).containsEntry("iterations", "8"));
        assertThat(AutoRecommender.ratingCandidates().keySet()).startsWith("baseline").contains("als", "biased-mf");
    }

    @Test
    void badParametersAreRejectedByName() {
        assertThatThrownBy(() -> Recommenders.byName("auto", Map.of("budgetSeconds", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'budgetSeconds' = -1.0");
        assertThatThrownBy(() -> Recommenders.byName("auto", Map.of("maxTrials", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxTrials'");
        assertThatThrownBy(() -> Recommenders.byName("auto", Map.of("metric", "ndcg@5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'metric'");
        assertThatThrownBy(() -> Recommenders.byName("auto", Map.of("parallelism", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'parallelism'");
        assertThatThrownBy(() -> Recommenders.byName("auto", Map.of("budget", "10")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'budget'");
        RecommenderTrainer ok = Recommenders.byName("auto", Map.of("budgetSeconds", "5", "relevantAtLeast", "4"));
        assertThat(ok.hyperParameters()).containsEntry("budgetSeconds", "5.0").containsEntry("relevantAtLeast", "4.0")
                .doesNotContainKey("candidate.popularity");
    }
}
