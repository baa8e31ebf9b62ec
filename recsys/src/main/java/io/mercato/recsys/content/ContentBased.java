package io.mercato.recsys.content;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.SparseVector;
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
import io.mercato.recsys.data.ItemFeatures;
import io.mercato.recsys.data.SparseMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Content-based recommendation: a user's profile is the weighted sum of the (L2-normalized) feature
 * vectors of the items they interacted with; every item is scored by the cosine between its features
 * and the profile. Works for items nobody interacted with yet (register them in the interactions with
 * {@link Interactions.Builder#addItem(String)}) and explains itself by features.
 */
public final class ContentBased implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "content";

    private final ItemFeatures features;
    private final boolean centered;

    private ContentBased(Builder b) {
        this.features = b.features;
        this.centered = b.centered;
    }

    /** A builder over {@code features} (keyed by item id). */
    public static Builder builder(ItemFeatures features) {
        return new Builder(features);
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("centered", Boolean.toString(centered), "features", Integer.toString(features.dimension()));
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        List<SparseVector> rows = new ArrayList<>(data.itemCount());
        for (String item : data.items().ids()) {
            SparseVector v = features.vector(item);
            rows.add(v.norm() == 0 ? v : v.l2Normalized());
        }
        return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, features.featureNames(), rows, centered,
                this);
    }

    /** Fluent configuration of {@link ContentBased}. */
    public static final class Builder {
        private final ItemFeatures features;
        private boolean centered;

        private Builder(ItemFeatures features) {
            this.features = Check.notNull("features", features);
        }

        /**
         * Weight items in the profile by the user's value minus the user's mean (explicit ratings: disliked
         * items push the profile away) instead of by the raw value (default, for implicit data).
         */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        /** The trainer. */
        public ContentBased build() {
            return new ContentBased(this);
        }
    }

    /** The trained model. */
    static final class Model extends AbstractRecommender {
        private final List<String> featureNames;
        private final List<SparseVector> items; // unit (or empty) vectors by item index
        private final boolean centered;
        private final ContentBased trainer; // null after loading: updates then need the features again

        Model(ModelInfo info, Interactions data, List<String> featureNames, List<SparseVector> items, boolean centered,
              ContentBased trainer) {
            super(info, data);
            this.featureNames = List.copyOf(featureNames);
            this.items = List.copyOf(items);
            this.centered = centered;
            this.trainer = trainer;
        }

        private double[] profile(int user) {
            double[] p = new double[featureNames.size()];
            SparseMatrix byUser = data.byUser();
            double mean = 0;
            if (centered && byUser.length(user) > 0) {
                for (int k = byUser.start(user); k < byUser.end(user); k++) {
                    mean += byUser.value(k);
                }
                mean /= byUser.length(user);
            }
            for (int k = byUser.start(user); k < byUser.end(user); k++) {
                SparseVector x = items.get(byUser.index(k));
                double w = byUser.value(k) - mean;
                for (int q = 0; q < x.size(); q++) {
                    p[x.index(q)] += w * x.value(q);
                }
            }
            double norm = 0;
            for (double v : p) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int f = 0; f < p.length; f++) {
                    p[f] /= norm;
                }
            }
            return p;
        }

        @Override
        public double[] scores(int user) {
            double[] p = profile(user);
            double[] s = new double[items.size()];
            for (int j = 0; j < s.length; j++) {
                s[j] = items.get(j).dot(p);
            }
            return s;
        }

        @Override
        public Explanation explain(int user, int item) {
            double[] p = profile(user);
            SparseVector x = items.get(item);
            List<Explanation.Reason> reasons = new ArrayList<>();
            double score = 0;
            for (int q = 0; q < x.size(); q++) {
                double c = p[x.index(q)] * x.value(q);
                score += c;
                if (c != 0) {
                    reasons.add(new Explanation.Reason("feature", featureNames.get(x.index(q)), c));
                }
            }
            reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
            List<String> top = reasons.stream().filter(r -> r.contribution() > 0).limit(3)
                    .map(Explanation.Reason::label).toList();
            String summary = top.isEmpty() ? "no features in common with your items"
                    : "matches what you like: " + String.join(", ", top);
            return new Explanation(data.users().id(user), data.items().id(item), score, summary, reasons);
        }

        @Override
        public double[] itemSimilarities(int item) {
            SparseVector x = items.get(item);
            double[] s = new double[items.size()];
            for (int j = 0; j < s.length; j++) {
                s[j] = items.get(j).dot(x);
            }
            return s;
        }

        /** Profiles are computed from the interactions at scoring time, so an update is the merged data. */
        @Override
        public Recommender update(Interactions additional) {
            Interactions merged = data.plus(additional, Interactions.DuplicatePolicy.LAST);
            if (merged.itemCount() == data.itemCount()) {
                return new Model(info, merged, featureNames, items, centered, trainer);
            }
            if (trainer == null) {
                throw new UnsupportedOperationException("new items need their features: refit the content model");
            }
            return trainer.fit(merged);
        }

        @Override
        public void writeTo(ModelWriter out) {
            out.json("content.json", Map.of("centered", centered, "features", featureNames));
            out.data("itemVectors", o -> {
                for (SparseVector v : items) {
                    io.mercato.core.io.BinaryArrays.writeInts(o, v.indices());
                    io.mercato.core.io.BinaryArrays.writeDoubles(o, v.values());
                }
            });
        }
    }

    /** The content.json entry. */
    record Settings(boolean centered, List<String> features) {
    }

    /** Registry entry; by name the features come from a CSV file (parameters features, id, tags, numeric). */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            String file = p.string("features", null);
            boolean centered = p.bool("centered", false);
            String id = p.string("id", "item");
            String tags = p.string("tags", "");
            String separator = p.string("tagSeparator", "\\|");
            String numeric = p.string("numeric", "");
            if (file == null) {
                throw ConfigurationException.invalid("features", null, "the content recommender needs a features CSV file");
            }
            ItemFeatures.Csv csv = ItemFeatures.csv(Path.of(file)).idColumn(id);
            Arrays.stream(tags.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(c -> csv.tagColumn(c, separator));
            Arrays.stream(numeric.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(csv::numericColumn);
            return builder(csv.load()).centered(centered).build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            Settings s = in.json("content.json", Settings.class);
            int dim = s.features().size();
            List<SparseVector> items = in.data("itemVectors", din -> {
                List<SparseVector> list = new ArrayList<>(data.itemCount());
                for (int j = 0; j < data.itemCount(); j++) {
                    int[] idx = io.mercato.core.io.BinaryArrays.readInts(din);
                    double[] val = io.mercato.core.io.BinaryArrays.readDoubles(din);
                    try {
                        list.add(SparseVector.of(dim, idx, val));
                    } catch (RuntimeException e) {
                        throw new IOException("item vector " + j + ": " + e.getMessage());
                    }
                }
                return list;
            });
            return new Model(info, data, s.features(), items, s.centered(), null);
        }
    }
}
