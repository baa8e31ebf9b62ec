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
import io.mercato.recsys.data.Interactions;
import java.util.List;
import java.util.Map;

/**
 * Rating prediction by global mean plus regularized user and item biases ({@link Biases}). Ranks items
 * by {@code mu + b_u + b_i}, i.e. by item bias: a popularity list corrected for how generously items
 * are rated. The reference point every explicit-rating model must beat in RMSE.
 */
public final class BaselinePredictor implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "baseline";

    private final double regUser;
    private final double regItem;
    private final int sweeps;

    private BaselinePredictor(Builder b) {
        this.regUser = b.regUser;
        this.regItem = b.regItem;
        this.sweeps = b.sweeps;
    }

    /** A builder with Surprise's defaults (regUser 15, regItem 10, 10 sweeps). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("regUser", Double.toString(regUser), "regItem", Double.toString(regItem),
                "sweeps", Integer.toString(sweeps));
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        Biases biases = Biases.fit(data, regUser, regItem, sweeps);
        return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, biases);
    }

    /** Fluent configuration of {@link BaselinePredictor}. */
    public static final class Builder {
        private double regUser = 15;
        private double regItem = 10;
        private int sweeps = 10;

        private Builder() {
        }

        /** Regularization of user biases (>= 0). */
        public Builder regUser(double reg) {
            this.regUser = Check.nonNegative("regUser", reg);
            return this;
        }

        /** Regularization of item biases (>= 0). */
        public Builder regItem(double reg) {
            this.regItem = Check.nonNegative("regItem", reg);
            return this;
        }

        /** Number of ALS sweeps (>= 1). */
        public Builder sweeps(int sweeps) {
            this.sweeps = Check.positive("sweeps", sweeps);
            return this;
        }

        /** The trainer. */
        public BaselinePredictor build() {
            return new BaselinePredictor(this);
        }
    }

    /** The trained model. */
    static final class Model extends AbstractRecommender {
        private final Biases biases;

        Model(ModelInfo info, Interactions data, Biases biases) {
            super(info, data);
            this.biases = biases;
        }

        @Override
        public double[] scores(int user) {
            double[] s = new double[data.itemCount()];
            for (int i = 0; i < s.length; i++) {
                s[i] = biases.estimate(user, i);
            }
            return s;
        }

        @Override
        public boolean predictsRatings() {
            return true;
        }

        @Override
        public double predict(int user, int item) {
            return Math.max(data.minValue(), Math.min(data.maxValue(), biases.estimate(user, item)));
        }

        @Override
        public Explanation explain(int user, int item) {
            double score = biases.estimate(user, item);
            String summary = String.format("average rating %.2f, this user rates %+.2f and this item is rated %+.2f"
                    + " relative to it", biases.mean(), biases.user(user), biases.item(item));
            return new Explanation(data.users().id(user), data.items().id(item), score, summary, List.of(
                    new Explanation.Reason("bias", "global mean", biases.mean()),
                    new Explanation.Reason("bias", "user " + data.users().id(user), biases.user(user)),
                    new Explanation.Reason("bias", "item " + data.items().id(item), biases.item(item))));
        }

        @Override
        public void writeTo(ModelWriter out) {
            biases.writeTo(out);
        }
    }

    /** Registry entry. */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            return builder().regUser(p.real("regUser", 15)).regItem(p.real("regItem", 10))
                    .sweeps(p.integer("sweeps", 10)).build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            return new Model(info, data, Biases.read(in, data));
        }
    }
}
