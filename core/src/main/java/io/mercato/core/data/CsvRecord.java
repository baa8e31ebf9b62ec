package io.mercato.core.data;

import io.mercato.core.DataException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One CSV record: its field values (as read, not trimmed), the physical line where it starts and
 * the source it came from, so loaders can report problems precisely with {@link #error}.
 * Immutable.
 */
public final class CsvRecord {
    private final String source;
    private final long line;
    private final String[] fields;
    private final Map<String, Integer> columns;
    private final List<String> header;

    CsvRecord(String source, long line, String[] fields, Map<String, Integer> columns, List<String> header) {
        this.source = source;
        this.line = line;
        this.fields = fields;
        this.columns = columns;
        this.header = header;
    }

    /** @return the 1-based physical line where this record starts (the header is line 1) */
    public long line() {
        return line;
    }

    /** @return the source name (file path) */
    public String source() {
        return source;
    }

    /** @return the number of fields (equals the header's size) */
    public int size() {
        return fields.length;
    }

    /**
     * @param column 0-based column index
     * @return the raw field value
     */
    public String get(int column) {
        if (column < 0 || column >= fields.length) {
            throw new IndexOutOfBoundsException(source + ", line " + line + ": column index " + column
                    + " is outside [0, " + fields.length + ")");
        }
        return fields[column];
    }

    /**
     * @param column a header name
     * @return the raw field value
     * @throws DataException naming the source, line and the columns present if there is no such column
     */
    public String get(String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw error(column, "no such column; columns present: " + header);
        }
        return fields[i];
    }

    /**
     * @param column a header name
     * @return the trimmed value parsed as a finite double
     * @throws DataException naming source, line and column if the value is empty or not a finite number
     */
    public double getDouble(String column) {
        String raw = get(column).trim();
        try {
            double v = Double.parseDouble(raw);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(column, "not a finite number: '" + raw + "'");
    }

    /**
     * @param column a header name
     * @return the trimmed value parsed as a long
     * @throws DataException naming source, line and column if the value is not an integer
     */
    public long getLong(String column) {
        String raw = get(column).trim();
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw error(column, "not an integer: '" + raw + "'");
        }
    }

    /**
     * @param column a header name
     * @return the trimmed value parsed as an int
     * @throws DataException naming source, line and column if the value is not a 32-bit integer
     */
    public int getInt(String column) {
        String raw = get(column).trim();
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw error(column, "not a 32-bit integer: '" + raw + "'");
        }
    }

    /** @return the field values in column order (unmodifiable) */
    public List<String> values() {
        return List.of(fields);
    }

    /**
     * Builds (does not throw) an exception pointing at this record.
     *
     * @param column the column concerned, or null for the whole record
     * @param reason what was wrong
     * @return {@code DataException.at(source(), line(), column, reason)}
     */
    public DataException error(String column, String reason) {
        return DataException.at(source, line, column, reason);
    }

    @Override
    public String toString() {
        return source + ":" + line + " " + Arrays.toString(fields);
    }
}
