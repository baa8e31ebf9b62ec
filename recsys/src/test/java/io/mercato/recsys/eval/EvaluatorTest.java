package io.mercato.recsys.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.baseline.BaselinePredictor;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.data.Interactions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand-made split and a model with fixed scores. Train (catalog i1..i5 in this index order):
 * u1: i1 5, i2 3; u2: i1 4, i3 2; u4: i4 1, i5 3 (mean 18/6 = 3, range [1, 5]).
 * Test: u1: i3 5, i4 2, i9 4.5 (i9 not in train); u2: i2 4, i5 1; u3 (not in train): i1 5; u4: i1 3.
 */
class EvaluatorTest {

    static Interactions train() {
        return Interactions.builder().add("u1", "i1", 5).add("u1", "i2", 3).add("u2", "i1", 4).add("u2", "i3", 2)
                .add("u4", "i4", 1).add("u4", "i5", 3).build();
    }

    static Interactions test() {
        return Interactions.builder().add("u1", "i3", 5).add("u1", "i4", 2).add("u1", "i9", 4.5)
                .add("u2", "i2", 4).add("u2", "i5", 1).add("u3", "i1", 5).add("u4", "i1", 3).build();
    }

    /** Scores per user index; predicts 2.5 everywhere except NaN for (u2, i5). */
    static class Fixed implements Recommender {
        final Interactions data;
        final double[][] scores = {{9, 8, 3, 1, 2}, {0, 1, 0, 5, 2}, {1, 1, 1, 1, 1}};

        Fixed(Interactions data) {
            this.data = data;
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("fixed", Map.of(), 0);
        }

        @Override
        public Interactions trainingData() {
            return data;
        }

        @Override
        public double[] scores(int user) {
            return scores[user].clone();
        }

        @Override
        public boolean predictsRatings() {
            return true;
        }

        @Override
        public double predict(int user, int item) {
            return user == 1 && item == 4 ? Double.NaN : 2.5;
        }

        @Override
        public Explanation explain(int user, int item) {
            return new Explanation("", "", 0, "", List.of());
        }

        @Override
        public void writeTo(ModelWriter out) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void metricsOfAHandMadeSplit() {
        Map<String, Double> m = Evaluator.builder().k(2).add(BaselinePredictor.builder().build()).build()
                .measure(new Fixed(train()), test());
        // rating errors: 2.5, -0.5, 1.5 (i9 unknown: mean 3), 1.5, -2 (NaN: mean 3), 2 (u3 unknown: mean 3), 0.5
        assertThat(m.get("rmse")).isCloseTo(Math.sqrt(19.25 / 7), within(1e-12));
        assertThat(m.get("mae")).isCloseTo(10.5 / 7, within(1e-12));
        assertThat(m.get("rating_coverage")).isCloseTo(4.0 / 7, within(1e-12));
        // top-2: u1 (own i1, i2 excluded) [i3, i5], relevant {i3, i9}: P 1/2, R 1/2, NDCG 1 / (1 + 1/log2 3),
        // AP 1/2, RR 1, hit 1. u2 [i4, i5], relevant {i2}: all 0. u3 unknown: counts with 0. u4: nothing >= 4.
        double ndcgU1 = 1 / (1 + 1 / (Math.log(3) / Math.log(2)));
        assertThat(m.get("eval_users")).isEqualTo(3.0);
        assertThat(m.get("precision@2")).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(m.get("recall@2")).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(m.get("ndcg@2")).isCloseTo(ndcgU1 / 3, within(1e-12));
        assertThat(m.get("map@2")).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(m.get("mrr")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("hit_rate@2")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("catalog_coverage")).isCloseTo(3.0 / 5, within(1e-12)); // {i3, i4, i5}
    }

