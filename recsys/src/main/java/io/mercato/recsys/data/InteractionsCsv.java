package io.mercato.recsys.data;

import io.mercato.core.DataException;
import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link Interactions} from a CSV/TSV file with a header, columns chosen by name. Without a
 * rating column every row counts 1 (or the weight of its event, with an event column). A bad row
 * (empty id, unparsable rating or timestamp, unknown event) is a {@link DataException} naming the
 * file, line and column; up to {@link #maxBadRows(int)} bad rows are skipped and logged instead.
 */
public final class InteractionsCsv {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionsCsv.class);

    private final Path file;
    private String userColumn = "user";
    private String itemColumn = "item";
    private String ratingColumn;
    private String timestampColumn;
    private String eventColumn;
    private Map<String, Double> eventWeights = Map.of();
    private Interactions.DuplicatePolicy policy = Interactions.DuplicatePolicy.LAST;
    private Character separator;
    private int maxBadRows;
    private final List<DataException> skipped = new ArrayList<>();

    InteractionsCsv(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Column with the user id (default "user"). */
    public InteractionsCsv userColumn(String name) {
        this.userColumn = Objects.requireNonNull(name);
        return this;
    }

    /** Column with the item id (default "item"). */
    public InteractionsCsv itemColumn(String name) {
        this.itemColumn = Objects.requireNonNull(name);
        return this;
    }

    /** Column with the rating or interaction strength (default none: every row counts 1). */
    public InteractionsCsv ratingColumn(String name) {
        this.ratingColumn = name;
        return this;
    }

    /** Column with a numeric timestamp (e.g. epoch seconds); empty cells mean "no timestamp". */
    public InteractionsCsv timestampColumn(String name) {
        this.timestampColumn = name;
        return this;
    }

    /** Column with an implicit event type, valued by {@code weights} (multiplied by the rating, if any). */
    public InteractionsCsv eventColumn(String name, Map<String, Double> weights) {
        this.eventColumn = Objects.requireNonNull(name);
        this.eventWeights = Map.copyOf(weights);
        return this;
    }

    /** How repeated (user, item) pairs are combined (default LAST). */
    public InteractionsCsv duplicatePolicy(Interactions.DuplicatePolicy policy) {
        this.policy = Objects.requireNonNull(policy);
        return this;
    }

    /** Field separator; by default taken from the extension (.tsv/.tab: TAB, else comma). */
    public InteractionsCsv separator(char separator) {
        this.separator = separator;
        return this;
    }

    /** How many bad rows may be skipped (each logged with its line) before loading fails; default 0. */
    public InteractionsCsv maxBadRows(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxBadRows must be >= 0, got " + max);
        }
        this.maxBadRows = max;
        return this;
    }

    /** The bad rows skipped by the last {@link #load()}. */
    public List<DataException> skippedRows() {
        return List.copyOf(skipped);
    }

    /** Reads the file. */
    public Interactions load() {
        skipped.clear();
        Interactions.Builder b = Interactions.builder().duplicatePolicy(policy).eventWeights(eventWeights);
        try (CsvReader reader = separator == null ? CsvReader.open(file) : CsvReader.open(file, separator)) {
            int user = reader.column(userColumn);
            int item = reader.column(itemColumn);
            int rating = ratingColumn == null ? -1 : reader.column(ratingColumn);
            int time = timestampColumn == null ? -1 : reader.column(timestampColumn);
            int event = eventColumn == null ? -1 : reader.column(eventColumn);
            for (CsvRecord r : reader) {
                try {
                    String u = required(r, user, userColumn);
                    String i = required(r, item, itemColumn);
                    double value = rating < 0 ? 1.0 : number(r, rating, ratingColumn);
                    long ts = time < 0 ? SparseMatrix.NO_TIMESTAMP : timestamp(r, time);
                    if (event >= 0) {
                        String e = r.get(event).trim();
                        if (!b.knowsEvent(e)) {
                            throw r.error(eventColumn, "unknown event '" + e + "', known: "
                                    + new java.util.TreeSet<>(eventWeights.keySet()));
                        }
                        value *= eventWeights.get(e);
                    }
                    b.add(u, i, value, ts);
                } catch (DataException bad) {
                    skipped.add(bad);
                    if (skipped.size() > maxBadRows) {
                        throw bad;
                    }
                    LOG.warn("skipping bad row: {}", bad.getMessage());
                }
            }
        }
        return b.build();
    }

    private static String required(CsvRecord r, int column, String name) {
        String v = column < r.size() ? r.get(column).trim() : "";
        if (v.isEmpty()) {
            throw r.error(name, "empty id");
        }
        return v;
    }

    private static double number(CsvRecord r, int column, String name) {
        String v = column < r.size() ? r.get(column).trim() : "";
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw r.error(name, "not a finite number: '" + v + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw r.error(name, "not a number: '" + v + "'");
        }
    }

    private long timestamp(CsvRecord r, int column) {
        String v = column < r.size() ? r.get(column).trim() : "";
        if (v.isEmpty()) {
            return SparseMatrix.NO_TIMESTAMP;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw r.error(timestampColumn, "not an integer timestamp: '" + v + "'");
        }
    }
}
