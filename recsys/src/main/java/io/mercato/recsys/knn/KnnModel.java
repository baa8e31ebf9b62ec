package io.mercato.recsys.knn;

import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.baseline.Biases;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A trained {@link Knn} model (item- or user-based). Immutable. */
final class KnnModel extends AbstractRecommender {

    private final Knn config;
    private final Biases biases;
    private final NeighbourIndex index;
    private final NeighbourIndex reverse; // item-kNN ranking: items that count an item among their k nearest

    KnnModel(ModelInfo info, Knn config, Interactions data, Biases biases, NeighbourIndex index) {
        super(info, data);
        this.config = config;
        this.biases = biases;
        this.index = index;
        this.reverse = config.kind == Knn.Kind.ITEM ? index.reverse(config.neighbours) : null;
    }

    @Override
    public double[] scores(int user) {
        double[] s = new double[data.itemCount()];
        SparseMatrix byUser = data.byUser();
        if (config.kind == Knn.Kind.ITEM) {
            for (int k = byUser.start(user); k < byUser.end(user); k++) {
                int i = byUser.index(k);
                double w = weight(user, i, byUser.value(k));
                for (int q = reverse.start(i); q < reverse.end(i); q++) {
                    s[reverse.neighbour(q)] += w * reverse.similarity(q);
                }
            }
        } else {
            int last = Math.min(index.end(user), index.start(user) + config.neighbours);
            for (int q = index.start(user); q < last; q++) {
                int v = index.neighbour(q);
                float sim = index.similarity(q);
                for (int k = byUser.start(v); k < byUser.end(v); k++) {
                    s[byUser.index(k)] += sim * weight(v, byUser.index(k), byUser.value(k));
                }
            }
        }
        return s;
    }

    /** The weight of (user, item, value) in a ranking score. */
    private double weight(int user, int item, float value) {
        return switch (config.rankingWeight) {
            case BINARY -> 1;
            case VALUE -> value;
            case RESIDUAL -> value - biases.estimate(user, item) + 1;
        };
    }

    @Override
    public boolean predictsRatings() {
        return true;
    }

    @Override
    public double predict(int user, int item) {
        double base = biases.estimate(user, item);
        double num = 0;
        double den = 0;
        int found = 0;
        SparseMatrix byUser = data.byUser();
        int row = config.kind == Knn.Kind.ITEM ? item : user;
        for (int q = index.start(row); q < index.end(row) && found < config.neighbours; q++) {
            int nb = index.neighbour(q);
            int k = config.kind == Knn.Kind.ITEM ? byUser.find(user, nb) : byUser.find(nb, item);
            if (k < 0) {
                continue;
            }
            double residual = config.kind == Knn.Kind.ITEM
                    ? byUser.value(k) - biases.estimate(user, nb)
                    : byUser.value(k) - biases.estimate(nb, item);
            num += index.similarity(q) * residual;
            den += index.similarity(q);
            found++;
        }
        double r = den > 0 ? base + num / den : base;
        return Math.max(data.minValue(), Math.min(data.maxValue(), r));
    }

    @Override
    public Explanation explain(int user, int item) {
        List<Explanation.Reason> reasons = new ArrayList<>();
        SparseMatrix byUser = data.byUser();
        double score = 0;
        if (config.kind == Knn.Kind.ITEM) {
            // the user's items that count among the item's k nearest: exactly the terms of scores(user)[item]
            int last = Math.min(index.end(item), index.start(item) + config.neighbours);
            for (int q = index.start(item); q < last; q++) {
                int k = byUser.find(user, index.neighbour(q));
                if (k >= 0) {
                    double c = weight(user, index.neighbour(q), byUser.value(k)) * index.similarity(q);
                    reasons.add(new Explanation.Reason("item", data.items().id(index.neighbour(q)), c));
                    score += c;
                }
            }
        } else {
            int last = Math.min(index.end(user), index.start(user) + config.neighbours);
            for (int q = index.start(user); q < last; q++) {
                int v = index.neighbour(q);
                int k = byUser.find(v, item);
                if (k >= 0) {
                    double c = weight(v, item, byUser.value(k)) * index.similarity(q);
                    reasons.add(new Explanation.Reason("user", data.users().id(v), c));
                    score += c;
                }
            }
        }
        reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
        String summary;
        if (reasons.isEmpty()) {
            summary = "no similar " + (config.kind == Knn.Kind.ITEM ? "items among yours" : "users chose it");
        } else {
            List<String> names = reasons.stream().limit(3).map(Explanation.Reason::label).toList();
            summary = config.kind == Knn.Kind.ITEM
                    ? "because you liked " + String.join(", ", names)
                    : "because similar customers (" + String.join(", ", names) + ") chose it";
        }
        return new Explanation(data.users().id(user), data.items().id(item), score, summary, reasons);
    }

