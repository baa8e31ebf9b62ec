package io.mercato.recsys.eval;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.linear.Ease;
import java.util.Map;
import java.util.Objects;

/**
 * Algorithm {@code "auto"}: picks the algorithm and its hyper-parameters for the training data it is
 * given, with a {@link Tuner} over a fixed list of candidates ordered cheap to expensive. For a ranking
 * metric (ndcg@10 by default): popularity, item-kNN with 20 and 100 neighbours, RP3beta, EASE with λ 10, 50,
 * 250 and 1250 (on at most {@value #EASE_ITEMS} items, the most interacted, as its Gram inversion grows
 * with items³), and implicit ALS (rank 64, {@value #ALS_ITERATIONS} iterations, λ 10, 30 and 100 on the raw
 * strengths; λ 10 on log1p- and BM25-damped ones, for counts such as plays). For rmse or mae, the models that
 * predict ratings: the baseline, item-kNN with 20 and 100 neighbours, ALS and biased MF. Last comes the
 * equal-weight blend of the two best of different algorithms ({@link Tuner#blendOfBestTwo}), scored from their
 * validation models. Each is validated on a seeded per-user holdout of the training rows (every held-out
 * interaction relevant unless {@code relevantAtLeast} is set; rmse and mae need it set) until the time budget ({@code budgetSeconds}, default 120) is spent or
 * {@code maxTrials} candidates were tried; the first is always tried, so a model is always fitted. Candidates
 * are validated {@code parallelism} at a time (default: 2, or 1 on a single core), which changes their seconds,
 * not their scores. The winner is refitted on all the training data.
 *
 * <p>The model's {@link ModelInfo} (algorithm "auto", saved in the provenance) records every candidate's
 * parameters ({@code candidate.NAME}), validation score ({@code validation.ndcg@10[NAME]}) and seconds
 * ({@code validation.seconds[NAME]}) for the ones tried, how many were tried, {@code stoppedBy} when the
 * budget or the trial limit cut the search, and {@code chosen}.
 *
 * <pre>{@code
 * Recommender model = Recommenders.byName("auto", Map.of("budgetSeconds", "60")).fit(train);
 * model.info().hyperParameters().get("chosen");   // e.g. "item-knn(neighbours=100)"
 * }</pre>
 */
