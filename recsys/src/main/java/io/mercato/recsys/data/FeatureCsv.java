package io.mercato.recsys.data;

import io.mercato.core.DataException;
import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Loads a {@link Features} table ({@link ItemFeatures#csv(Path)}, {@link UserFeatures#csv(Path)}) from a
 * CSV/TSV file with a header: an id column, tag columns (multi-valued cells split on a separator,
 * e.g. "Action|Comedy"; blank values skipped) and numeric columns (an empty cell is a missing value,
 * imputed by the column mean). Rows repeating an id merge into that id's features.
 *
 * @param <F> the kind of table loaded
 */
public final class FeatureCsv<F extends Features> {

    /** How one tag column becomes features: its values are split on {@code separator} and named "{@code group}=value". */
    private record TagColumn(String separator, String group) {
    }

    private final Path file;
    private final Supplier<FeatureBuilder<F>> builder;
    private String idColumn;
    private final Map<String, TagColumn> tagColumns = new LinkedHashMap<>();
    private final List<String> numericColumns = new ArrayList<>();

    FeatureCsv(Path file, String idColumn, Supplier<FeatureBuilder<F>> builder) {
        this.file = Objects.requireNonNull(file, "file");
        this.idColumn = idColumn;
        this.builder = builder;
    }

    /** The id column (default "item" for items, "user" for users). */
    public FeatureCsv<F> idColumn(String name) {
        this.idColumn = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * A categorical column whose cells hold values separated by the regex {@code separator} (e.g.
     * "\\|"); its features are named "{@code name}=value".
     */
    public FeatureCsv<F> tagColumn(String name, String separator) {
        return tagColumn(name, separator, name);
    }

    /**
     * A categorical column whose features are named "{@code group}=value" rather than after the column,
     * e.g. a users file's "interests" column read as group "category" so that its values meet the
     * items' "category" tags.
     */
    public FeatureCsv<F> tagColumn(String name, String separator, String group) {
        tagColumns.put(Objects.requireNonNull(name, "name"),
                new TagColumn(Objects.requireNonNull(separator, "separator"), Objects.requireNonNull(group, "group")));
        return this;
    }

    /** A numeric column. */
    public FeatureCsv<F> numericColumn(String name) {
        numericColumns.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Reads the file. A missing column, an empty id or a non-numeric cell in a numeric column is a
     * {@link DataException} naming the file (and the line and column).
     */
    public F load() {
        FeatureBuilder<F> b = builder.get();
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
                    TagColumn spec = tagColumns.get(col);
                    for (String v : r.get(c).split(spec.separator())) {
                        if (!v.isBlank()) {
                            b.tag(key, spec.group(), v.trim());
                        }
                    }
                });
                numIdx.forEach((col, c) -> {
                    String v = r.get(c).trim();
                    if (!v.isEmpty()) {
                        double x;
                        try {
                            x = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            throw r.error(col, "not a number: '" + v + "'");
                        }
                        if (!Double.isFinite(x)) {
                            throw r.error(col, "not a finite number: '" + v + "'");
                        }
                        b.numeric(key, col, x);
                    }
                });
            }
        }
        return b.build();
    }
}
