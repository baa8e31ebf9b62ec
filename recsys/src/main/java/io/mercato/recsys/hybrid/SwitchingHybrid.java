package io.mercato.recsys.hybrid;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cold start by switching: users unknown to the model or with fewer than {@code minUserInteractions}
 * interactions are served by the first of the new-user recommenders that can score them
 * ({@link Recommender#canScore(String)}), or else by the last one: typically content-based with the
 * users' declared {@link io.mercato.recsys.data.UserFeatures} (a new user who told us their interests,
 * or whose few interactions were folded in, gets items like those), then popularity (which serves
 * anyone);
 * items with fewer than {@code minItemInteractions} interactions (e.g. products just added to the
 * catalog with {@link Interactions.Builder#addItem(String)}) get the new-item recommender's score
 * (typically content-based), rescaled to the range of the primary's row so that they compete with
 * the other items. Everyone else gets the primary recommender. Rating predictions ({@code predict}) of
 * new and unknown users come from the first new-user recommender that predicts ratings (e.g.
 * {@code baseline}: mean plus item bias); with none, an unknown user is an
 * {@link io.mercato.recsys.UnknownIdException}.
 */
public final class SwitchingHybrid implements RecommenderTrainer {

    /** Algorithm name. */
    public static final String NAME = "switching-hybrid";

    private final RecommenderTrainer primary;
    private final List<RecommenderTrainer> newUsers;
    private final RecommenderTrainer newItems;
    private final int minUserInteractions;
    private final int minItemInteractions;

    private SwitchingHybrid(Builder b) {
        this.primary = b.primary;
        this.newUsers = b.newUsers;
        this.newItems = b.newItems;
        this.minUserInteractions = b.minUserInteractions;
        this.minItemInteractions = b.minItemInteractions;
    }

    /** A builder around the recommender for known users and items. */
    public static Builder builder(RecommenderTrainer primary) {
        return new Builder(primary);
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("primary", primary.describe());
        m.put("newUsers", newUsers.isEmpty() ? "none"
                : newUsers.stream().map(RecommenderTrainer::describe).collect(Collectors.joining(", then ")));
        m.put("newItems", newItems == null ? "none" : newItems.describe());
        m.put("minUserInteractions", Integer.toString(minUserInteractions));
        m.put("minItemInteractions", Integer.toString(minItemInteractions));
        return m;
    }

    @Override
    public Recommender fit(Interactions data) {
        long start = System.nanoTime();
        Recommender p = primary.fit(data);
        List<Recommender> u = newUsers.stream().map(t -> t.fit(data)).toList();
        Recommender i = newItems == null ? null : newItems.fit(data);
        return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, p, u, i,
                minUserInteractions, minItemInteractions);
    }

    /** Fluent configuration of {@link SwitchingHybrid}. */
    public static final class Builder {
        private final RecommenderTrainer primary;
        private List<RecommenderTrainer> newUsers = List.of();
        private RecommenderTrainer newItems;
        private int minUserInteractions = 1;
        private int minItemInteractions = 1;

        private Builder(RecommenderTrainer primary) {
            this.primary = Check.notNull("primary", primary);
        }

        /**
         * Serve unknown users and users with fewer than {@code minUserInteractions} interactions: each
         * such user goes to the first of these that {@linkplain Recommender#canScore(String) can score}
         * them, else to the last, e.g. {@code newUsers(contentWithUserFeatures, popularity)}.
         */
        public Builder newUsers(RecommenderTrainer fallback, RecommenderTrainer... more) {
            List<RecommenderTrainer> all = new ArrayList<>();
            all.add(Check.notNull("newUsers", fallback));
            for (RecommenderTrainer t : more) {
                all.add(Check.notNull("newUsers", t));
            }
            this.newUsers = List.copyOf(all);
            return this;
        }

        /** Scores items with fewer than {@code minItemInteractions} interactions. */
        public Builder newItems(RecommenderTrainer fallback) {
            this.newItems = Check.notNull("newItems", fallback);
            return this;
        }

        /** Users with fewer interactions count as new (>= 1, default 1: only users without any). */
        public Builder minUserInteractions(int n) {
            this.minUserInteractions = Check.positive("minUserInteractions", n);
            return this;
        }

        /** Items with fewer interactions count as new (>= 1, default 1: only items without any). */
        public Builder minItemInteractions(int n) {
            this.minItemInteractions = Check.positive("minItemInteractions", n);
            return this;
        }

        /** The trainer. */
        public SwitchingHybrid build() {
            if (newUsers.isEmpty() && newItems == null) {
                throw ConfigurationException.invalid("newUsers/newItems", "none", "set at least one fallback");
            }
            return new SwitchingHybrid(this);
        }
    }

    /** The trained switch. */
    static final class Model extends AbstractRecommender {
        private final Recommender primary;
        private final List<Recommender> newUsers; // in order of preference; empty: no user fallback
        private final Recommender newItems;
        private final int minUser;
        private final int minItem;

        Model(ModelInfo info, Interactions data, Recommender primary, List<Recommender> newUsers, Recommender newItems,
              int minUser, int minItem) {
            super(info, data);
            this.primary = primary;
            this.newUsers = newUsers;
            this.newItems = newItems;
            this.minUser = minUser;
            this.minItem = minItem;
        }

        private boolean isNewUser(int user) {
            return !newUsers.isEmpty() && data.byUser().length(user) < minUser;
        }

        /** The new-user recommender for {@code user}: the first that can score them, else the last. */
        private Recommender route(String user) {
            for (Recommender r : newUsers) {
                if (r.canScore(user)) {
                    return r;
                }
            }
            return newUsers.get(newUsers.size() - 1);
        }

        private boolean isNewItem(int item) {
            return newItems != null && data.byItem().length(item) < minItem;
        }

        /** Unknown users go to a new-user recommender (which must serve unknown ids, as popularity does). */
        @Override
        public double[] scores(String user) {
            int u = data.users().index(user);
            if (u < 0 && !newUsers.isEmpty()) {
                return route(user).scores(user);
            }
            return super.scores(user);
        }

        /** Known users always; unknown users when a new-user recommender can score them. */
        @Override
        public boolean canScore(String user) {
            return data.users().contains(user) || newUsers.stream().anyMatch(r -> r.canScore(user));
        }

        @Override
        public double[] scores(int user) {
            double[] row = isNewUser(user) ? route(data.users().id(user)).scores(user) : primary.scores(user);
            if (newItems == null) {
                return row;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean anyNew = false;
            for (int i = 0; i < row.length; i++) {
                if (isNewItem(i)) {
                    anyNew = true;
                } else if (Double.isFinite(row[i])) {
                    lo = Math.min(lo, row[i]);
                    hi = Math.max(hi, row[i]);
                }
            }
            if (!anyNew) {
                return row;
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            double[] cold = newItems.scores(user);
            Normalization.MIN_MAX.apply(cold);
            for (int i = 0; i < row.length; i++) {
                if (isNewItem(i)) {
                    row[i] = lo + (hi - lo) * cold[i];
                }
            }
            return row;
        }

        @Override
        public boolean predictsRatings() {
            return primary.predictsRatings();
        }

        /** New users get the first rating-predicting new-user recommender's rating, if any; others the primary's. */
        @Override
        public double predict(int user, int item) {
            Recommender fallback = isNewUser(user) ? ratingFallback(data.users().id(user)) : null;
            return fallback != null ? fallback.predict(user, item) : primary.predict(user, item);
        }

        /**
         * Users unknown to the training data get the rating of the first new-user recommender that
         * predicts ratings and can score them (e.g. {@code baseline}: mean plus item bias); without such
         * a recommender they fail with {@link io.mercato.recsys.UnknownIdException}.
         */
        @Override
        public double predict(String user, String item) {
            if (!data.users().contains(user)) {
                Recommender fallback = ratingFallback(user);
                if (fallback != null) {
                    return fallback.predict(user, item);
                }
            }
            return super.predict(user, item);
        }

        /** The first new-user recommender that predicts ratings and can score {@code user}, or null. */
        private Recommender ratingFallback(String user) {
            for (Recommender r : newUsers) {
                if (r.predictsRatings() && r.canScore(user)) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public Explanation explain(int user, int item) {
            if (isNewItem(item)) {
                return newItems.explain(user, item);
            }
            return isNewUser(user) ? route(data.users().id(user)).explain(user, item) : primary.explain(user, item);
        }

        /** Unknown users are explained by the new-user recommender that serves them. */
        @Override
        public Explanation explain(String user, String item) {
            if (!data.users().contains(user) && !newUsers.isEmpty()) {
                return route(user).explain(user, item);
            }
            return super.explain(user, item);
        }

        @Override
        public double[] itemSimilarities(int item) {
            return isNewItem(item) ? newItems.itemSimilarities(item) : primary.itemSimilarities(item);
        }

        @Override
        public Recommender update(Interactions additional) {
            Recommender p = primary.update(additional);
            return new Model(info, p.trainingData(), p,
                    newUsers.stream().map(r -> r.update(additional)).toList(),
                    newItems == null ? null : newItems.update(additional), minUser, minItem);
        }

        @Override
        public void writeTo(ModelWriter out) {
            out.json("switching.json", new Settings(minUser, minItem, !newUsers.isEmpty(), newItems != null,
                    newUsers.size()));
            out.model("primary", primary);
            for (int k = 0; k < newUsers.size(); k++) {
                out.model(newUsersEntry(k), newUsers.get(k));
            }
            if (newItems != null) {
                out.model("newItems", newItems);
            }
        }
    }

    /** The switching.json entry ({@code newUserCount} is 0 in version 1 files, which hold at most one). */
    record Settings(int minUserInteractions, int minItemInteractions, boolean hasNewUsers, boolean hasNewItems,
                    int newUserCount) {
    }

    /** The nested entry of the k-th new-user recommender: "newUsers", "newUsers2", ... */
    private static String newUsersEntry(int k) {
        return k == 0 ? "newUsers" : "newUsers" + (k + 1);
    }

    /**
     * Registry entry. By name: {@code primary=item-knn}, {@code newUsers=popularity} (comma-separated
     * names, tried in order), {@code newItems=} (an algorithm name; content needs its own parameters
     * and is better built in code),
     * {@code minUserInteractions}, {@code minItemInteractions}.
     */
    public static final class Provider implements AlgorithmProvider {
        @Override
        public String name() {
            return NAME;
        }

        /** 2: several new-user recommenders; version 1 files are still read. */
        @Override
        public int version() {
            return 2;
        }

        @Override
        public RecommenderTrainer trainer(AlgorithmParams p) {
            Builder b = builder(Recommenders.byName(p.string("primary", "item-knn"), Map.of()));
            List<RecommenderTrainer> users = Arrays.stream(p.string("newUsers", "popularity").split(","))
                    .map(String::trim).filter(n -> !n.isEmpty()).map(n -> Recommenders.byName(n, Map.of())).toList();
            if (!users.isEmpty()) {
                b.newUsers(users.get(0), users.subList(1, users.size()).toArray(RecommenderTrainer[]::new));
            }
            String items = p.string("newItems", "");
            if (!items.isBlank()) {
                b.newItems(Recommenders.byName(items, Map.of()));
            }
            return b.minUserInteractions(p.integer("minUserInteractions", 1))
                    .minItemInteractions(p.integer("minItemInteractions", 1)).build();
        }

        @Override
        public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
            Settings s = in.json("switching.json", Settings.class);
            int count = s.newUserCount() > 0 ? s.newUserCount() : s.hasNewUsers() ? 1 : 0;
            List<Recommender> users = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                users.add(in.model(newUsersEntry(k)));
            }
            return new Model(info, data, in.model("primary"), List.copyOf(users),
                    s.hasNewItems() ? in.model("newItems") : null,
                    s.minUserInteractions(), s.minItemInteractions());
        }
    }
}
