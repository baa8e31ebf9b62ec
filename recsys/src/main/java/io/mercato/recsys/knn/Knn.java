package io.mercato.recsys.knn;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.baseline.Biases;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Neighbourhood collaborative filtering, item-based ({@link #itemBased()}) or user-based
 * ({@link #userBased()}). Training computes, in batch, the {@code modelSize} most similar items
 * (users) of every item (user) and the baseline biases. Ranking: an item's score is the sum of its
 * similarities to the user's items among its {@code neighbours} nearest (item-based), or of the
 * similarities of the user's {@code neighbours} nearest users who have it (user-based), each weighted
 * by the interaction ({@link RankingWeight}). Rating
 * prediction is KNNBaseline-style: {@code b_ui + sum s (r - b) / sum s} over the k nearest neighbours
 * that rated the item (resp. that the user rated), the baseline alone when there are none.
 */
public final class Knn implements RecommenderTrainer {

    /** Which entities are compared. */
    public enum Kind {
        /** Similar items (algorithm "item-knn"). */
        ITEM("item-knn"),
        /** Similar users (algorithm "user-knn"). */
        USER("user-knn");

        private final String algorithm;

        Kind(String algorithm) {
            this.algorithm = algorithm;
        }

        /** The algorithm name. */
        public String algorithm() {
            return algorithm;
        }
    }

    final Kind kind;
    final Similarity similarity;
    final RankingWeight rankingWeight;
    final int neighbours;
    final int modelSize;
    final double shrinkage;
    final int minSupport;
    final double regUser;
    final double regItem;
    final int threads;

    private Knn(Builder b) {
        this.kind = b.kind;
        this.similarity = b.similarity;
        this.rankingWeight = b.rankingWeight;
        this.neighbours = b.neighbours;
        this.modelSize = Math.max(b.modelSize, b.neighbours);
        this.shrinkage = b.shrinkage;
        this.minSupport = b.minSupport;
        this.regUser = b.regUser;
        this.regItem = b.regItem;
        this.threads = b.threads;
    }

    /** Item-kNN with cosine similarity, 40 neighbours, shrinkage 100. */
    public static Builder itemBased() {
        return new Builder(Kind.ITEM);
    }

    /** User-kNN with cosine similarity, 40 neighbours, shrinkage 100. */
    public static Builder userBased() {
        return new Builder(Kind.USER);
    }

    @Override
    public String algorithm() {
        return kind.algorithm();
    }

    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("similarity", similarity.name().toLowerCase(Locale.ROOT));
        m.put("rankingWeight", rankingWeight.name().toLowerCase(Locale.ROOT));
        m.put("neighbours", Integer.toString(neighbours));
        m.put("modelSize", Integer.toString(modelSize));
        m.put("shrinkage", Double.toString(shrinkage));
        m.put("minSupport", Integer.toString(minSupport));
        m.put("regUser", Double.toString(regUser));
        m.put("regItem", Double.toString(regItem));
        return m;
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        Biases biases = Biases.fit(data, regUser, regItem, 10);
        NeighbourIndex index = neighbourIndex(data, biases);
        return new KnnModel(ModelInfo.timed(algorithm(), hyperParameters(), start), this, data, biases, index);
    }

    NeighbourIndex neighbourIndex(Interactions data, Biases biases) {
        return neighbourIndex(data, biases, null, null);
    }

    NeighbourIndex neighbourIndex(Interactions data, Biases biases, boolean[] recompute, NeighbourIndex previous) {
        SparseMatrix rows = kind == Kind.ITEM ? data.byItem() : data.byUser();
        SparseMatrix cols = kind == Kind.ITEM ? data.byUser() : data.byItem();
        NeighbourIndex.Transform transform = switch (similarity) {
            case COSINE, PEARSON, EUCLIDEAN -> (r, c, v) -> v;
            case ADJUSTED_COSINE -> {
                double[] featureMeans = rowMeans(cols); // item-kNN: user means; user-kNN: item means
                yield (r, c, v) -> v - featureMeans[c];
            }
            case PEARSON_BASELINE -> kind == Kind.ITEM
                    ? (r, c, v) -> v - biases.estimate(c, r)
                    : (r, c, v) -> v - biases.estimate(r, c);
        };
        return NeighbourIndex.compute(rows, cols, similarity, transform, shrinkage, minSupport, modelSize, threads,
                recompute, previous);
    }

    private static double[] rowMeans(SparseMatrix m) {
        double[] means = new double[m.rows()];
        for (int r = 0; r < m.rows(); r++) {
            double s = 0;
            for (int k = m.start(r); k < m.end(r); k++) {
                s += m.value(k);
            }
            means[r] = m.length(r) == 0 ? 0 : s / m.length(r);
        }
        return means;
    }

    /** Fluent configuration of {@link Knn}; validated at {@link #build()}. */
    public static final class Builder {
        private final Kind kind;
        private Similarity similarity = Similarity.COSINE;
        private RankingWeight rankingWeight = RankingWeight.VALUE;
        private int neighbours = 40;
        private int modelSize = 200;
        private double shrinkage = 100;
        private int minSupport = 1;
        private double regUser = 15;
        private double regItem = 10;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /** The similarity (default cosine). */
        public Builder similarity(Similarity similarity) {
            this.similarity = Check.notNull("similarity", similarity);
            return this;
        }

        /** How the user's items are weighted in ranking scores (default {@link RankingWeight#VALUE}). */
        public Builder rankingWeight(RankingWeight weight) {
            this.rankingWeight = Check.notNull("rankingWeight", weight);
            return this;
        }

        /** k: neighbours used per score or prediction (>= 1, default 40). */
        public Builder neighbours(int k) {
            this.neighbours = Check.positive("neighbours", k);
            return this;
        }

        /**
         * Neighbours stored per item (user), best first (>= 1, default 200; at least {@code neighbours}).
         * Predictions pick the k nearest that the user rated from this list, so it must be larger than k.
         */
        public Builder modelSize(int size) {
            this.modelSize = Check.positive("modelSize", size);
            return this;
        }

        /** Shrinkage: similarities are multiplied by n / (n + shrinkage), n = co-rated count (>= 0, default 100). */
        public Builder shrinkage(double shrinkage) {
            this.shrinkage = Check.nonNegative("shrinkage", shrinkage);
            return this;
        }

        /** Minimum co-rated count for a similarity to count (>= 1, default 1). */
        public Builder minSupport(int n) {
            this.minSupport = Check.positive("minSupport", n);
            return this;
        }

        /** Regularization of the baseline's user biases (>= 0, default 15). */
        public Builder regUser(double reg) {
            this.regUser = Check.nonNegative("regUser", reg);
            return this;
        }

        /** Regularization of the baseline's item biases (>= 0, default 10). */
        public Builder regItem(double reg) {
            this.regItem = Check.nonNegative("regItem", reg);
            return this;
        }

        /** Threads for the similarity computation (>= 1, default: available processors). */
        public Builder threads(int threads) {
            this.threads = Check.positive("threads", threads);
            return this;
        }

        /** The trainer. */
        public Knn build() {
            return new Knn(this);
        }
    }

    static Knn fromParams(Kind kind, AlgorithmParams p) {
        Builder b = new Builder(kind);
        String sim = p.string("similarity", "cosine");
        try {
            b.similarity(Similarity.valueOf(sim.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.invalid("similarity", sim,
                    "must be one of cosine, adjusted_cosine, pearson, pearson_baseline, euclidean");
        }
        String weight = p.string("rankingWeight", "value");
        try {
            b.rankingWeight(RankingWeight.valueOf(weight.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.invalid("rankingWeight", weight, "must be one of binary, value, residual");
        }
        return b.neighbours(p.integer("neighbours", 40)).modelSize(p.integer("modelSize", 200))
                .shrinkage(p.real("shrinkage", 100)).minSupport(p.integer("minSupport", 1))
                .regUser(p.real("regUser", 15)).regItem(p.real("regItem", 10))
                .threads(p.integer("threads", Runtime.getRuntime().availableProcessors())).build();
    }

    static Knn fromInfo(Kind kind, ModelInfo info) {
        Map<String, String> hp = new LinkedHashMap<>(info.hyperParameters());
        return fromParams(kind, new AlgorithmParams(hp));
    }

    /** Registry entry of one kNN variant; the saved model re-creates its trainer from the hyper-parameters. */
    private abstract static class KindProvider implements AlgorithmProvider {
        private final Kind kind;

        KindProvider(Kind kind) {
            this.kind = kind;
        }

        @Override
        public String name() {
            return kind.algorithm();
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams params) {
            return fromParams(kind, params);
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            return KnnModel.read(fromInfo(kind, info), in, data, info);
        }
    }

    /** Registry entry for "item-knn". */
    public static final class ItemProvider extends KindProvider {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public ItemProvider() {
            super(Kind.ITEM);
        }
    }

    /** Registry entry for "user-knn". */
    public static final class UserProvider extends KindProvider {
        /** The registry entry (public for {@link java.util.ServiceLoader}). */
        public UserProvider() {
            super(Kind.USER);
        }
    }
}
