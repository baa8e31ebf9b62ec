package io.mercato.recsys.data;

import io.mercato.core.DataException;
import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import io.mercato.core.data.Imputer;
import io.mercato.core.data.MinMaxScaler;
import io.mercato.core.linalg.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Content features of items (or of users: the class only knows ids): categorical tags ("genre=Drama"),
 * numeric columns min-max scaled to [0, 1] with missing values imputed by the column mean (core's
 * {@link Imputer} and {@link MinMaxScaler}), and blocks
 * of sparse vectors such as TF-IDF of descriptions (produced by the text module or anything else).
 * Each id gets one {@link SparseVector} over the named features. Immutable.
 */
public final class ItemFeatures {

    private final IdIndex ids;
    private final List<String> names;
    private final SparseVector[] vectors;

    private ItemFeatures(IdIndex ids, List<String> names, SparseVector[] vectors) {
        this.ids = ids;
        this.names = List.copyOf(names);
        this.vectors = vectors;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A loader for a CSV/TSV file with one row per id. */
    public static Csv csv(Path file) {
        return new Csv(file);
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

    /** The features of {@code id}; an empty vector when the id has none. */
    public SparseVector vector(String id) {
        int i = ids.index(id);
        return i < 0 ? SparseVector.empty(dimension()) : vectors[i];
    }

    /** Restores features from their parts (used by model readers). */
    public static ItemFeatures of(List<String> ids, List<String> names, List<SparseVector> vectors) {
        if (ids.size() != vectors.size()) {
            throw new IllegalArgumentException(ids.size() + " ids but " + vectors.size() + " vectors");
        }
        for (SparseVector v : vectors) {
            if (v.dimension() != names.size()) {
                throw new IllegalArgumentException("vector dimension " + v.dimension() + " != " + names.size() + " features");
            }
        }
        return new ItemFeatures(IdIndex.of(ids), names, vectors.toArray(SparseVector[]::new));
    }

    @Override
    public String toString() {
        return "ItemFeatures[" + ids.size() + " ids, " + names.size() + " features]";
    }

    /** Collects features by id. Not thread-safe. */
    public static final class Builder {
        private final IdIndex.Builder ids = new IdIndex.Builder();
        private final List<Map<String, Double>> tags = new ArrayList<>();
        private final Map<String, Map<Integer, Double>> numeric = new LinkedHashMap<>();
        private final Map<String, Map<Integer, SparseVector>> blocks = new LinkedHashMap<>();

        private Builder() {
        }

        private int id(String id) {
            int i = ids.add(Objects.requireNonNull(id, "id"));
            while (tags.size() <= i) {
                tags.add(new TreeMap<>());
            }
            return i;
        }

        /** Declares an id with no features yet (it gets the imputed numeric values). */
        public Builder add(String id) {
            id(id);
            return this;
        }

        /** A categorical value: feature "{@code group}={@code value}" = 1. */
        public Builder tag(String id, String group, String value) {
            tags.get(id(id)).put(group + "=" + value, 1.0);
            return this;
        }

        /** A numeric value (finite); scaled to [0, 1] over all ids at {@link #build()}. */
        public Builder numeric(String id, String column, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("numeric feature '" + column + "' of '" + id + "' must be finite, got " + value);
            }
            numeric.computeIfAbsent(column, c -> new HashMap<>()).put(id(id), value);
            return this;
        }

        /** A sparse vector block, e.g. TF-IDF of the description; all vectors of a block share one dimension. */
        public Builder vector(String id, String block, SparseVector vector) {
            Map<Integer, SparseVector> b = blocks.computeIfAbsent(block, k -> new HashMap<>());
            if (!b.isEmpty() && b.values().iterator().next().dimension() != vector.dimension()) {
                throw new IllegalArgumentException("block '" + block + "' has dimension "
                        + b.values().iterator().next().dimension() + ", got " + vector.dimension());
            }
            b.put(id(id), vector);
            return this;
        }

        /** The immutable features. */
        public ItemFeatures build() {
            int n = ids.size();
            List<String> names = new ArrayList<>();
            Map<String, Integer> tagIndex = new TreeMap<>();
            for (Map<String, Double> t : tags) {
                for (String name : t.keySet()) {
                    tagIndex.putIfAbsent(name, 0);
                }
            }
            for (String name : tagIndex.keySet()) {
                tagIndex.put(name, names.size());
                names.add(name);
            }
            List<Map<Integer, Double>> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<Integer, Double> e = new TreeMap<>();
                tags.get(i).forEach((name, v) -> e.put(tagIndex.get(name), v));
                entries.add(e);
            }
            if (!numeric.isEmpty()) {
                // missing values (NaN) take the column mean, then every column is min-max scaled to [0, 1]
                List<String> columns = new ArrayList<>(numeric.keySet());
                double[][] x = new double[n][columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    Map<Integer, Double> values = numeric.get(columns.get(c));
                    for (int i = 0; i < n; i++) {
                        x[i][c] = values.getOrDefault(i, Double.NaN);
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
            for (Map.Entry<String, Map<Integer, SparseVector>> block : blocks.entrySet()) {
                int offset = names.size();
                int dim = block.getValue().values().iterator().next().dimension();
                for (int d = 0; d < dim; d++) {
                    names.add(block.getKey() + "#" + d);
                }
                block.getValue().forEach((i, v) -> {
                    for (int k = 0; k < v.size(); k++) {
                        entries.get(i).put(offset + v.index(k), v.value(k));
                    }
                });
            }
            SparseVector[] vectors = new SparseVector[n];
            for (int i = 0; i < n; i++) {
                vectors[i] = SparseVector.fromMap(names.size(), entries.get(i));
            }
            return new ItemFeatures(ids.build(), names, vectors);
        }
    }

    /**
     * Loads features from a CSV/TSV file with a header: an id column, tag columns (multi-valued cells
     * split on a separator, e.g. "Action|Comedy") and numeric columns (empty cell = missing).
     */
    public static final class Csv {
        private final Path file;
        private String idColumn = "item";
        private final Map<String, String> tagColumns = new LinkedHashMap<>();
        private final List<String> numericColumns = new ArrayList<>();

        private Csv(Path file) {
            this.file = Objects.requireNonNull(file);
        }

        /** The id column (default "item"). */
        public Csv idColumn(String name) {
            this.idColumn = Objects.requireNonNull(name);
            return this;
        }

        /** A categorical column whose cells hold values separated by the regex {@code separator} (e.g. "\\|"). */
        public Csv tagColumn(String name, String separator) {
            tagColumns.put(name, separator);
            return this;
        }

        /** A numeric column. */
        public Csv numericColumn(String name) {
            numericColumns.add(name);
            return this;
        }

        /** Reads the file; a non-numeric cell in a numeric column is a {@link DataException} with its line. */
        public ItemFeatures load() {
            Builder b = builder();
            try (CsvReader reader = CsvReader.open(file)) {
                int id = reader.column(idColumn);
                Map<String, Integer> tagIdx = new LinkedHashMap<>();
                tagColumns.keySet().forEach(c -> tagIdx.put(c, reader.column(c)));
                Map<String, Integer> numIdx = new LinkedHashMap<>();
                numericColumns.forEach(c -> numIdx.put(c, reader.column(c)));
                for (CsvRecord r : reader) {
                    String key = r.get(id).trim();
                    if (key.isEmpty()) {
                        throw r.error(idColumn, "empty id");
                    }
                    b.add(key);
                    tagIdx.forEach((col, c) -> {
                        for (String v : r.get(c).split(tagColumns.get(col))) {
                            if (!v.isBlank()) {
                                b.tag(key, col, v.trim());
                            }
                        }
                    });
                    numIdx.forEach((col, c) -> {
                        String v = r.get(c).trim();
                        if (!v.isEmpty()) {
                            try {
                                b.numeric(key, col, Double.parseDouble(v));
                            } catch (IllegalArgumentException e) {
                                throw r.error(col, "not a finite number: '" + v + "'");
                            }
                        }
                    });
                }
            }
            return b.build();
        }
    }
}