    @Test
    void extraCutoffsComeFromTheSameLists() {
        Map<String, Double> m = Evaluator.builder().k(2).cutoffs(3, 1).add(Popularity.builder().build()).build()
                .measure(new Fixed(train()), test());
        // top-3: u1 [i3, i5, i4], relevant {i3, i9}; u2 [i4, i5, i2], relevant {i2}; u3 unknown (0); 3 users.
        // @1: u1 P 1, R 1/2, NDCG 1, hit 1; u2 all 0.
        assertThat(m.get("precision@1")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("recall@1")).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(m.get("ndcg@1")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("hit_rate@1")).isCloseTo(1.0 / 3, within(1e-12));
        // @3: u1 P 1/3, R 1/2, NDCG 1 / (1 + 1/log2 3) = 0.6131471927654584; u2 hit at rank 3: P 1/3, R 1,
        // NDCG 1/log2 4 = 0.5. Means over 3 users (python3): ndcg (0.6131471927654584 + 0.5) / 3
        assertThat(m.get("precision@3")).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(m.get("recall@3")).isCloseTo(0.5, within(1e-12));
        assertThat(m.get("ndcg@3")).isCloseTo(0.3710490642551528, within(1e-12));
        assertThat(m.get("hit_rate@3")).isCloseTo(2.0 / 3, within(1e-12));
        // the primary k keeps its values, MRR included (u2's rank-3 hit is beyond k = 2)
        assertThat(m.get("precision@2")).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(m.get("mrr")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("catalog_coverage")).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(m.get("eval_users")).isEqualTo(3.0);
        assertThatThrownBy(() -> Evaluator.builder().cutoffs(5, 0))
                .isInstanceOf(io.mercato.core.ConfigurationException.class).hasMessageContaining("cutoffs");
    }

    @Test
    void allTestItemsRelevantForImplicitData() {
        Map<String, Double> m = Evaluator.builder().k(2).allTestItemsRelevant().add(Popularity.builder().build()).build()
                .measure(new Fixed(train()), test());
        // now u4 counts too (relevant {i1}, own i4, i5; list [i1, i2]: hit at rank 1); u2's {i2, i5}: list [i4, i5] hits i5
        assertThat(m.get("eval_users")).isEqualTo(4.0);
        assertThat(m.get("hit_rate@2")).isCloseTo(3.0 / 4, within(1e-12));
    }

    @Test
    void aListWithATrainingItemFailsTheEvaluation() {
        Recommender leaky = new Fixed(train()) {
            @Override
            public int[][] topN(int[] users, int n) {
                int[][] lists = new int[users.length][];
                for (int k = 0; k < users.length; k++) {
                    lists[k] = new int[] {trainingData().byUser().index(trainingData().byUser().start(users[k]))};
                }
                return lists;
            }
        };
        assertThatThrownBy(() -> Evaluator.builder().add(Popularity.builder().build()).build().measure(leaky, test()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training item");
    }

    @Test
    void comparesTrainersOnOneSplitAndByCrossValidation() {
        Interactions all = SplitterTest.data();
        Evaluator evaluator = Evaluator.builder().relevantAtLeast(4)
                .add("pop", Popularity.builder().build())
                .add("baseline", BaselinePredictor.builder().build()).build();
        EvaluationReport one = evaluator.evaluate(Splitter.random(0.2, 1).split(all));
        assertThat(one.rows()).extracting(EvaluationReport.Row::name).containsExactly("pop", "baseline");
        assertThat(one.row("pop").get("rmse")).isNaN();
        assertThat(one.row("baseline").get("rmse")).isBetween(0.0, 4.0);
        EvaluationReport cv = evaluator.crossValidate(all, 3, 1);
        assertThat(cv.folds()).isEqualTo(3);
        // the cross-validated rmse is the mean of the three folds' rmse
        List<Split> folds = Splitter.kFold(all, 3, 1);
        double mean = 0;
        for (Split f : folds) {
            mean += evaluator.evaluate(f).row("baseline").get("rmse") / 3;
        }
        assertThat(cv.row("baseline").get("rmse")).isCloseTo(mean, within(1e-12));
        assertThat(cv.toString()).contains("3-fold").contains("baseline").contains("ndcg@10");
    }

    @Test
    void trainerInterfaceDescribesItself() {
        RecommenderTrainer t = Popularity.builder().halfLife(5).build();
        assertThat(t.describe()).isEqualTo("popularity(halfLife=5.0)");
    }
}
