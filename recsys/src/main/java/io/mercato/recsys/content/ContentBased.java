package io.mercato.recsys.content;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.io.BinaryArrays;
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
import io.mercato.recsys.UnknownIdException;
import io.mercato.recsys.data.FeatureCsv;
import io.mercato.recsys.data.Features;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.ItemFeatures;
import io.mercato.recsys.data.SparseMatrix;
import io.mercato.recsys.data.UserFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-based recommendation: a user's profile is the weighted sum of the (L2-normalized) feature
 * vectors of the items they interacted with; every item is scored by the cosine between its features
 * and the profile. Works for items nobody interacted with yet (register them in the interactions with
 * {@link Interactions.Builder#addItem(String)}) and explains itself by features.
 *
 * <p>Cold start for users: with {@link Builder#userFeatures(UserFeatures)}, a user's declared features
 * (interests such as "category=running", matched to item features by name) are part of the profile.
 * A user with no interactions, even one absent from the training data, is then profiled by the
 * declared features alone; a user with both gets {@code unit(interaction profile) + declaredWeight
 * * unit(declared)}, normalized. A new user's first few interactions work too: fold them in with
 * {@link Recommender#foldIn} (the profile is computed from the interactions at scoring time).
 */
public final class ContentBased implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "content";

    private static final Logger LOG = LoggerFactory.getLogger(ContentBased.class);

    private final ItemFeatures features;
    private final boolean centered;
    private final UserFeatures userFeatures;
    private final double declaredWeight;
    private final Map<String, SparseVector> declared; // by user id: unit vectors in the item feature space

    private ContentBased(Builder b, Map<String, SparseVector> declared) {
        this.features = b.features;
        this.centered = b.centered;
        this.userFeatures = b.userFeatures;
        this.declaredWeight = b.declaredWeight;
        this.declared = declared;
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
        Map<String, String> m = new LinkedHashMap<>();
        m.put("centered", Boolean.toString(centered));
        m.put("features", Integer.toString(features.dimension()));
        if (userFeatures != null) {
            m.put("userFeatures", Integer.toString(userFeatures.dimension()));
            m.put("declaredWeight", Double.toString(declaredWeight));
        }
        return m;
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        List<SparseVector> rows = new ArrayList<>(data.itemCount());
        for (String item : data.items().ids()) {
            rows.add(unit(features.vector(item)));
        }
        return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, features.featureNames(), rows, centered,
                declared, declaredWeight, this);
    }

    private static SparseVector unit(SparseVector v) {
        return v.norm() == 0 ? v : v.l2Normalized();
    }

    /**
     * Users' declared features moved into the item feature space by name (features without an item
     * counterpart dropped), L2-normalized; users left with nothing are left out.
     */
    static Map<String, SparseVector> project(UserFeatures users, ItemFeatures items) {
        int[] target = new int[users.dimension()];
        List<String> unmatched = new ArrayList<>();
        for (int f = 0; f < target.length; f++) {
            target[f] = items.featureIndex(users.featureName(f));
            if (target[f] < 0) {
                unmatched.add(users.featureName(f));
            }
        }
        if (unmatched.size() == target.length && target.length > 0) {
            throw ConfigurationException.invalid("userFeatures", sample(unmatched),
                    "no user feature is named like an item feature (items have e.g. "
                            + sample(items.featureNames()) + "); declare interests in the items' terms, e.g. the same tag group");
        }
        if (!unmatched.isEmpty()) {
            LOG.info("{} of {} user features have no item feature of that name and are ignored: {}",
                    unmatched.size(), target.length, sample(unmatched));
        }
        Map<String, SparseVector> out = new LinkedHashMap<>();
        for (String user : users.ids().ids()) {
            SparseVector v = users.vector(user);
            Map<Integer, Double> moved = new TreeMap<>();
            for (int k = 0; k < v.size(); k++) {
                if (target[v.index(k)] >= 0 && v.value(k) != 0) {
                    moved.put(target[v.index(k)], v.value(k));
                }
            }
            SparseVector p = SparseVector.fromMap(items.dimension(), moved);
            if (p.norm() > 0) {
                out.put(user, p.l2Normalized());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String sample(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }

    /** Fluent configuration of {@link ContentBased}. */
    public static final class Builder {
        private final ItemFeatures features;
        private boolean centered;
        private UserFeatures userFeatures;
        private double declaredWeight = 1.0;

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

        /**
         * Declared features of users, matched to the item features by name. Users with such features
         * can be served without any interaction (cold start), even when they are absent from the
         * training data. {@link #build()} fails when no user feature name matches an item feature.
         */
        public Builder userFeatures(UserFeatures users) {
            this.userFeatures = Check.notNull("userFeatures", users);
            return this;
        }

        /**
         * Weight of the declared features against the interaction profile for users who have both
         * (finite, >= 0; default 1: equal shares; 0: declared features serve only users without
         * interactions).
         */
        public Builder declaredWeight(double weight) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw ConfigurationException.invalid("declaredWeight", weight, "must be finite and >= 0");
            }
            this.declaredWeight = weight;
            return this;
        }

        /** The trainer. */
        public ContentBased build() {
            return new ContentBased(this, userFeatures == null ? Map.of() : project(userFeatures, features));
        }
    }

    /** The trained model. */
    static final class Model extends AbstractRecommender {
        private final List<String> featureNames;
        private final List<SparseVector> items; // unit (or empty) vectors by item index
        private final boolean centered;
        private final Map<String, SparseVector> declared; // unit vectors by user id
        private final double declaredWeight;
        private final ContentBased trainer; // null after loading: updates then need the features again

        Model(ModelInfo info, Interactions data, List<String> featureNames, List<SparseVector> items, boolean centered,
              Map<String, SparseVector> declared, double declaredWeight, ContentBased trainer) {
            super(info, data);
            this.featureNames = List.copyOf(featureNames);
            this.items = List.copyOf(items);
            this.centered = centered;
            this.declared = declared;
            this.declaredWeight = declaredWeight;
            this.trainer = trainer;
        }

        /** The unit profile vector of a user, and whether it comes from declared features only. */
        private record Profile(double[] vector, boolean declaredOnly) {
            boolean isEmpty() {
                for (double v : vector) {
                    if (v != 0) {
                        return false;
                    }
                }
                return true;
            }
        }

        /** The profile of {@code id} (training index {@code user}, or -1 for a user only declared). */
        private Profile profile(int user, String id) {
            double[] p = new double[featureNames.size()];
            if (user >= 0) {
                interactionProfile(user, p);
            }
            SparseVector d = declared.get(id);
            boolean fromItems = normalize(p);
            if (d == null) {
                return new Profile(p, false);
            }
            double w = fromItems ? declaredWeight : 1.0;
            for (int q = 0; q < d.size(); q++) {
                p[d.index(q)] += w * d.value(q);
            }
            normalize(p);
            return new Profile(p, !fromItems);
        }

        private void interactionProfile(int user, double[] p) {
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
        }

        /** Scales {@code p} to unit length; false when it is zero. */
        private static boolean normalize(double[] p) {
            double norm = 0;
            for (double v : p) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return false;
            }
            for (int f = 0; f < p.length; f++) {
                p[f] /= norm;
            }
            return true;
        }

        private double[] scores(double[] p) {
            double[] s = new double[items.size()];
            for (int j = 0; j < s.length; j++) {
                s[j] = items.get(j).dot(p);
            }
            return s;
        }

        /** A user unknown to the training data but with declared features, or {@link UnknownIdException}. */
        private Profile declaredOnly(String user) {
            if (!declared.containsKey(user)) {
                throw new UnknownIdException("user", user, NAME);
            }
            return profile(-1, user);
        }

        @Override
        public double[] scores(int user) {
            return scores(profile(user, data.users().id(user)).vector());
        }

        /** Known users as usual; unknown users with declared features by those alone. */
        @Override
        public double[] scores(String user) {
            int u = data.users().index(user);
            return u >= 0 ? scores(u) : scores(declaredOnly(user).vector());
        }

        /** Whether the user's items or declared features give a non-empty profile. */
        @Override
        public boolean canScore(String user) {
            int u = data.users().index(user);
            return u >= 0 ? !profile(u, user).isEmpty() : declared.containsKey(user);
        }

        @Override
        public Explanation explain(int user, int item) {
            String id = data.users().id(user);
            return explanation(id, profile(user, id), item);
        }

        /** Also explains users known only by their declared features. */
        @Override
        public Explanation explain(String user, String item) {
            int i = data.items().index(item);
            if (i < 0) {
                throw new UnknownIdException("item", item, NAME);
            }
            int u = data.users().index(user);
            return u >= 0 ? explain(u, i) : explanation(user, declaredOnly(user), i);
        }

        private Explanation explanation(String user, Profile profile, int item) {
            double[] p = profile.vector();
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
            String summary;
            if (top.isEmpty()) {
                summary = profile.declaredOnly() ? "no features in common with your interests"
                        : "no features in common with your items";
            } else {
                summary = (profile.declaredOnly() ? "matches your interests: " : "matches what you like: ")
                        + String.join(", ", top);
            }
            return new Explanation(user, data.items().id(item), score, summary, reasons);
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
                return new Model(info, merged, featureNames, items, centered, declared, declaredWeight, trainer);
            }
            if (trainer == null) {
                throw new UnsupportedOperationException("new items need their features: refit the content model");
            }
            return trainer.fit(merged);
        }

        @Override
        public void writeTo(ModelWriter out) {
            out.json("content.json", new Settings(centered, featureNames, declaredWeight));
            out.data("itemVectors", o -> {
                for (SparseVector v : items) {
                    BinaryArrays.writeInts(o, v.indices());
                    BinaryArrays.writeDoubles(o, v.values());
                }
            });
            if (!declared.isEmpty()) {
                List<String> users = new ArrayList<>(declared.keySet());
                out.data("declaredUsers", o -> {
                    BinaryArrays.writeStrings(o, users);
                    for (String user : users) {
                        BinaryArrays.writeInts(o, declared.get(user).indices());
                        BinaryArrays.writeDoubles(o, declared.get(user).values());
                    }
                });
            }
        }
    }

    /** The content.json entry ({@code declaredWeight} is null in files written before user features existed). */
    record Settings(boolean centered, List<String> features, Double declaredWeight) {
    }

    /**
     * Registry entry. By name the item features come from a CSV file ({@code features}, {@code id},
     * {@code tags}, {@code tagSeparator}, {@code numeric}) and optionally the users' declared features
     * from another ({@code userFeatures}, {@code userId}, {@code userTags}, {@code userNumeric}; tag
     * columns must be named like the item tag columns they meet), with {@code declaredWeight}.
     */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        /** 2: declared user features (entry {@code declaredUsers}); version 1 files are still read. */
        @Override
        public int version() {
            return 2;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            String file = p.string("features", null);
            boolean centered = p.bool("centered", false);
            String separator = p.string("tagSeparator", "\\|");
            if (file == null) {
                throw ConfigurationException.invalid("features", null, "the content recommender needs a features CSV file");
            }
            ItemFeatures items = columns(ItemFeatures.csv(Path.of(file)), p.string("id", "item"),
                    p.string("tags", ""), separator, p.string("numeric", "")).load();
            Builder b = builder(items).centered(centered).declaredWeight(p.real("declaredWeight", 1.0));
            String users = p.string("userFeatures", null);
            if (users != null) {
                b.userFeatures(columns(UserFeatures.csv(Path.of(users)), p.string("userId", "user"),
                        p.string("userTags", ""), separator, p.string("userNumeric", "")).load());
            }
            return b.build();
        }

        private static <F extends Features> FeatureCsv<F> columns(FeatureCsv<F> csv, String id, String tags,
                                                                  String separator, String numeric) {
            csv.idColumn(id);
            Arrays.stream(tags.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(c -> csv.tagColumn(c, separator));
            Arrays.stream(numeric.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(csv::numericColumn);
            return csv;
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            Settings s = in.json("content.json", Settings.class);
            if (s == null || s.features() == null) {
                throw in.corrupt("content.json names no features");
            }
            int dim = s.features().size();
            List<SparseVector> items = in.data("itemVectors", din -> {
                List<SparseVector> list = new ArrayList<>(data.itemCount());
                for (int j = 0; j < data.itemCount(); j++) {
                    list.add(vector(din, dim, "item vector " + j));
                }
                return list;
            });
            Map<String, SparseVector> declared = !in.has("declaredUsers") ? Map.of() : in.data("declaredUsers", din -> {
                Map<String, SparseVector> map = new LinkedHashMap<>();
                for (String user : BinaryArrays.readStrings(din)) {
                    map.put(user, vector(din, dim, "declared features of user '" + user + "'"));
                }
                return Collections.unmodifiableMap(map);
            });
            double weight = s.declaredWeight() == null ? 1.0 : s.declaredWeight();
            return new Model(info, data, s.features(), items, s.centered(), declared, weight, null);
        }

        private static SparseVector vector(java.io.DataInputStream din, int dim, String what) throws IOException {
            int[] idx = BinaryArrays.readInts(din);
            double[] val = BinaryArrays.readDoubles(din);
            try {
                return SparseVector.of(dim, idx, val);
            } catch (RuntimeException e) {
                throw new IOException(what + ": " + e.getMessage());
            }
        }
    }
}
