package io.mercato.recsys.hybrid;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A weighted blend of any recommenders trained on the same data: each component's score row is
 * normalized ({@link Normalization}), then the rows are summed with the given weights. Rating
 * predictions are the weighted mean of the components that predict ratings.
 */
public final class WeightedHybrid implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "weighted-hybrid";

    private final List<RecommenderTrainer> components;
    private final double[] weights;
    private final Normalization normalization;

    private WeightedHybrid(Builder b) {
        this.components = List.copyOf(b.components);
        this.weights = b.weights.stream().mapToDouble(Double::doubleValue).toArray();
        this.normalization = b.normalization;
    }

    /** A builder (min-max normalization). */
    public static Builder builder() {
        return new Builder();
    }

    /** Blends already trained models (they must share their training data's ids). */
    public static Recommender combine(List<Recommender> models, double[] weights, Normalization normalization) {
        if (models.isEmpty() || models.size() != weights.length) {
            throw ConfigurationException.invalid("weights", weights.length, "one weight per model, at least one model");
        }
        Interactions data = models.get(0).trainingData();
        for (Recommender m : models) {
            if (!m.trainingData().users().ids().equals(data.users().ids())
                    || !m.trainingData().items().ids().equals(data.items().ids())) {
                throw new IllegalArgumentException("blended models must be trained on the same data; "
                        + m.algorithm() + " differs");
            }
        }
        return new Model(new ModelInfo(NAME, describe(models, weights, normalization), 0), data, models,
                weights.clone(), normalization);
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("normalization", normalization.name().toLowerCase(Locale.ROOT));
        for (int c = 0; c < components.size(); c++) {
            m.put("component." + c, components.get(c).describe() + " * " + weights[c]);
        }
        return m;
    }

    private static Map<String, String> describe(List<Recommender> models, double[] weights, Normalization n) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("normalization", n.name().toLowerCase(Locale.ROOT));
        for (int c = 0; c < models.size(); c++) {
            m.put("component." + c, models.get(c).algorithm() + " * " + weights[c]);
        }
        return m;
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        List<Recommender> models = new ArrayList<>();
        for (RecommenderTrainer t : components) {
            models.add(t.fit(data));
        }
        return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, models, weights.clone(), normalization);
    }

    /** Fluent configuration of {@link WeightedHybrid}. */
    public static final class Builder {
        private final List<RecommenderTrainer> components = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();
        private Normalization normalization = Normalization.MIN_MAX;

        private Builder() {
        }

        /** Adds a component with a weight (finite, > 0). */
        public Builder add(RecommenderTrainer component, double weight) {
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw ConfigurationException.invalid("weight", weight, "must be a finite number > 0");
            }
            components.add(java.util.Objects.requireNonNull(component, "component"));
            weights.add(weight);
            return this;
        }

        /** How component scores are put on one scale (default min-max). */
        public Builder normalization(Normalization normalization) {
            this.normalization = java.util.Objects.requireNonNull(normalization);
            return this;
        }

        /** The trainer. */
        public WeightedHybrid build() {
            if (components.isEmpty()) {
                throw ConfigurationException.invalid("components", 0, "add at least one component");
            }
            return new WeightedHybrid(this);
        }
    }

    /** The trained blend. */
    static final class Model extends AbstractRecommender {
        private final List<Recommender> models;
        private final double[] weights;
        private final Normalization normalization;

        Model(ModelInfo info, Interactions data, List<Recommender> models, double[] weights, Normalization normalization) {
            super(info, data);
            this.models = List.copyOf(models);
            this.weights = weights;
            this.normalization = normalization;
        }

        @Override
        public double[] scores(int user) {
            return scores(new int[] {user})[0];
        }

        @Override
        public double[][] scores(int[] users) {
            double[][] out = new double[users.length][data.itemCount()];
            for (int c = 0; c < models.size(); c++) {
                double[][] rows = models.get(c).scores(users);
                for (int k = 0; k < users.length; k++) {
                    normalization.apply(rows[k]);
                    for (int i = 0; i < rows[k].length; i++) {
                        out[k][i] += weights[c] * rows[k][i];
                    }
                }
            }
            return out;
        }

        @Override
        public boolean predictsRatings() {
            return models.stream().anyMatch(Recommender::predictsRatings);
        }

        @Override
        public double predict(int user, int item) {
            double sum = 0;
            double w = 0;
            for (int c = 0; c < models.size(); c++) {
                if (models.get(c).predictsRatings()) {
                    double p = models.get(c).predict(user, item);
                    if (!Double.isNaN(p)) {
                        sum += weights[c] * p;
                        w += weights[c];
                    }
                }
            }
            if (w == 0 && !predictsRatings()) {
                return super.predict(user, item);
            }
            return w == 0 ? Double.NaN : sum / w;
        }

        @Override
        public Explanation explain(int user, int item) {
            List<Explanation.Reason> reasons = new ArrayList<>();
            String summary = "";
            double best = -1;
            for (int c = 0; c < models.size(); c++) {
                Explanation e = models.get(c).explain(user, item);
                for (Explanation.Reason r : e.reasons()) {
                    reasons.add(new Explanation.Reason(r.kind(), r.label(), weights[c] * r.contribution()));
                }
                if (weights[c] > best && !e.reasons().isEmpty()) {
                    best = weights[c];
                    summary = e.summary();
                }
            }
            reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
            return new Explanation(data.users().id(user), data.items().id(item), scores(user)[item], summary, reasons);
        }

        @Override
        public double[] itemSimilarities(int item) {
            double[] out = new double[data.itemCount()];
            for (int c = 0; c < models.size(); c++) {
                double[] row = models.get(c).itemSimilarities(item);
                normalization.apply(row);
                for (int i = 0; i < row.length; i++) {
                    out[i] += weights[c] * row[i];
                }
            }
            return out;
        }

        @Override
        public Recommender update(Interactions additional) {
            List<Recommender> updated = new ArrayList<>();
            for (Recommender m : models) {
                updated.add(m.update(additional));
            }
            return new Model(info, updated.get(0).trainingData(), updated, weights, normalization);
        }

        @Override
        public void writeTo(ModelWriter out) {
            out.json("hybrid.json", new Settings(normalization.name(), weights));
            for (int c = 0; c < models.size(); c++) {
                out.model("component-" + c, models.get(c));
            }
        }
    }

    /** The hybrid.json entry. */
    record Settings(String normalization, double[] weights) {
    }

    /**
     * Registry entry. By name: {@code components=item-knn,popularity}, {@code weights=0.8,0.2} (default
     * equal), {@code normalization=min_max|z_score}; components use their default settings.
     */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            String[] names = p.string("components", "item-knn,popularity").split(",");
            String[] w = p.has("weights") ? p.string("weights", "").split(",") : null;
            if (w != null && w.length != names.length) {
                throw ConfigurationException.invalid("weights", String.join(",", w), "one weight per component");
            }
            String norm = p.string("normalization", "min_max");
            Builder b = builder();
            try {
                b.normalization(Normalization.valueOf(norm.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw ConfigurationException.invalid("normalization", norm, "must be min_max or z_score");
            }
            for (int c = 0; c < names.length; c++) {
                double weight = 1;
                if (w != null) {
                    try {
                        weight = Double.parseDouble(w[c].trim());
                    } catch (NumberFormatException e) {
                        throw ConfigurationException.invalid("weights", w[c], "must be numbers");
                    }
                }
                b.add(Recommenders.byName(names[c].trim(), Map.of()), weight);
            }
            return b.build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            Settings s = in.json("hybrid.json", Settings.class);
            Normalization n;
            try {
                n = Normalization.valueOf(s.normalization());
            } catch (RuntimeException e) {
                throw in.corrupt("unknown normalization " + s.normalization());
            }
            List<Recommender> models = new ArrayList<>();
            for (int c = 0; c < s.weights().length; c++) {
                models.add(in.model("component-" + c));
            }
            return new Model(info, data, models, s.weights(), n);
        }
    }
}
