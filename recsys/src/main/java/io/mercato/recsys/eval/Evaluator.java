package io.mercato.recsys.eval;

import io.mercato.core.Check;
import io.mercato.core.metrics.RankingMetrics;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.IdIndex;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares recommenders on the same split (or the same k folds) and reports one table.
 *
 * <p>Protocol (the one the peer tools in {@code shared/peers} are scored with): every test row is
 * rating-predicted by rating models, clipped to the training range, the training mean standing in
 * where the model cannot predict (unknown user or item, NaN); {@code rating_coverage} is the share it
 * predicted itself. For top-n, each test user gets the {@code k} best items of the training catalog
 * that are not among the user's training interactions; relevant = the user's test items with value
 * {@code >= relevantAtLeast} (with {@link Builder#allTestItemsRelevant()}, for implicit data: all
 * test items, and no rating metrics); precision = hits / k, recall, NDCG (binary gains), MAP, MRR and
 * hit rate are averaged over the users with at least one relevant item; a user the model cannot
 * serve counts with zero hits. A list containing one of the user's training items is a bug and fails
 * the evaluation.
 */
public final class Evaluator {

    private final Map<String, RecommenderTrainer> trainers;
    private final int k;
    private final double relevantAtLeast;

    private Evaluator(Builder b) {
        this.trainers = new LinkedHashMap<>(b.trainers);
        this.k = b.k;
        this.relevantAtLeast = b.relevantAtLeast;
    }

    /** A builder (k = 10, relevant = rating >= 4). */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains every recommender on {@code split.train()} and measures it on {@code split.test()}. */
    public EvaluationReport evaluate(Split split) {
        List<EvaluationReport.Row> rows = new ArrayList<>();
        trainers.forEach((name, trainer) -> {
            long start = System.nanoTime();
            Recommender model = trainer.fit(split.train());
            double fit = (System.nanoTime() - start) / 1e9;
            Map<String, Double> m = measure(model, split.test());
            m.put("fit_s", fit);
            rows.add(new EvaluationReport.Row(name, m));
        });
        return new EvaluationReport(k, 1, rows);
    }

    /** {@code folds}-fold cross-validation: every metric is the mean over the folds. */
    public EvaluationReport crossValidate(Interactions data, int folds, long seed) {
        List<Split> splits = Splitter.kFold(data, folds, seed);
        Map<String, Map<String, Double>> sums = new LinkedHashMap<>();
        for (Split split : splits) {
            for (EvaluationReport.Row row : evaluate(split).rows()) {
                Map<String, Double> sum = sums.computeIfAbsent(row.name(), n -> new LinkedHashMap<>());
                row.metrics().forEach((metric, v) -> sum.merge(metric, v / folds, Double::sum));
            }
        }
        List<EvaluationReport.Row> rows = new ArrayList<>();
        sums.forEach((name, m) -> rows.add(new EvaluationReport.Row(name, m)));
        return new EvaluationReport(k, folds, rows);
    }

    /** All metrics of one trained model on {@code test} (ids are matched to the model's training data). */
    public Map<String, Double> measure(Recommender model, Interactions test) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (model.predictsRatings() && !Double.isNaN(relevantAtLeast)) {
            ratingMetrics(model, test, m);
        }
        rankingMetrics(model, test, m);
        return m;
    }

    private static void ratingMetrics(Recommender model, Interactions test, Map<String, Double> m) {
        Interactions train = model.trainingData();
        int[] userMap = map(test.users(), train.users());
        int[] itemMap = map(test.items(), train.items());
        double[] se = new double[1];
        double[] ae = new double[1];
        int[] covered = new int[1];
        test.forEach((u, i, value, t) -> {
            int tu = userMap[u];
            int ti = itemMap[i];
            double p = tu >= 0 && ti >= 0 ? model.predict(tu, ti) : Double.NaN;
            if (Double.isNaN(p)) {
                p = train.globalMean();
            } else {
                covered[0]++;
            }
            p = Math.max(train.minValue(), Math.min(train.maxValue(), p));
            se[0] += (p - value) * (p - value);
            ae[0] += Math.abs(p - value);
        });
        int n = test.size();
        m.put("rmse", Math.sqrt(se[0] / n));
        m.put("mae", ae[0] / n);
        m.put("rating_coverage", covered[0] / (double) n);
    }

    private void rankingMetrics(Recommender model, Interactions test, Map<String, Double> m) {
        Interactions train = model.trainingData();
        int[] userMap = map(test.users(), train.users());
        int[] itemMap = map(test.items(), train.items());
        SparseMatrix byUser = test.byUser();
        List<Set<Integer>> relevant = new ArrayList<>();
        List<Integer> served = new ArrayList<>();
        int unserved = 0;
        for (int u = 0; u < test.userCount(); u++) {
            Set<Integer> rel = new HashSet<>();
            for (int q = byUser.start(u); q < byUser.end(u); q++) {
                if (Double.isNaN(relevantAtLeast) || byUser.value(q) >= relevantAtLeast) {
                    int i = itemMap[byUser.index(q)];
                    rel.add(i >= 0 ? i : -1 - byUser.index(q)); // a test-only item can never be hit
                }
            }
            if (rel.isEmpty()) {
                continue;
            }
            if (userMap[u] < 0) {
                unserved++;
                continue;
            }
            served.add(userMap[u]);
            relevant.add(rel);
        }
        int[] users = served.stream().mapToInt(Integer::intValue).toArray();
        long start = System.nanoTime();
        int[][] lists = model.topN(users, k);
        m.put("recommend_s", (System.nanoTime() - start) / 1e9);
        double p = 0;
        double r = 0;
        double ndcg = 0;
        double map = 0;
        double mrr = 0;
        double hit = 0;
        SparseMatrix trainByUser = train.byUser();
        for (int x = 0; x < users.length; x++) {
            for (int item : lists[x]) {
                if (trainByUser.find(users[x], item) >= 0) {
                    throw new IllegalStateException(model.algorithm() + " recommended training item "
                            + train.items().id(item) + " to user " + train.users().id(users[x]));
                }
            }
            Set<Integer> rel = relevant.get(x);
            p += RankingMetrics.precisionAtK(lists[x], rel, k);
            r += RankingMetrics.recallAtK(lists[x], rel, k);
            ndcg += RankingMetrics.ndcgAtK(lists[x], rel, k);
            map += RankingMetrics.averagePrecisionAtK(lists[x], rel, k);
            mrr += RankingMetrics.reciprocalRank(lists[x], rel);
            hit += RankingMetrics.hitRateAtK(lists[x], rel, k);
        }
        double n = users.length + unserved;
        m.put("precision@" + k, n == 0 ? 0 : p / n);
        m.put("recall@" + k, n == 0 ? 0 : r / n);
        m.put("ndcg@" + k, n == 0 ? 0 : ndcg / n);
        m.put("map@" + k, n == 0 ? 0 : map / n);
        m.put("mrr", n == 0 ? 0 : mrr / n);
        m.put("hit_rate@" + k, n == 0 ? 0 : hit / n);
        m.put("catalog_coverage", RankingMetrics.catalogCoverage(List.of(lists), train.itemCount()));
        m.put("eval_users", n);
    }

    private static int[] map(IdIndex from, IdIndex to) {
        int[] out = new int[from.size()];
        for (int x = 0; x < out.length; x++) {
            out[x] = to.index(from.id(x));
        }
        return out;
    }

    /** Fluent configuration of an {@link Evaluator}. */
    public static final class Builder {
        private final Map<String, RecommenderTrainer> trainers = new LinkedHashMap<>();
        private int k = 10;
        private double relevantAtLeast = 4.0;

        private Builder() {
        }

        /** Adds a recommender, named by {@link RecommenderTrainer#describe()}. */
        public Builder add(RecommenderTrainer trainer) {
            return add(trainer.describe(), trainer);
        }

        /** Adds a recommender under a row name of your choice. */
        public Builder add(String name, RecommenderTrainer trainer) {
            trainers.put(Objects.requireNonNull(name), Objects.requireNonNull(trainer));
            return this;
        }

        /** Length of the top-n lists (>= 1, default 10). */
        public Builder k(int k) {
            this.k = Check.positive("k", k);
            return this;
        }

        /** A test item is relevant when its value is at least this (default 4, as for 5-star ratings). */
        public Builder relevantAtLeast(double threshold) {
            if (Double.isNaN(threshold)) {
                throw io.mercato.core.ConfigurationException.invalid("relevantAtLeast", threshold, "must be a number");
            }
            this.relevantAtLeast = threshold;
            return this;
        }

        /** Every test item is relevant (implicit feedback); rating metrics are then not computed. */
        public Builder allTestItemsRelevant() {
            this.relevantAtLeast = Double.NaN;
            return this;
        }

        /** The evaluator. */
        public Evaluator build() {
            if (trainers.isEmpty()) {
                throw io.mercato.core.ConfigurationException.invalid("trainers", "none", "add at least one recommender");
            }
            return new Evaluator(this);
        }
    }
}
