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
 * hit rate are averaged over the users with at least one relevant item; a test user absent from the
 * training data counts with zero hits (the denominator does not depend on the model). A list
 * containing one of the user's training items is a bug and fails the evaluation. With
 * {@link Builder#cutoffs(int...)}, precision, recall, NDCG, MAP and hit rate are also reported at
 * other cut-offs, from the same lists (computed once, at the largest cut-off).
 */
public final class Evaluator {

    private final Map<String, RecommenderTrainer> trainers;
    private final int k;
    private final int[] cutoffs; // k and the extra cut-offs, ascending, distinct
    private final double relevantAtLeast;

    private Evaluator(Builder b) {
        this.trainers = new LinkedHashMap<>(b.trainers);
        this.k = b.k;
        this.cutoffs = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(b.k),
                java.util.Arrays.stream(b.extraCutoffs)).distinct().sorted().toArray();
        this.relevantAtLeast = b.relevantAtLeast;
    }

    /** A builder (k = 10, relevant = rating >= 4). */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains every recommender on {@code split.train()} and measures it on {@code split.test()}. */
    public EvaluationReport evaluate(Split split) {
        requireTrainers();
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
        requireTrainers();
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

    private void requireTrainers() {
        if (trainers.isEmpty()) {
            throw io.mercato.core.ConfigurationException.invalid("trainers", "none", "add at least one recommender");
        }
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
        int longest = cutoffs[cutoffs.length - 1];
        int[][] lists = model.topN(users, longest);
        m.put("recommend_s", (System.nanoTime() - start) / 1e9);
        SparseMatrix trainByUser = train.byUser();
        for (int x = 0; x < users.length; x++) {
            for (int item : lists[x]) {
                if (trainByUser.find(users[x], item) >= 0) {
                    throw new IllegalStateException(model.algorithm() + " recommended training item "
                            + train.items().id(item) + " to user " + train.users().id(users[x]));
                }
            }
        }
        for (int cutoff : cutoffs) {
            int[][] prefix = new int[lists.length][];
            for (int x = 0; x < lists.length; x++) {
                prefix[x] = java.util.Arrays.copyOf(lists[x], Math.min(cutoff, lists[x].length));
            }
            cutoffMetrics(cutoff, prefix, relevant, unserved, train.itemCount(), m);
        }
        m.put("eval_users", (double) users.length + unserved);
    }

    /** The ranking metrics at one cut-off; MRR and coverage only at the primary k (as before cut-offs existed). */
    private void cutoffMetrics(int cutoff, int[][] lists, List<Set<Integer>> relevant, int unserved, int items,
                               Map<String, Double> m) {
        double p = 0;
        double r = 0;
        double ndcg = 0;
        double map = 0;
        double mrr = 0;
        double hit = 0;
        for (int x = 0; x < lists.length; x++) {
            Set<Integer> rel = relevant.get(x);
            p += RankingMetrics.precisionAtK(lists[x], rel, cutoff);
            r += RankingMetrics.recallAtK(lists[x], rel, cutoff);
            ndcg += RankingMetrics.ndcgAtK(lists[x], rel, cutoff);
            map += RankingMetrics.averagePrecisionAtK(lists[x], rel, cutoff);
            mrr += RankingMetrics.reciprocalRank(lists[x], rel);
            hit += RankingMetrics.hitRateAtK(lists[x], rel, cutoff);
        }
        double n = lists.length + unserved;
        m.put("precision@" + cutoff, n == 0 ? 0 : p / n);
        m.put("recall@" + cutoff, n == 0 ? 0 : r / n);
        m.put("ndcg@" + cutoff, n == 0 ? 0 : ndcg / n);
        m.put("map@" + cutoff, n == 0 ? 0 : map / n);
        if (cutoff == k) {
            m.put("mrr", n == 0 ? 0 : mrr / n);
        }
        m.put("hit_rate@" + cutoff, n == 0 ? 0 : hit / n);
        if (cutoff == k) {
            m.put("catalog_coverage", RankingMetrics.catalogCoverage(List.of(lists), items));
        }
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
        private int[] extraCutoffs = {};
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

        /**
         * Also report precision, recall, NDCG, MAP and hit rate at these cut-offs (each >= 1), e.g.
         * {@code k(10).cutoffs(1, 3, 5)}; MRR and catalog coverage stay at {@code k}.
         */
        public Builder cutoffs(int... cutoffs) {
            for (int c : cutoffs) {
                Check.positive("cutoffs", c);
            }
            this.extraCutoffs = cutoffs.clone();
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

        /** The evaluator ({@link #evaluate} and {@link #crossValidate} need a recommender; {@link #measure} does not). */
        public Evaluator build() {
            return new Evaluator(this);
        }
    }
}
