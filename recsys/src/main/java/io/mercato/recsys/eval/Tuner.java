package io.mercato.recsys.eval;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.hybrid.Normalization;
import io.mercato.recsys.hybrid.WeightedHybrid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyper-parameter selection on the training data only: a trainer that, given training interactions,
 * carves a seeded per-user validation split out of them ({@link Splitter#perUser}), trains every
 * candidate on the rest, scores it on the validation side with the {@link Evaluator}'s protocol
 * (top-{@code k} over the catalog minus the user's own items; relevant = validation items rated at
 * least a threshold, or all of them for implicit data), picks the best by one metric (ties: the
 * earlier candidate) and refits the winner on all the training interactions it was given. Nothing
 * else is ever read, so a test split kept aside stays unseen.
 *
 * <p>The trained model ({@code "tuned"}) serves exactly as the chosen model does; its
 * {@link ModelInfo} records the candidates, the name of the chosen one and, as metrics, every
 * candidate's validation score (saved in the model file's provenance).
 *
 * <p>With a {@linkplain Builder#budget time budget} or {@linkplain Builder#maxTrials trial limit},
 * candidates are validated in the order given until the budget is spent or the limit reached (the
 * first one always is, so a model is always fitted); the info then also records each tried
 * candidate's validation seconds ({@code validation.seconds[NAME]}), the seconds of the whole search
 * ({@code search.seconds}) and of the winner's refit ({@code refit.seconds}), how many were tried and, when
 * the search was cut short, {@code stoppedBy} ("budget" or "maxTrials"). The budget covers the
 * validation only, not the final refit.
 *
 * <pre>{@code
 * Tuner tuner = Tuner.builder()
 *         .grid("implicit-als", Map.of("rank", "64"), Map.of("regularization", List.of("10", "30", "100")))
 *         .allValidationItemsRelevant().build();          // metric: ndcg@10
 * Recommender model = tuner.fit(train);                  // the best candidate, refit on all of train
 * model.info().hyperParameters().get("chosen");           // "regularization=30"
 * }</pre>
 */
public final class Tuner implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "tuned";

    private static final Logger LOG = LoggerFactory.getLogger(Tuner.class);

    private final Map<String, RecommenderTrainer> candidates;
    private final String metric;
    private final int k;
    private final double validationFraction;
    private final long validationSeed;
    private final double relevantAtLeast;
    private final String name;
    private final double budgetSeconds;
    private final int maxTrials;
    private final boolean blendBestTwo;
    private final int parallelism;

    private Tuner(Builder b) {
        this.candidates = new LinkedHashMap<>(b.candidates);
        this.name = b.name;
        this.budgetSeconds = b.budgetSeconds;
        this.maxTrials = b.maxTrials;
        this.k = b.k;
        this.metric = b.metric == null ? "ndcg@" + b.k : b.metric;
        this.validationFraction = b.validationFraction;
        this.validationSeed = b.validationSeed;
        this.relevantAtLeast = b.relevantAtLeast;
        this.blendBestTwo = b.blendBestTwo;
        this.parallelism = b.parallelism;
    }

    /** A builder: metric ndcg@10, 20% of each user's interactions for validation, seed 42, relevant = value >= 4. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String algorithm() {
        return name;
    }

    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("validationFraction", Double.toString(validationFraction));
        m.put("validationSeed", Long.toString(validationSeed));
        m.put("relevantAtLeast", Double.isNaN(relevantAtLeast) ? "all" : Double.toString(relevantAtLeast));
        if (limited()) {
            m.put("budgetSeconds", budgetSeconds < Double.POSITIVE_INFINITY ? Double.toString(budgetSeconds) : "unlimited");
            m.put("maxTrials", maxTrials < Integer.MAX_VALUE ? Integer.toString(maxTrials) : "all");
        }
        if (blendBestTwo) {
            m.put("blendBestTwo", "true");
        }
        candidates.forEach((name, trainer) -> m.put("candidate." + name, trainer.describe()));
        return m;
    }

    /** The metric that picks the winner, e.g. "ndcg@10" or "rmse". */
    public String metric() {
        return metric;
    }

    /** The candidates by name, in the order given. */
    public Map<String, RecommenderTrainer> candidates() {
        return java.util.Collections.unmodifiableMap(candidates);
    }

    /** The validation split carved out of {@code training}: per user, {@code validationFraction} of the interactions. */
    public Split validationSplit(Interactions training) {
        return Splitter.perUser(validationFraction, validationSeed).split(training);
    }

    /**
     * Trains the candidates on the training side of {@link #validationSplit}, in order, and scores each on
     * the validation side; with a budget or trial limit, stops before a candidate once the budget is spent
     * or the limit reached (never before the first), so the report may have fewer rows than candidates.
     * With {@link Builder#blendBestTwo()}, the {@linkplain #blendOfBestTwo blend} of the two best is scored
     * last, as one more candidate (under the same budget and limit), from its two components' validation
     * models, so its seconds are the scoring only.
     */
    public EvaluationReport validate(Interactions training) {
        long start = System.nanoTime();
        Split split = validationSplit(training);
        List<EvaluationReport.Row> rows = new ArrayList<>();
        Map<String, Validated> bestOfAlgorithm = new LinkedHashMap<>();
        for (Validated validated : validateCandidates(split, start)) {
            if (blendBestTwo) {
                bestOfAlgorithm.merge(candidates.get(validated.row().name()).algorithm(), validated, this::better);
            }
            rows.add(validated.row());
        }
        if (blendBestTwo && stopReason(rows.size(), start) == null) {
            List<String> two = bestTwo(new EvaluationReport(k, 1, rows));
            if (two != null) {
                Recommender blend = WeightedHybrid.combine(two.stream()
                        .map(name -> bestOfAlgorithm.get(candidates.get(name).algorithm()).model()).toList(),
                        new double[] {1, 1}, Normalization.MIN_MAX);
                rows.add(measure(blendName(two), blend, 0, split));
            }
        }
        return new EvaluationReport(k, 1, rows);
    }

    /**
     * Fits and scores the candidates in order, up to {@link Builder#parallelism} at a time; once the budget or
     * trial limit is reached, no further candidate begins (the first always does). Each fit is seeded and
     * independent, so the rows are those of a one-at-a-time search but for their seconds, in candidate order.
     */
    private List<Validated> validateCandidates(Split split, long start) {
        ExecutorService threads = Executors.newFixedThreadPool(parallelism, task -> {
            Thread t = new Thread(task, name + "-validation");
            t.setDaemon(true);
            return t;
        });
        Semaphore free = new Semaphore(parallelism);
        List<Future<Validated>> begun = new ArrayList<>();
        try {
            for (Map.Entry<String, RecommenderTrainer> c : candidates.entrySet()) {
                free.acquire();   // a thread is free: the candidate begins now, unless the stop rule says otherwise
                if (!begun.isEmpty() && stopReason(begun.size(), start) != null) {
                    break;
                }
                begun.add(threads.submit(() -> {
                    try {
                        long fitStart = System.nanoTime();
                        Recommender model = c.getValue().fit(split.train());
                        return new Validated(measure(c.getKey(), model, (System.nanoTime() - fitStart) / 1e9, split),
                                model);
                    } finally {
                        free.release();
                    }
                }));
            }
            List<Validated> out = new ArrayList<>();
            for (Future<Validated> f : begun) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating the candidates", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;   // a candidate's own error (bad data for it, say), as a one-at-a-time search gives it
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a candidate's validation failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** The validation row of a model fitted on {@code split.train()} in {@code fitSeconds}. */
    private EvaluationReport.Row measure(String candidate, Recommender model, double fitSeconds, Split split) {
        Evaluator.Builder evaluator = Evaluator.builder().k(k);
        if (Double.isNaN(relevantAtLeast)) {
            evaluator.allTestItemsRelevant();
        } else {
            evaluator.relevantAtLeast(relevantAtLeast);
        }
        Map<String, Double> m = evaluator.build().measure(model, split.test());
        m.put("fit_s", fitSeconds);
        return new EvaluationReport.Row(candidate, m);
    }
    /**
     * The equal-weight {@link WeightedHybrid} (min-max normalized scores, mean rating prediction) of the two
     * candidates of different algorithms that score best in {@code report}, named {@code "blend(A + B)"};
     * null when fewer than two algorithms were scored. Two models that err differently often do better
     * together than either alone (in RMSE ALS + item-kNN especially); validation says whether they do here.
     */
    public Map.Entry<String, RecommenderTrainer> blendOfBestTwo(EvaluationReport report) {
        List<String> two = bestTwo(report);
        if (two == null) {
            return null;
        }
        RecommenderTrainer blend = WeightedHybrid.builder().add(candidates.get(two.get(0)), 1)
                .add(candidates.get(two.get(1)), 1).build();
        return Map.entry(blendName(two), blend);
    }

    /** The best scored candidate and the best of another algorithm, or null when only one algorithm was scored. */
    private List<String> bestTwo(EvaluationReport report) {
        List<EvaluationReport.Row> scored = bestFirst(report.rows().stream()
                .filter(r -> candidates.containsKey(r.name())).toList());
        if (scored.isEmpty()) {
            return null;
        }
        String first = scored.get(0).name();
        String firstAlgorithm = candidates.get(first).algorithm();
        for (EvaluationReport.Row row : scored) {
            if (!candidates.get(row.name()).algorithm().equals(firstAlgorithm)) {
                return List.of(first, row.name());
            }
        }
        return null;
    }

    private static String blendName(List<String> two) {
        return "blend(" + two.get(0) + " + " + two.get(1) + ")";
    }

    /** A validation row with the model it scored, kept per algorithm for the blend of the best two. */
    private record Validated(EvaluationReport.Row row, Recommender model) {
    }

    /**
     * The better of two validated candidates by {@link #bestFirst} (the earlier on ties, an unscored one never):
     * the best of each algorithm is what {@link #bestTwo} picks, so the blend needs no fit of its own.
     */
    private Validated better(Validated earlier, Validated later) {
        List<EvaluationReport.Row> ranked = bestFirst(List.of(earlier.row(), later.row()));
        return !ranked.isEmpty() && ranked.get(0) == later.row() ? later : earlier;
    }

    /** Why the search stops after {@code tried} candidates begun at {@code startNanos}, null to go on. */
    private String stopReason(int tried, long startNanos) {
        if (tried >= maxTrials) {
            return "maxTrials";
        }
        return (System.nanoTime() - startNanos) / 1e9 >= budgetSeconds ? "budget" : null;
    }

    private boolean limited() {
        return budgetSeconds < Double.POSITIVE_INFINITY || maxTrials < Integer.MAX_VALUE;
    }

    /** The winner of a {@link #validate} report: the best value of {@link #metric()}, the earlier candidate on ties. */
    public String choose(EvaluationReport report) {
        List<EvaluationReport.Row> ranked = bestFirst(report.rows());
        if (ranked.isEmpty()) {
            throw ConfigurationException.invalid("metric", metric,
                    "no candidate was scored by it on the validation split (rmse and mae need models that predict"
                            + " ratings and a relevance threshold, not all-items-relevant)");
        }
        return ranked.get(0).name();
    }

    /** The rows that {@link #metric()} scored, best first; rows that score the same keep their order. */
    private List<EvaluationReport.Row> bestFirst(List<EvaluationReport.Row> rows) {
        Comparator<EvaluationReport.Row> byMetric = Comparator.comparingDouble(r -> r.get(metric));
        return rows.stream().filter(r -> !Double.isNaN(r.get(metric)))
                .sorted(lowerIsBetter(metric) ? byMetric : byMetric.reversed()).toList();
    }

    /** Validates every candidate on a split of {@code data}, then refits the best one on all of {@code data}. */
    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        EvaluationReport report = validate(data);
        String best = choose(report);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (EvaluationReport.Row row : report.rows()) {
            double v = row.get(metric);
            double seconds = row.get("fit_s") + row.get("recommend_s");
            LOG.info("{}: validation {} = {} for {} ({} s)", name, metric, String.format(Locale.ROOT, "%.4f", v),
                    row.name(), String.format(Locale.ROOT, "%.2f", seconds));
            if (!Double.isNaN(v)) {
                scores.put("validation." + metric + "[" + row.name() + "]", v);
            }
            if (limited()) {
                scores.put("validation.seconds[" + row.name() + "]", seconds);
            }
        }
        Map<String, String> params = hyperParameters();
        if (limited()) {
            int tried = (int) report.rows().stream().filter(r -> candidates.containsKey(r.name())).count();
            params.put("tried", Integer.toString(tried));
            if (tried < candidates.size()) {
                String reason = tried >= maxTrials ? "maxTrials" : "budget";
                params.put("stoppedBy", reason);
                LOG.info("{}: {} stopped the search after {} of {} candidates", name, reason, tried, candidates.size());
            }
        }
        LOG.info("{}: chose {}, refitting on all {} interactions", name, best, data.size());
        RecommenderTrainer winner = candidates.containsKey(best) ? candidates.get(best) : blendOfBestTwo(report).getValue();
        long refitStart = System.nanoTime();
        Recommender chosen = winner.fit(data);
        if (limited()) {
            scores.put("search.seconds", (refitStart - start) / 1e9);
            scores.put("refit.seconds", (System.nanoTime() - refitStart) / 1e9);
        }
        params.put("chosen", best);
        return new Model(new ModelInfo(name, params, (System.nanoTime() - start) / 1e9, scores), chosen);
    }

    /**
     * The validation table of a model trained by a tuner ("tuned" or "auto"), one line per tried
     * candidate, best first: name, validation score, seconds (when recorded), the chosen one marked
     * with '*', then why the search stopped early, if it did; empty for other models.
     */
    public static String summary(ModelInfo info) {
        Map<String, String> hp = info.hyperParameters();
        String metric = hp.get("metric");
        String chosen = hp.get("chosen");
        if (metric == null || chosen == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-45s %10s %9s%n", "candidate", metric, "seconds"));
        String prefix = "validation." + metric + "[";
        List<Map.Entry<String, Double>> rows = new ArrayList<>();
        info.metrics().entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).forEach(rows::add);
        rows.sort(Map.Entry.comparingByValue(lowerIsBetter(metric) ? Comparator.naturalOrder()
                : Comparator.<Double>reverseOrder()));
        for (Map.Entry<String, Double> row : rows) {
            String name = row.getKey().substring(prefix.length(), row.getKey().length() - 1);
            Double seconds = info.metrics().get("validation.seconds[" + name + "]");
            sb.append(String.format(Locale.ROOT, "%s %-45s %10.4f %9s%n", name.equals(chosen) ? "*" : " ", name,
                    row.getValue(), seconds == null ? "-" : String.format(Locale.ROOT, "%.2f", seconds)));
        }
        if (hp.containsKey("stoppedBy")) {
            sb.append(String.format(Locale.ROOT, "%s stopped the search after %s candidates%n", hp.get("stoppedBy"),
                    hp.get("tried")));
        }
        return sb.toString();
    }

    /** Whether a smaller value of {@code metric} is better (the rating errors rmse and mae). */
    public static boolean lowerIsBetter(String metric) {
        return metric.equals("rmse") || metric.equals("mae");
    }

    /** Fluent configuration of a {@link Tuner}. */
    public static final class Builder {
        private final Map<String, RecommenderTrainer> candidates = new LinkedHashMap<>();
        private String metric;
        private int k = 10;
        private double validationFraction = 0.2;
        private long validationSeed = 42;
        private double relevantAtLeast = 4.0;
        private String name = NAME;
        private double budgetSeconds = Double.POSITIVE_INFINITY;
        private int maxTrials = Integer.MAX_VALUE;
        private boolean blendBestTwo;
        private int parallelism = 1;

        private Builder() {
        }

        /** The algorithm name of the trained model (default "tuned"; {@link AutoRecommender} uses "auto"). */
        Builder algorithmName(String name) {
            this.name = Check.notNull("algorithm name", name);
            return this;
        }

        /**
         * Stop validating candidates once this many seconds (>= 0, default unlimited) have been spent on
         * validation; the first candidate is always validated, so a model is always fitted.
         */
        public Builder budgetSeconds(double seconds) {
            if (!(seconds >= 0)) {
                throw ConfigurationException.invalid("budgetSeconds", seconds, "must be >= 0 (seconds of validation)");
            }
            this.budgetSeconds = seconds;
            return this;
        }

        /** Validate at most this many candidates (>= 1, default all), in the order given. */
        public Builder maxTrials(int trials) {
            this.maxTrials = Check.positive("maxTrials", trials);
            return this;
        }

        /**
         * After the candidates, also validate the equal-weight blend of the two best of different algorithms
         * ({@link Tuner#blendOfBestTwo}); it wins only if it validates better than every single candidate.
         */
        public Builder blendBestTwo() {
            this.blendBestTwo = true;
            return this;
        }

        /**
         * Validate up to this many candidates at a time (1 to 64, default 1), each on a thread of its own; the
         * report is the same as one at a time but for the seconds. Worth it where single fits leave cores idle
         * (on 2 cores, auto's fit on ml-latest-small takes about 6% less wall time two at a time).
         */
        public Builder parallelism(int threads) {
            this.parallelism = Check.inRange("parallelism", threads, 1, 64);
            return this;
        }

        /** Adds a candidate under a unique name. */
        public Builder candidate(String name, RecommenderTrainer trainer) {
            Check.notNull("candidate name", name);
            if (name.isBlank() || candidates.containsKey(name)) {
                throw ConfigurationException.invalid("candidate name", "'" + name + "'", "must be non-blank and unique");
            }
            candidates.put(name, Check.notNull("candidate " + name, trainer));
            return this;
        }

        /** Adds a candidate named by {@link RecommenderTrainer#describe()}. */
        public Builder candidate(RecommenderTrainer trainer) {
            return candidate(Check.notNull("candidate", trainer).describe(), trainer);
        }

        /**
         * Adds one candidate per combination of {@code values} (the Cartesian product, first key varying
         * slowest) of registered algorithm {@code algorithm}, each with the {@code fixed} parameters too
         * ({@link Recommenders#byName}); candidates are named by their varying values, e.g.
         * "regularization=30, alpha=1".
         */
        public Builder grid(String algorithm, Map<String, String> fixed, Map<String, List<String>> values) {
            Check.notNull("algorithm", algorithm);
            List<Map<String, String>> combos = new ArrayList<>();
            combos.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<String>> e : values.entrySet()) {
                if (e.getValue().isEmpty() || fixed.containsKey(e.getKey())) {
                    throw ConfigurationException.invalid("grid." + e.getKey(), e.getValue(),
                            "must list at least one value and not be a fixed parameter too");
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> combo : combos) {
                    for (String v : e.getValue()) {
                        Map<String, String> c = new LinkedHashMap<>(combo);
                        c.put(e.getKey(), v);
                        next.add(c);
                    }
                }
                combos = next;
            }
            for (Map<String, String> combo : combos) {
                Map<String, String> params = new LinkedHashMap<>(fixed);
                params.putAll(combo);
                StringBuilder name = new StringBuilder();
                combo.forEach((key, v) -> name.append(name.length() == 0 ? "" : ", ").append(key).append('=').append(v));
                candidate(combo.isEmpty() ? algorithm : name.toString(), Recommenders.byName(algorithm, params));
            }
            return this;
        }

        /**
         * The metric that picks the winner (default ndcg@k): "rmse" or "mae" (lowest wins), or "ndcg@k",
         * "precision@k", "recall@k", "map@k", "hit_rate@k", "mrr" (highest wins), with this builder's k.
         */
        public Builder metric(String metric) {
            this.metric = Check.notNull("metric", metric);
            return this;
        }

        /** Length of the validation top-n lists (>= 1, default 10). */
        public Builder k(int k) {
            this.k = Check.positive("k", k);
            return this;
        }

        /** Share of each user's training interactions held out for validation, in (0, 1) (default 0.2). */
        public Builder validationFraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw ConfigurationException.invalid("validationFraction", fraction, "must be in (0, 1)");
            }
            this.validationFraction = fraction;
            return this;
        }

        /** Seed of the validation split (default 42). */
        public Builder validationSeed(long seed) {
            this.validationSeed = seed;
            return this;
        }

        /** A validation item is relevant when its value is at least this (default 4, as for 5-star ratings). */
        public Builder relevantAtLeast(double threshold) {
            if (Double.isNaN(threshold)) {
                throw ConfigurationException.invalid("relevantAtLeast", threshold, "must be a number");
            }
            this.relevantAtLeast = threshold;
            return this;
        }

        /** Every validation item is relevant (implicit feedback); rmse and mae are then unavailable. */
        public Builder allValidationItemsRelevant() {
            this.relevantAtLeast = Double.NaN;
            return this;
        }

        /** The tuner. */
        public Tuner build() {
            if (candidates.isEmpty()) {
                throw ConfigurationException.invalid("candidates", "none", "add at least one candidate");
            }
            if (metric != null) {
                Set<String> allowed = Set.of("rmse", "mae", "mrr", "ndcg@" + k, "precision@" + k, "recall@" + k,
                        "map@" + k, "hit_rate@" + k);
                if (!allowed.contains(metric)) {
                    throw ConfigurationException.invalid("metric", metric, "must be one of " + new java.util.TreeSet<>(allowed));
                }
                if (lowerIsBetter(metric) && Double.isNaN(relevantAtLeast)) {
                    throw ConfigurationException.invalid("metric", metric,
                            "needs rated validation items; with all validation items relevant use a ranking metric");
                }
            }
            return new Tuner(this);
        }
    }

    /** The chosen candidate, refit on all the training data, with the tuning recorded in its info. */
    static final class Model extends AbstractRecommender {
        private final Recommender chosen;

        Model(ModelInfo info, Recommender chosen) {
            super(info, chosen.trainingData());
            this.chosen = chosen;
        }

        @Override
        public double[] scores(int user) {
            return chosen.scores(user);
        }

        @Override
        public double[][] scores(int[] users) {
            return chosen.scores(users);
        }

        @Override
        public double[] scores(String user) {
            return chosen.scores(user);
        }

        @Override
        public boolean predictsRatings() {
            return chosen.predictsRatings();
        }

        @Override
        public double predict(int user, int item) {
            return chosen.predict(user, item);
        }

        @Override
        public Explanation explain(int user, int item) {
            return chosen.explain(user, item);
        }

        @Override
        public double[] itemSimilarities(int item) {
            return chosen.itemSimilarities(item);
        }

        @Override
        public Recommender update(Interactions additional) {
            return new Model(info, chosen.update(additional));
        }

        @Override
        public void writeTo(ModelWriter out) {
            out.model("chosen", chosen);
        }
    }

    /**
     * Registry entry. By name: {@code algorithm} (the registered algorithm to tune, required),
     * {@code grid.NAME=v1|v2|...} (values to try for parameter NAME), any other parameter of that
     * algorithm (fixed for every candidate), and the tuner's own {@code metric}, {@code k},
     * {@code validationFraction}, {@code validationSeed}, {@code budgetSeconds}, {@code maxTrials},
     * {@code parallelism} and {@code relevantAtLeast} (a number, or "all" for implicit data).
     */
    public static final class Provider implements AlgorithmProvider {
        private static final Set<String> OWN = Set.of("algorithm", "metric", "k", "validationFraction",
                "validationSeed", "relevantAtLeast", "budgetSeconds", "maxTrials", "parallelism");

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            String algorithm = p.string("algorithm", null);
            if (algorithm == null || algorithm.isBlank() || algorithm.equals(NAME)) {
                throw ConfigurationException.invalid("algorithm", algorithm,
                        "name the registered algorithm to tune, e.g. implicit-als");
            }
            Builder b = builder().k(p.integer("k", 10));
            p.real("validationFraction", b::validationFraction);
            p.longValue("validationSeed", b::validationSeed);
            p.real("budgetSeconds", b::budgetSeconds);
            p.integer("maxTrials", b::maxTrials);
            p.integer("parallelism", b::parallelism);
            String relevant = p.string("relevantAtLeast", null);
            if ("all".equalsIgnoreCase(Objects.toString(relevant, "").trim())) {
                b.allValidationItemsRelevant();
            } else if (relevant != null) {
                b.relevantAtLeast(p.real("relevantAtLeast", 4));
            }
            String metric = p.string("metric", null);
            if (metric != null) {
                b.metric(metric.trim());
            }
            Map<String, String> fixed = new LinkedHashMap<>();
            Map<String, List<String>> grid = new LinkedHashMap<>();
            for (String name : p.names()) {
                if (OWN.contains(name)) {
                    continue;
                }
                String value = p.string(name, "");
                if (name.startsWith("grid.")) {
                    List<String> values = new ArrayList<>();
                    for (String v : value.split("\\|")) {
                        if (!v.isBlank()) {
                            values.add(v.trim());
                        }
                    }
                    grid.put(name.substring("grid.".length()), values);
                } else {
                    fixed.put(name, value);
                }
            }
            return b.grid(algorithm, fixed, grid).build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            return new Model(info, in.model("chosen"));
        }
    }
}