public final class AutoRecommender implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "auto";

    /**
     * Items auto's EASE candidates model (the most-interacted ones; {@link Ease#DEFAULT_MAX_ITEMS} otherwise):
     * its Gram inversion grows with items³, and on the validation splits of five training sets of
     * ml-latest-small (docs/benchmarks.md) EASE on 3,000 of ~9,000 items validated as well as on all of
     * them (mean ndcg@10 0.2206 vs 0.2206) at an eighth of the fit time and model size.
     */
    static final int EASE_ITEMS = 3_000;

    /**
     * Iterations of auto's implicit ALS candidates (15 is the algorithm's default). On the validation splits of
     * the five training sets of ml-latest-small and online-retail (docs/benchmarks.md), 8 iterations validated
     * within 0.001 of 15 for every λ and scaling auto tries (λ 30 on ml-latest-small: mean ndcg@10 0.2170 vs
     * 0.2173; λ 10 on online-retail 0.1015 vs 0.1025) at about half the fit time.
     */
    static final int ALS_ITERATIONS = 8;

    /** Default {@code budgetSeconds}. */
    public static final double DEFAULT_BUDGET_SECONDS = 120;

    private final double budgetSeconds;
    private final int maxTrials;
    private final int k;
    private final String metric;
    private final double validationFraction;
    private final long validationSeed;
    private final double relevantAtLeast;
    private final int parallelism;

    private AutoRecommender(Builder b) {
        this.budgetSeconds = b.budgetSeconds;
        this.maxTrials = b.maxTrials;
        this.k = b.k;
        this.metric = b.metric;
        this.validationFraction = b.validationFraction;
        this.validationSeed = b.validationSeed;
        this.relevantAtLeast = b.relevantAtLeast;
        this.parallelism = b.parallelism;
        tuner(); // the tuner's builder validates every setting, naming it
    }

    /** A builder: budget 120 s, all candidates, ndcg@10, 20% validation, seed 42, every held-out item relevant. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    /** The settings (the candidates depend on the data, so they are recorded in the trained model's info only). */
    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = tuner().hyperParameters();
        m.keySet().removeIf(key -> key.startsWith("candidate."));
        return m;
    }

    /** The candidates a ranking metric picks from, by name, cheap to expensive. */
    public static Map<String, RecommenderTrainer> candidates() {
        return addRankingCandidates(Tuner.builder()).build().candidates();
    }

    /**
     * Popularity, item-kNN, RP3beta, EASE (on its {@value #EASE_ITEMS} most-interacted items), implicit ALS on
     * raw and damped strengths. Not BPR: in all ten validation searches of docs/benchmarks.md (five training
     * sets each of ml-latest-small and online-retail) it scored below every other candidate but popularity, and
     * it was the slowest.
     */
    private static Tuner.Builder addRankingCandidates(Tuner.Builder t) {
        t.candidate("popularity", Recommenders.byName("popularity", Map.of()));
        addItemKnn(t);
        t.candidate("rp3beta", Recommenders.byName("rp3beta", Map.of()));
        for (String lambda : new String[] {"10", "50", "250", "1250"}) {
            t.candidate("ease(lambda=" + lambda + ")", Recommenders.byName("ease",
                    Map.of("lambda", lambda, "maxItems", Integer.toString(EASE_ITEMS))));
        }
        for (String lambda : new String[] {"10", "30", "100"}) {
            addImplicitAls(t, lambda, "linear");
        }
        for (String scaling : new String[] {"log1p", "bm25"}) {   // raw counts (plays, clicks) need damping
            addImplicitAls(t, "10", scaling);
        }
        return t;
    }

    private static void addImplicitAls(Tuner.Builder t, String lambda, String scaling) {
        String settings = "rank=64, iterations=" + ALS_ITERATIONS + ", regularization=" + lambda;
        t.candidate("implicit-als(" + settings + (scaling.equals("linear") ? "" : ", scaling=" + scaling) + ")",
                Recommenders.byName("implicit-als", Map.of("rank", "64", "iterations", Integer.toString(ALS_ITERATIONS),
                        "regularization", lambda, "scaling", scaling)));
    }

    /** Item-kNN with 20 and 100 neighbours: cheap, and good at both ranking and rating. */
    private static void addItemKnn(Tuner.Builder t) {
        for (String n : new String[] {"20", "100"}) {
            t.candidate("item-knn(neighbours=" + n + ")", Recommenders.byName("item-knn", Map.of("neighbours", n)));
        }
    }

    /** The candidates that predict ratings, which a rating metric (rmse, mae) picks from, cheap to expensive. */
    public static Map<String, RecommenderTrainer> ratingCandidates() {
        return addRatingCandidates(Tuner.builder()).build().candidates();
    }

    private static Tuner.Builder addRatingCandidates(Tuner.Builder t) {
        t.candidate("baseline", Recommenders.byName("baseline", Map.of()));
        addItemKnn(t);
        t.candidate("als", Recommenders.byName("als", Map.of()));
        return t.candidate("biased-mf", Recommenders.byName("biased-mf", Map.of()));
    }

    /**
     * The tuner with this configuration over {@link #candidates()}, or over
     * {@link #ratingCandidates()} when the metric is rmse or mae; either way the blend of the best two is tried last.
     */
    public Tuner tuner() {
        Tuner.Builder t = Tuner.builder().algorithmName(NAME).k(k).budgetSeconds(budgetSeconds)
                .validationFraction(validationFraction).validationSeed(validationSeed).parallelism(parallelism);
        if (maxTrials > 0) {
            t.maxTrials(maxTrials);
        }
        if (Double.isNaN(relevantAtLeast)) {
            t.allValidationItemsRelevant();
        } else {
            t.relevantAtLeast(relevantAtLeast);
        }
        if (metric != null) {
            t.metric(metric);
        }
        if (metric != null && Tuner.lowerIsBetter(metric)) {
            addRatingCandidates(t);
        } else {
            addRankingCandidates(t);
        }
        return t.blendBestTwo().build();
    }

    /** Validates the candidates on a holdout of {@code data} within the budget, refits the best on all of it. */
    @Override
    public Recommender fit(Interactions data) {
        return tuner().fit(data);
    }

    /** Fluent configuration of {@link AutoRecommender}; settings are checked at {@link #build()}. */
    public static final class Builder {
        private double budgetSeconds = DEFAULT_BUDGET_SECONDS;
        private int maxTrials;
        private int k = 10;
        private String metric;
        private double validationFraction = 0.2;
        private long validationSeed = 42;
        private double relevantAtLeast = Double.NaN;
        private int parallelism = Math.min(2, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /**
         * Candidates validated at a time (1 to 64; default 2, or 1 on a single core): the scores and the choice do
         * not depend on it, the search's wall time does.
         */
        public Builder parallelism(int threads) {
            this.parallelism = threads;
            return this;
        }

        /** Seconds of validation (>= 0, default 120) after which no further candidate is tried. */
        public Builder budgetSeconds(double seconds) {
            this.budgetSeconds = seconds;
            return this;
        }

        /** At most this many candidates are validated (>= 1; default all). */
        public Builder maxTrials(int trials) {
            if (trials < 1) {
                throw ConfigurationException.invalid("maxTrials", trials, "must be >= 1");
            }
            this.maxTrials = trials;
            return this;
        }

        /** Length of the validation top-n lists (>= 1, default 10). */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** The metric that picks the winner (default ndcg@k); see {@link Tuner.Builder#metric}. */
        public Builder metric(String metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /** Share of each user's training interactions held out for validation, in (0, 1) (default 0.2). */
        public Builder validationFraction(double fraction) {
            this.validationFraction = fraction;
            return this;
        }

        /** Seed of the validation split (default 42). */
        public Builder validationSeed(long seed) {
            this.validationSeed = seed;
            return this;
        }

        /** A held-out item is relevant when its value is at least this (default: every held-out item is). */
        public Builder relevantAtLeast(double threshold) {
            this.relevantAtLeast = threshold;
            return this;
        }

        /** The trainer; a setting out of range is a {@link ConfigurationException} naming it. */
        public AutoRecommender build() {
            return new AutoRecommender(this);
        }
    }

    /**
     * Registry entry. Parameters: {@code budgetSeconds}, {@code maxTrials}, {@code metric}, {@code k},
     * {@code validationFraction}, {@code validationSeed}, {@code parallelism}, {@code relevantAtLeast} (a number, or
     * "all", the default).
     */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            Builder b = builder();
            p.real("budgetSeconds", b::budgetSeconds);
            p.integer("maxTrials", b::maxTrials);
            p.integer("k", b::k);
            p.real("validationFraction", b::validationFraction);
            p.longValue("validationSeed", b::validationSeed);
            p.integer("parallelism", b::parallelism);
            String relevant = p.string("relevantAtLeast", "all");
            if (!"all".equalsIgnoreCase(relevant.trim())) {
                b.relevantAtLeast(p.real("relevantAtLeast", Double.NaN));
            }
            String metric = p.string("metric", null);
            if (metric != null) {
                b.metric(metric.trim());
            }
            return b.build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            return new Tuner.Model(info, in.model("chosen"));
        }
    }
}