    @Override
    public double[] itemSimilarities(int item) {
        if (config.kind == Knn.Kind.USER) {
            return super.itemSimilarities(item);
        }
        double[] s = new double[data.itemCount()];
        Arrays.fill(s, Double.NaN);
        for (int q = index.start(item); q < index.end(item); q++) {
            s[index.neighbour(q)] = index.similarity(q);
        }
        return s;
    }

    /**
     * Adds interactions without recomputing every neighbourhood: the biases are refitted (cheap) and
     * only the rows whose similarities can change are recomputed: the rows whose vectors changed
     * (item-kNN: the items of the users in {@code additional}; user-kNN: those users, and with adjusted
     * cosine every user of their items), and for the cosines, whose norms run over whole vectors, also
     * every row sharing an entry with a changed row. The result equals a full fit on the merged data for
     * every similarity but {@link Similarity#PEARSON_BASELINE}, whose other rows keep the residuals of the
     * old biases until the next full fit.
     */
    @Override
    public Recommender update(Interactions additional) {
        long start = System.nanoTime();
        Interactions merged = data.plus(additional, Interactions.DuplicatePolicy.LAST);
        boolean itemBased = config.kind == Knn.Kind.ITEM;
        SparseMatrix rows = itemBased ? merged.byItem() : merged.byUser();
        SparseMatrix cols = itemBased ? merged.byUser() : merged.byItem();
        boolean[] changedUsers = new boolean[merged.userCount()];
        for (String id : additional.users().ids()) {
            changedUsers[merged.users().index(id)] = true;
        }
        boolean[] changed = itemBased ? expand(merged.byUser(), changedUsers, merged.itemCount()) : changedUsers;
        if (!itemBased && config.similarity == Similarity.ADJUSTED_COSINE) {
            // the item means of the changed users' items moved, and with them every user of those items
            boolean[] items = expand(merged.byUser(), changedUsers, merged.itemCount());
            changed = or(changed, expand(merged.byItem(), items, merged.userCount()));
        }
        boolean fullVector = config.similarity == Similarity.COSINE || config.similarity == Similarity.ADJUSTED_COSINE;
        // a row that co-occurs with a changed row: its similarity to it changes through the co-rated entries
        // (co-rated similarities) or through the changed row's norm (cosines)
        boolean[] recompute = fullVector
                ? or(changed, expand(cols, expand(rows, changed, cols.rows()), rows.rows()))
                : or(changed, coRatedWithChangedEntries(rows, cols, changedUsers, itemBased));
        Biases refitted = Biases.fit(merged, config.regUser, config.regItem, 10);
        NeighbourIndex updated = config.neighbourIndex(merged, refitted, recompute, index);
        return new KnnModel(ModelInfo.timed(info.algorithm(), info.hyperParameters(), start), config, merged,
                refitted, updated);
    }

    /** Rows of {@code m} flagged, mapped through their entries: the columns they touch. */
    private static boolean[] expand(SparseMatrix m, boolean[] flagged, int cols) {
        boolean[] out = new boolean[cols];
        for (int r = 0; r < m.rows(); r++) {
            if (flagged[r]) {
                for (int k = m.start(r); k < m.end(r); k++) {
                    out[m.index(k)] = true;
                }
            }
        }
        return out;
    }

    private static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] |= b[i];
        }
        return out;
    }

    /**
     * For co-rated similarities only pairs sharing a changed user (item-kNN) change: its items are the
     * changed rows already. User-kNN: users sharing an item with a changed user.
     */
    private static boolean[] coRatedWithChangedEntries(SparseMatrix rows, SparseMatrix cols, boolean[] changedUsers,
                                                       boolean itemBased) {
        if (itemBased) {
            return new boolean[rows.rows()];
        }
        return expand(cols, expand(rows, changedUsers, cols.rows()), rows.rows());
    }

    @Override
    public void writeTo(ModelWriter out) {
        biases.writeTo(out);
        out.ints("neighbourPointers", index.pointers());
        out.ints("neighbours", index.neighbours());
        out.floats("similarities", index.similaritiesArray());
    }

    static KnnModel read(Knn config, ModelReader in, Interactions data, ModelInfo info) {
        Biases biases = Biases.read(in, data);
        int[] ptr = in.ints("neighbourPointers");
        int[] nbr = in.ints("neighbours");
        float[] sim = in.floats("similarities");
        int rows = config.kind == Knn.Kind.ITEM ? data.itemCount() : data.userCount();
        if (ptr.length != rows + 1 || ptr[0] != 0 || ptr[rows] != nbr.length || nbr.length != sim.length) {
            throw in.corrupt("neighbour lists do not match the training data");
        }
        for (int r = 0; r < rows; r++) {
            if (ptr[r + 1] < ptr[r]) {
                throw in.corrupt("neighbour pointers decrease at row " + r);
            }
        }
        for (int n : nbr) {
            if (n < 0 || n >= rows) {
                throw in.corrupt("neighbour index " + n + " out of range");
            }
        }
        return new KnnModel(info, config, data, biases, new NeighbourIndex(ptr, nbr, sim));
    }
}
