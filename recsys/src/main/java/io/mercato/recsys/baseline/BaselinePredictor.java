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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rating prediction by global mean plus regularized user and item biases ({@link Biases}). Ranks items
 * by {@code mu + b_u + b_i}, i.e. by item bias: a popularity list corrected for how generously items
 * are rated. The reference point every explicit-rating model must beat in RMSE. Users unknown to the
 * training data get {@code mu + b_i} (no user bias), so it is also the cold-start rating predictor of a
 * {@link io.mercato.recsys.hybrid.SwitchingHybrid} ({@code newUsers(baseline)}).
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

        /** Unknown users get {@code mu + b_i}: items ranked by item bias alone. */
        @Override
        public double[] scores(String user) {
            int u = data.users().index(user);
            if (u >= 0) {
                return scores(u);
            }
            double[] s = new double[data.itemCount()];
            for (int i = 0; i < s.length; i++) {
                s[i] = biases.mean() + biases.item(i);
            }
            return s;
        }

        /** Serves anyone: unknown users without a user bias. */
        @Override
        public boolean canScore(String user) {
            return true;
        }

        @Override
        public boolean predictsRatings() {
            return true;
        }

        @Override
        public double predict(int user, int item) {
            return clip(biases.estimate(user, item));
        }

        /** An unknown user gets {@code mu + b_i}, clipped to the training range; an unknown item fails. */
        @Override
        public double predict(String user, String item) {
            int i = itemIndex(item);
            int u = data.users().index(user);
            return u >= 0 ? predict(u, i) : clip(biases.mean() + biases.item(i));
        }

        private double clip(double rating) {
            return Math.max(data.minValue(), Math.min(data.maxValue(), rating));
        }

        private int itemIndex(String item) {
            int i = data.items().index(item);
            if (i < 0) {
                throw new UnknownIdException("item", item, NAME);
            }
            return i;
        }

        @Override
        public Explanation explain(int user, int item) {
            return explanation(data.users().id(user), user, item);
        }

        /** Unknown users are explained by the global mean and the item bias. */
        @Override
        public Explanation explain(String user, String item) {
            return explanation(user, data.users().index(user), itemIndex(item));
        }

        /** {@code u} is -1 for a user unknown to the training data (no user bias). */
        private Explanation explanation(String userId, int u, int item) {
            double userBias = u >= 0 ? biases.user(u) : 0;
            double score = biases.mean() + userBias + biases.item(item);
            String itemId = data.items().id(item);
            String summary = String.format("average rating %.2f, this user rates %+.2f and this item is rated %+.2f"
                    + " relative to it", biases.mean(), userBias, biases.item(item));
            List<Explanation.Reason> reasons = new ArrayList<>();
            reasons.add(new Explanation.Reason("bias", "global mean", biases.mean()));
            if (u >= 0) {
                reasons.add(new Explanation.Reason("bias", "user " + userId, userBias));
            } else {
                summary = String.format("new user: average rating %.2f and this item is rated %+.2f relative to it",
                        biases.mean(), biases.item(item));
            }
            reasons.add(new Explanation.Reason("bias", "item " + itemId, biases.item(item)));
            return new Explanation(userId, itemId, score, summary, List.copyOf(reasons));
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
