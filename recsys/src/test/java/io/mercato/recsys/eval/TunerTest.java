package io.mercato.recsys.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.baseline.BaselinePredictor;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.knn.Knn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {

    @TempDir
    Path dir;

    /**
     * Two taste groups: 10 users of group A each have 6 random items of a0..a9, 30 users of group B 6
     * random items of b0..b9 (implicit, value 1). B's items are the most popular overall, so popularity
     * recommends B items to A users (no hits), while item-kNN finds each item's neighbours inside its group.
     */
    static Interactions clusters() {
        SplittableRandom random = new SplittableRandom(7);
        Interactions.Builder b = Interactions.builder();
        addGroup(b, "a", 10, random);
        addGroup(b, "b", 30, random);
        return b.build();
    }

    private static void addGroup(Interactions.Builder b, String group, int users, SplittableRandom random) {
        for (int u = 0; u < users; u++) {
            List<Integer> items = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            for (int k = 0; k < 6; k++) {
                int pick = items.remove(random.nextInt(items.size()));
                b.add(group + "-user" + u, group + pick, 1);
            }
        }
    }

    /**
     * Ratings r(u, i) = 3 + bu + bi exactly, bu = (u mod 5 - 2) * 0.3, bi = (i mod 7 - 3) * 0.2, for 30
     * users x 20 items, every cell rated: global mean + biases is the true model.
     */
    static Interactions additiveRatings() {
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i < 20; i++) {
                b.add("u" + u, "i" + i, 3 + (u % 5 - 2) * 0.3 + (i % 7 - 3) * 0.2);
            }
        }
        return b.build();
    }

    @Test
    void picksTheCandidateThatFitsThePlantedStructure() {
        Interactions data = clusters();
        Tuner tuner = Recommender.builder().tuned().candidate("popularity", Popularity.builder().build())
                .candidate("item-knn", Knn.itemBased().neighbours(10).shrinkage(0).build())
                .allValidationItemsRelevant().k(5).validationFraction(0.35).build();
        Recommender model = tuner.fit(data);

        assertThat(model.algorithm()).isEqualTo(Tuner.NAME);
        assertThat(model.info().hyperParameters()).containsEntry("chosen", "item-knn").containsEntry("metric", "ndcg@5");
        Map<String, Double> scores = model.info().metrics();
        assertThat(scores).containsOnlyKeys("validation.ndcg@5[popularity]", "validation.ndcg@5[item-knn]");
        assertThat(scores.get("validation.ndcg@5[item-knn]")).isGreaterThan(scores.get("validation.ndcg@5[popularity]") + 0.1);
        // the winner is refit on everything it was given, and serves as item-kNN trained on it does
        assertThat(model.trainingData().size()).isEqualTo(data.size());
        Recommender direct = Knn.itemBased().neighbours(10).shrinkage(0).build().fit(data);
        assertThat(model.scores(3)).containsExactly(direct.scores(3));
        assertThat(model.recommend("a-user0", 4)).isEqualTo(direct.recommend("a-user0", 4));
    }

    @Test
    void rmsePicksTheLowestAndRecordsItOnTheValidationRows() {
        Interactions data = additiveRatings();
        Tuner tuner = Tuner.builder()
                .candidate("shrunk", BaselinePredictor.builder().regUser(1e9).regItem(1e9).build())
                .candidate("exact", BaselinePredictor.builder().regUser(1e-6).regItem(1e-6).sweeps(50).build())
                .metric("rmse").build();
        Recommender model = tuner.fit(data);

        assertThat(model.info().hyperParameters()).containsEntry("chosen", "exact");
        // the exact additive model predicts every validation rating (all users and items stay in training)
        assertThat(model.info().metrics().get("validation.rmse[exact]")).isLessThan(1e-3);
        // biases shrunk to zero predict the training mean: RMSE of the validation values around it, computed here
        Split split = tuner.validationSplit(data);
        double mean = split.train().globalMean();
        double[] se = {0};
        split.test().forEach((u, i, v, t) -> se[0] += (v - mean) * (v - mean));
        assertThat(model.info().metrics().get("validation.rmse[shrunk]"))
                .isCloseTo(Math.sqrt(se[0] / split.test().size()), within(1e-4));
    }

    @Test
    void theBlendOfTheBestTwoAlgorithmsIsScoredAsTheMeanOfTheirPredictionsAndWinsOnlyByScore() {
        Interactions data = additiveRatings();
        RecommenderTrainer shrunk = BaselinePredictor.builder().regUser(1e9).regItem(1e9).build();
        RecommenderTrainer knn = Knn.itemBased().neighbours(5).shrinkage(0).build();
        RecommenderTrainer knnWide = Knn.itemBased().neighbours(15).shrinkage(0).build();
        Tuner tuner = Tuner.builder().candidate("shrunk", shrunk).candidate("knn5", knn).candidate("knn15", knnWide)
                .metric("rmse").blendBestTwo().build();
        Recommender model = tuner.fit(data);
        Map<String, Double> scores = model.info().metrics();

        // the two best of different algorithms: the better kNN and the baseline, never the two kNNs together
        String better = scores.get("validation.rmse[knn5]") <= scores.get("validation.rmse[knn15]") ? "knn5" : "knn15";
        String blend = "blend(" + better + " + shrunk)";
        assertThat(scores).containsKey("validation.rmse[" + blend + "]").hasSize(4);
        // its validation RMSE, computed here from the two components trained on the validation split's train side
        Split split = tuner.validationSplit(data);
        Recommender a = (better.equals("knn5") ? knn : knnWide).fit(split.train());
        Recommender b = shrunk.fit(split.train());
        Interactions train = split.train();
        double[] se = {0};
        split.test().forEach((u, i, v, t) -> {
            int tu = train.users().index(split.test().users().id(u));
            int ti = train.items().index(split.test().items().id(i));
            double p = (a.predict(tu, ti) + b.predict(tu, ti)) / 2;
            p = Math.max(train.minValue(), Math.min(train.maxValue(), p));
            se[0] += (p - v) * (p - v);
        });
        assertThat(scores.get("validation.rmse[" + blend + "]")).isCloseTo(Math.sqrt(se[0] / split.test().size()),
                within(1e-9));
        // the lowest of the four rows wins; a winning blend is refitted on all the data as a weighted hybrid
        String lowest = scores.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat("validation.rmse[" + model.info().hyperParameters().get("chosen") + "]").isEqualTo(lowest);
        assertThat(model.info().hyperParameters()).containsEntry("blendBestTwo", "true");
    }

    @Test
    void aWinningBlendServesAsTheHybridOfItsTwoComponentsRefittedOnAllTheData() {
        Interactions data = clusters();
        Tuner tuner = Tuner.builder().candidate("popularity", Popularity.builder().build())
                .candidate("knn", Knn.itemBased().neighbours(10).shrinkage(0).build())
                .allValidationItemsRelevant().blendBestTwo().build();
        EvaluationReport report = tuner.validate(data);
        assertThat(report.rows()).extracting(EvaluationReport.Row::name)
                .containsExactly("popularity", "knn", "blend(knn + popularity)");
        Recommender blend = tuner.blendOfBestTwo(report).getValue().fit(data);
        Recommender knn = Knn.itemBased().neighbours(10).shrinkage(0).build().fit(data);
        Recommender popularity = Popularity.builder().build().fit(data);
        // min-max normalized rows, summed with weight 1 each, computed here
        double[] k = knn.scores(0);
        double[] p = popularity.scores(0);
        double[] s = blend.scores(0);
        double kMin = java.util.Arrays.stream(k).min().orElseThrow();
        double kMax = java.util.Arrays.stream(k).max().orElseThrow();
        double pMin = java.util.Arrays.stream(p).min().orElseThrow();
        double pMax = java.util.Arrays.stream(p).max().orElseThrow();
        for (int i = 0; i < s.length; i++) {
            assertThat(s[i]).isCloseTo((k[i] - kMin) / (kMax - kMin) + (p[i] - pMin) / (pMax - pMin), within(1e-9));
        }
        Path file = dir.resolve("blend.mercato");
        blend.save(file);
        assertThat(Recommender.load(file).scores(0)).containsExactly(s);
        assertThat(Tuner.builder().candidate("popularity", Popularity.builder().build()).blendBestTwo().build()
                .blendOfBestTwo(report)).as("one algorithm: nothing to blend").isNull();
    }

    @Test
    void theBlendIsValidatedFromItsComponentsValidationModelsWithoutFittingThemAgain() {
        Spy spy = new Spy();
        Tuner tuner = Tuner.builder().candidate("spy", spy)
                .candidate("knn", Knn.itemBased().neighbours(10).shrinkage(0).build())
                .allValidationItemsRelevant().blendBestTwo().build();
        EvaluationReport report = tuner.validate(clusters());
        assertThat(report.rows()).extracting(EvaluationReport.Row::name).contains("blend(knn + spy)");
        assertThat(spy.seen).as("popularity fitted once, for its own validation row").hasSize(1);
    }

    @Test
    void twoAtATimeGivesTheRowsOfOneAtATimeInCandidateOrder() {
        Interactions data = clusters();
        Tuner.Builder b = Tuner.builder().grid("item-knn", Map.of("shrinkage", "0"),
                Map.of("neighbours", List.of("1", "3", "10", "30"))).candidate("popularity", Popularity.builder().build())
                .allValidationItemsRelevant().k(5).blendBestTwo();
        EvaluationReport one = b.build().validate(data);
        EvaluationReport two = b.parallelism(2).build().validate(data);
        assertThat(two.rows()).extracting(EvaluationReport.Row::name)
                .containsExactlyElementsOf(one.rows().stream().map(EvaluationReport.Row::name).toList())
                .startsWith("neighbours=1", "neighbours=3", "neighbours=10", "neighbours=30", "popularity")
                .hasSize(6);
        for (EvaluationReport.Row row : one.rows()) {
            assertThat(two.row(row.name()).get("ndcg@5")).isEqualTo(row.get("ndcg@5"));
        }
        assertThat(b.parallelism(3).maxTrials(2).build().validate(data).rows()).extracting(EvaluationReport.Row::name)
                .containsExactly("neighbours=1", "neighbours=3");
    }

    @Test
    void aCandidateThatFailsFailsTheParallelSearchWithItsOwnError() {
        RecommenderTrainer failing = new RecommenderTrainer() {
            @Override
            public String algorithm() {
                return "failing";
            }

            @Override
            public Map<String, String> hyperParameters() {
                return Map.of();
            }

            @Override
            public Recommender fit(Interactions data) {
                throw new ConfigurationException("failing needs ratings");
            }
        };
        Tuner tuner = Tuner.builder().candidate("popularity", Popularity.builder().build()).candidate("failing", failing)
                .allValidationItemsRelevant().parallelism(2).build();
        assertThatThrownBy(() -> tuner.validate(clusters())).isInstanceOf(ConfigurationException.class)
                .hasMessage("failing needs ratings");
    }

    @Test
    void tiesGoToTheEarlierCandidate() {
        Tuner tuner = Tuner.builder().candidate("first", Popularity.builder().build())
                .candidate("second", Popularity.builder().build()).allValidationItemsRelevant().build();
        assertThat(tuner.fit(clusters()).info().hyperParameters()).containsEntry("chosen", "first");
    }

    /** Records the (user, item) pairs of every data set a candidate is trained on. */
    static final class Spy implements RecommenderTrainer {
        final List<Set<String>> seen = new ArrayList<>();
        private final RecommenderTrainer inner = Popularity.builder().build();

        @Override
        public String algorithm() {
            return inner.algorithm();
        }

        @Override
        public Map<String, String> hyperParameters() {
            return inner.hyperParameters();
        }

        @Override
        public Recommender fit(Interactions data) {
            seen.add(pairs(data));
            return inner.fit(data);
        }
    }

    static Set<String> pairs(Interactions data) {
        Set<String> out = new HashSet<>();
        data.forEach((u, i, v, t) -> out.add(data.users().id(u) + "|" + data.items().id(i)));
        return out;
    }

    @Test
    void onlyEverTrainsOnTheTrainingInteractions() {
        Split outer = Splitter.random(0.25, 3).split(clusters());
        Spy a = new Spy();
        Spy b = new Spy();
        Tuner.builder().candidate("a", a).candidate("b", b).allValidationItemsRelevant().build().fit(outer.train());

        Set<String> train = pairs(outer.train());
        Set<String> test = pairs(outer.test());
        Set<String> validationTrain = pairs(Tuner.builder().candidate("a", a).build().validationSplit(outer.train()).train());
        // each candidate: once on the validation split's training side; the winner (a) once more on all of train
        assertThat(b.seen).containsExactly(validationTrain);
        assertThat(a.seen).containsExactly(validationTrain, train);
        assertThat(validationTrain).isSubsetOf(train).hasSizeLessThan(train.size());
        for (Set<String> seen : List.of(a.seen.get(0), a.seen.get(1), b.seen.get(0))) {
            assertThat(seen).doesNotContainAnyElementsOf(test);
        }
    }

    @Test
    void sameSeedSameChoiceScoresAndModel() {
        Interactions data = clusters();
        Tuner.Builder b = Tuner.builder().grid("item-knn", Map.of("shrinkage", "0"),
                Map.of("neighbours", List.of("1", "3", "10"))).allValidationItemsRelevant().k(5);
        Recommender one = b.build().fit(data);
        Recommender two = b.build().fit(data);
        assertThat(two.info().metrics()).isEqualTo(one.info().metrics());
        assertThat(two.info().hyperParameters()).isEqualTo(one.info().hyperParameters());
        for (int u = 0; u < data.userCount(); u++) {
            assertThat(two.scores(u)).containsExactly(one.scores(u));
        }
        Split a = b.validationSeed(1).build().validationSplit(data);
        Split c = b.validationSeed(2).build().validationSplit(data);
        assertThat(pairs(a.test())).isNotEqualTo(pairs(c.test()));
        // per-user holdout: round(0.2 * 6) = 1 of each user's 6 interactions
        assertThat(a.test().size()).isEqualTo(data.userCount());
    }

    @Test
    void gridIsTheCartesianProductWithTheFixedParameters() {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("neighbours", List.of("5", "10"));
        grid.put("shrinkage", List.of("0", "50"));
        Tuner tuner = Tuner.builder().grid("item-knn", Map.of("similarity", "pearson"), grid).build();
        assertThat(tuner.candidates().keySet()).containsExactly("neighbours=5, shrinkage=0", "neighbours=5, shrinkage=50",
                "neighbours=10, shrinkage=0", "neighbours=10, shrinkage=50");
        assertThat(tuner.candidates().get("neighbours=10, shrinkage=50").hyperParameters())
                .containsEntry("neighbours", "10").containsEntry("shrinkage", "50.0").containsEntry("similarity", "pearson");
    }

    @Test
    void byNameReadsGridsFixedParametersAndTunerSettings() {
        RecommenderTrainer t = Recommenders.byName("tuned", Map.of("algorithm", "item-knn", "grid.neighbours", "5|10",
                "shrinkage", "0", "relevantAtLeast", "all", "validationSeed", "9", "metric", "recall@10"));
        Tuner tuner = (Tuner) t;
        assertThat(tuner.candidates().keySet()).containsExactly("neighbours=5", "neighbours=10");
        assertThat(tuner.candidates().get("neighbours=5").hyperParameters()).containsEntry("shrinkage", "0.0");
        assertThat(tuner.hyperParameters()).containsEntry("relevantAtLeast", "all").containsEntry("validationSeed", "9")
                .containsEntry("metric", "recall@10");
        assertThatThrownBy(() -> Recommenders.byName("tuned", Map.of("grid.neighbours", "5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'algorithm'");
        assertThatThrownBy(() -> Recommenders.byName("tuned", Map.of("algorithm", "item-knn", "grid.neighbourz", "5")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("neighbourz");
    }

    @Test
    void badSettingsAreReportedByName() {
        RecommenderTrainer pop = Popularity.builder().build();
        assertThatThrownBy(() -> Tuner.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'candidates'");
        assertThatThrownBy(() -> Tuner.builder().candidate("x", pop).candidate("x", pop))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> Tuner.builder().parallelism(0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'parallelism' = 0");
        assertThatThrownBy(() -> Tuner.builder().validationFraction(1.0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'validationFraction' = 1.0").hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Tuner.builder().candidate(pop).metric("ndcg@5").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ndcg@10");
        assertThatThrownBy(() -> Tuner.builder().candidate(pop).metric("rmse").allValidationItemsRelevant().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'metric' = rmse");
        // rmse among models that cannot predict ratings: nothing to choose from
        Tuner rankingOnly = Tuner.builder().candidate(pop).metric("rmse").build();
        assertThatThrownBy(() -> rankingOnly.fit(additiveRatings())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no candidate");
    }

    @Test
    void savedModelKeepsTheChoiceAndTheValidationScoresInItsProvenance() throws Exception {
        Interactions data = clusters();
        Recommender model = Tuner.builder().candidate("popularity", Popularity.builder().build())
                .candidate("item-knn", Knn.itemBased().neighbours(10).shrinkage(0).build())
                .allValidationItemsRelevant().build().fit(data);
        Path file = dir.resolve("tuned.mercato");
        model.save(file);
        Recommender again = Recommender.load(file);
        assertThat(again.algorithm()).isEqualTo(Tuner.NAME);
        assertThat(again.info().metrics()).isEqualTo(model.info().metrics()).isNotEmpty();
        assertThat(again.info().hyperParameters()).isEqualTo(model.info().hyperParameters());
        for (int u = 0; u < data.userCount(); u++) {
            assertThat(again.scores(u)).containsExactly(model.scores(u));
        }
        try (ModelFileReader r = ModelFileReader.open(file)) {
            assertThat(r.manifest().provenance().metrics()).isEqualTo(model.info().metrics());
            assertThat(r.manifest().provenance().hyperParameters()).containsEntry("chosen", "item-knn");
        }
        // incremental update keeps the tuning record and reaches the chosen model
        Recommender updated = again.foldIn("new-user", Map.of("a1", 1.0, "a2", 1.0));
        assertThat(updated.info()).isEqualTo(again.info());
        assertThat(updated.recommend("new-user", 3)).allSatisfy(r -> assertThat(r.item()).startsWith("a"));
    }
}
