package io.mercato.recsys.data;

import io.mercato.core.data.Imputer;
import io.mercato.core.data.MinMaxScaler;
import io.mercato.core.linalg.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects content features by id and builds a {@link Features} table ({@link ItemFeatures#builder()},
 * {@link UserFeatures#builder()}). Feature order: tags sorted by name, then numeric columns in the
 * order first seen, then vector blocks in the order first seen. Numeric columns are completed and
 * scaled over all ids of the table with core's preprocessing: a missing value takes the column mean
 * ({@link Imputer}), then every column is min-max scaled to [0, 1] ({@link MinMaxScaler}). Several
 * calls for one id merge (tags add up, a numeric value or a block vector is replaced). Not thread-safe.
 *
 * @param <F> the kind of table built
 */
public final class FeatureBuilder<F extends Features> {

    /** Makes the table from its parts. */
    @FunctionalInterface
    interface Factory<F extends Features> {
        F create(IdIndex ids, List<String> names, SparseVector[] vectors);
    }

    private final Factory<F> factory;
    private final IdIndex.Builder ids = new IdIndex.Builder();
    private final List<Map<String, Double>> tags = new ArrayList<>();
    private final Map<String, Map<Integer, Double>> numeric = new LinkedHashMap<>();
    private final Map<String, Map<Integer, SparseVector>> blocks = new LinkedHashMap<>();
    private final Map<String, Integer> blockDimensions = new HashMap<>();

    FeatureBuilder(Factory<F> factory) {
        this.factory = factory;
    }

    private int id(String id) {
        int i = ids.add(Objects.requireNonNull(id, "id"));
        while (tags.size() <= i) {
            tags.add(new TreeMap<>());
        }
        return i;
    }

    /** Declares an id with no features yet (it gets the imputed numeric values). */
    public FeatureBuilder<F> add(String id) {
        id(id);
        return this;
    }

    /** A categorical value: feature "{@code group}={@code value}" = 1. */
    public FeatureBuilder<F> tag(String id, String group, String value) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(value, "value");
        tags.get(id(id)).put(group + "=" + value, 1.0);
        return this;
    }

    /** A numeric value (finite); scaled to [0, 1] over all ids at {@link #build()}. */
    public FeatureBuilder<F> numeric(String id, String column, double value) {
        Objects.requireNonNull(column, "column");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("numeric feature '" + column + "' of '" + id + "' must be finite, got " + value);
        }
        numeric.computeIfAbsent(column, c -> new HashMap<>()).put(id(id), value);
        return this;
    }

    /**
     * A sparse vector block, e.g. TF-IDF of the description; all vectors of a block share one dimension
     * and its features are named "{@code block}#{@code index}".
     */
    public FeatureBuilder<F> vector(String id, String block, SparseVector vector) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(vector, "vector");
        int dim = blockDimensions.computeIfAbsent(block, k -> vector.dimension());
        if (dim != vector.dimension()) {
            throw new IllegalArgumentException("block '" + block + "' has dimension " + dim + ", but the vector of '"
                    + id + "' has dimension " + vector.dimension());
        }
        blocks.computeIfAbsent(block, k -> new HashMap<>()).put(id(id), vector);
        return this;
    }

    /** The immutable table. */
    public F build() {
        int n = ids.size();
        List<String> names = new ArrayList<>();
        List<Map<Integer, Double>> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new TreeMap<>());
        }
        addTags(names, entries);
        addNumeric(names, entries);
        addBlocks(names, entries);
        SparseVector[] vectors = new SparseVector[n];
        for (int i = 0; i < n; i++) {
            vectors[i] = SparseVector.fromMap(names.size(), entries.get(i));
        }
        return factory.create(ids.build(), names, vectors);
    }

    private void addTags(List<String> names, List<Map<Integer, Double>> entries) {
        Map<String, Integer> tagIndex = new TreeMap<>();
        tags.forEach(t -> t.keySet().forEach(name -> tagIndex.put(name, 0)));
        for (Map.Entry<String, Integer> e : tagIndex.entrySet()) {
            e.setValue(names.size());
            names.add(e.getKey());
        }
        for (int i = 0; i < tags.size(); i++) {
            Map<Integer, Double> row = entries.get(i);
            tags.get(i).forEach((name, v) -> row.put(tagIndex.get(name), v));
        }
    }

    private void addNumeric(List<String> names, List<Map<Integer, Double>> entries) {
        if (numeric.isEmpty()) {
            return;
        }
        int n = entries.size();
        List<String> columns = new ArrayList<>(numeric.keySet());
        double[][] x = new double[n][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Map<Integer, Double> values = numeric.get(columns.get(c));
            for (int i = 0; i < n; i++) {
                x[i][c] = values.getOrDefault(i, Double.NaN); // NaN = missing for the imputer
            }
        }
        double[][] filled = Imputer.fitNumeric(x, Imputer.Strategy.MEAN).transform(x);
        double[][] scaled = MinMaxScaler.fit(filled).transform(filled);
        int offset = names.size();
        names.addAll(columns);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns.size(); c++) {
                if (scaled[i][c] != 0) {
                    entries.get(i).put(offset + c, scaled[i][c]);
                }
            }
        }
    }

    private void addBlocks(List<String> names, List<Map<Integer, Double>> entries) {
        for (Map.Entry<String, Map<Integer, SparseVector>> block : blocks.entrySet()) {
            int offset = names.size();
            int dim = blockDimensions.get(block.getKey());
            for (int d = 0; d < dim; d++) {
                names.add(block.getKey() + "#" + d);
            }
            block.getValue().forEach((i, v) -> {
                for (int k = 0; k < v.size(); k++) {
                    entries.get(i).put(offset + v.index(k), v.value(k));
                }
            });
        }
    }
}
