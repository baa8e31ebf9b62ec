package io.mercato.recsys.data;

import io.mercato.core.linalg.SparseVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of content features by id: one {@link SparseVector} per id over named features (tags such
 * as "genre=Drama", scaled numeric columns such as "price", blocks of sparse vectors such as
 * "description#17"). The two kinds, {@link ItemFeatures} and {@link UserFeatures}, share this state and
 * one builder ({@link FeatureBuilder}) and CSV loader ({@link FeatureCsv}); they differ only in what
 * their ids name, so that a content model cannot confuse one for the other. Immutable.
 */
public abstract sealed class Features permits ItemFeatures, UserFeatures {

    private final IdIndex ids;
    private final List<String> names;
    private final Map<String, Integer> nameIndex;
    private final SparseVector[] vectors;

    Features(IdIndex ids, List<String> names, SparseVector[] vectors) {
        this.ids = ids;
        this.names = List.copyOf(names);
        this.vectors = vectors;
        Map<String, Integer> index = new HashMap<>();
        for (int f = 0; f < this.names.size(); f++) {
            if (index.putIfAbsent(this.names.get(f), f) != null) {
                throw new IllegalArgumentException("feature name '" + this.names.get(f) + "' appears twice");
            }
        }
        this.nameIndex = Map.copyOf(index);
    }

    /** Ids that have features. */
    public IdIndex ids() {
        return ids;
    }

    /** Number of features. */
    public int dimension() {
        return names.size();
    }

    /** Name of feature {@code f}, e.g. "genre=Drama", "price", "description#17". */
    public String featureName(int f) {
        return names.get(f);
    }

    /** All feature names, in index order. */
    public List<String> featureNames() {
        return names;
    }

    /** The index of the feature named {@code name}, or -1. */
    public int featureIndex(String name) {
        return nameIndex.getOrDefault(name, -1);
    }

    /** The features of {@code id}; an empty vector when the id has none. */
    public SparseVector vector(String id) {
        int i = ids.index(id);
        return i < 0 ? SparseVector.empty(dimension()) : vectors[i];
    }

    /** Checks the parts of a table restored with {@code of(ids, names, vectors)}; returns the vectors as an array. */
    static SparseVector[] checked(List<String> ids, List<String> names, List<SparseVector> vectors) {
        if (ids.size() != vectors.size()) {
            throw new IllegalArgumentException(ids.size() + " ids but " + vectors.size() + " vectors");
        }
        for (int i = 0; i < vectors.size(); i++) {
            SparseVector v = vectors.get(i);
            if (v.dimension() != names.size()) {
                throw new IllegalArgumentException("vector of '" + ids.get(i) + "' has dimension " + v.dimension()
                        + ", but there are " + names.size() + " feature names");
            }
        }
        return vectors.toArray(SparseVector[]::new);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + ids.size() + " ids, " + names.size() + " features]";
    }
}
