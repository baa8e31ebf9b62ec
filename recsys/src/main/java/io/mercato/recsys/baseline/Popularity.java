package io.mercato.recsys.baseline;

import io.mercato.core.Check;
import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.UnknownIdException;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Most popular items first: the number of users who interacted with an item, optionally weighted so
 * that an interaction loses half its weight every {@code halfLife} time units before the newest one
 * (time decay: what is popular now). The same list for everyone; the baseline every model must beat.
 */
public final class Popularity implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "popularity";

    private final double halfLife;

    private Popularity(Builder b) {
        this.halfLife = b.halfLife;
    }

    /** A builder (no time decay). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("halfLife", halfLife == 0 ? "none" : Double.toString(halfLife));
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        double[] pop = popularity(data);
        return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, pop, halfLife);
    }

    private double[] popularity(Interactions data) {
        SparseMatrix byItem = data.byItem();
        double[] pop = new double[data.itemCount()];
        long newest = Long.MIN_VALUE;
        if (halfLife > 0) {
            if (!data.hasTimestamps()) {
                throw io.mercato.core.ConfigurationException.invalid("halfLife", halfLife,
                        "time decay needs timestamps, and these interactions have none");
            }
            for (int k = 0; k < byItem.nnz(); k++) {
                newest = Math.max(newest, byItem.timestamp(k));
            }
        }
        for (int i = 0; i < pop.length; i++) {
            double s = 0;
            for (int k = byItem.start(i); k < byItem.end(i); k++) {
                long t = byItem.timestamp(k);
                s += halfLife > 0 && t != SparseMatrix.NO_TIMESTAMP ? Math.pow(0.5, (newest - t) / halfLife) : 1.0;
            }
            pop[i] = s;
        }
        return pop;
    }

    /** Fluent configuration of {@link Popularity}. */
    public static final class Builder {
        private double halfLife;

        private Builder() {
        }

        /**
         * Time decay: an interaction's weight halves every {@code halfLife} units of the timestamps
         * (e.g. seconds) before the newest interaction; 0 turns decay off (default).
         */
        public Builder halfLife(double halfLife) {
            this.halfLife = Check.nonNegative("halfLife", halfLife);
            return this;
        }

        /** The trainer. */
        public Popularity build() {
            return new Popularity(this);
        }
    }

    /** The trained model: one popularity score per item. */
    static final class Model extends AbstractRecommender {
        private final double[] popularity;
        private final double halfLife;

        Model(ModelInfo info, Interactions data, double[] popularity, double halfLife) {
            super(info, data);
            this.popularity = popularity;
            this.halfLife = halfLife;
        }

        @Override
        public double[] scores(int user) {
            return popularity.clone();
        }

        /** The same list for everyone: unknown users get it too (the cold-start fallback of choice). */
        @Override
        public double[] scores(String user) {
            return popularity.clone();
        }

        @Override
        public boolean canScore(String user) {
            return true;
        }

        /** Unknown users get the same explanation as everyone. */
        @Override
        public Explanation explain(String user, String item) {
            int i = data.items().index(item);
            if (i < 0) {
                throw new UnknownIdException("item", item, NAME);
            }
            return explanation(user, i);
        }

        @Override
        public Explanation explain(int user, int item) {
            return explanation(data.users().id(user), item);
        }

        private Explanation explanation(String user, int item) {
            int users = data.byItem().length(item);
            String why = halfLife > 0
                    ? String.format("popular lately: recency-weighted popularity %.2f from %d users", popularity[item], users)
                    : "popular: " + users + " users interacted with it";
            return new Explanation(user, data.items().id(item), popularity[item], why,
                    List.of(new Explanation.Reason("popularity", data.items().id(item), popularity[item])));
        }

        @Override
        public Recommender update(Interactions additional) {
            long start = System.nanoTime();
            Popularity trainer = builder().halfLife(halfLife).build();
            Interactions merged = data.plus(additional, Interactions.DuplicatePolicy.LAST);
            return new Model(ModelInfo.timed(NAME, info.hyperParameters(), start), merged,
                    trainer.popularity(merged), halfLife);
        }

        @Override
        public void writeTo(ModelWriter out) {
            out.json("popularity.json", new LinkedHashMap<>(Map.of("halfLife", halfLife)));
            out.doubles("popularity", popularity);
        }
    }

    /** Registry entry. */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams params) {
            return builder().halfLife(params.real("halfLife", 0)).build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            double halfLife = ((Number) in.json("popularity.json", Map.class).get("halfLife")).doubleValue();
            double[] pop = in.doubles("popularity");
            if (pop.length != data.itemCount()) {
                throw in.corrupt("popularity has " + pop.length + " items, the training data " + data.itemCount());
            }
            return new Model(info, data, pop, halfLife);
        }
    }
}
