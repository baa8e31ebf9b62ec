package io.mercato.core.data;

import io.mercato.core.DataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One-hot encodes categorical (string) columns: each column with {@code m} categories seen in
 * training becomes {@code m} 0/1 outputs, concatenated in column order; categories are sorted
 * (as scikit-learn). A category not seen in training is handled by the {@link UnknownPolicy}: an
 * error naming the row, column and value, or all zeros for that column. Missing values (null) are
 * rejected at fit time (impute first) and treated as unknown at transform time. Immutable and
 * thread-safe.
 */
public final class OneHotEncoder {

    /** What to do with a category not seen during fitting. */
    public enum UnknownPolicy {
        /** Throw a {@link DataException} naming the row, column and value. */
        ERROR,
        /** Encode the column as all zeros. */
        IGNORE
    }

    private final List<List<String>> categories;
    private final List<Map<String, Integer>> positions;
    private final int[] offsets;
    private final int width;
    private final UnknownPolicy policy;

    private OneHotEncoder(List<List<String>> categories, UnknownPolicy policy) {
        this.categories = categories;
        this.policy = policy;
        this.positions = new ArrayList<>();
        this.offsets = new int[categories.size()];
        int off = 0;
        for (int c = 0; c < categories.size(); c++) {
            offsets[c] = off;
            Map<String, Integer> pos = new HashMap<>();
            List<String> cats = categories.get(c);
            for (int i = 0; i < cats.size(); i++) {
                pos.put(cats.get(i), i);
            }
            positions.add(pos);
            off += cats.size();
        }
        this.width = off;
    }

    /**
     * @param rows training rows of categorical values (no nulls)
     * @param policy how to treat unseen categories later
     * @return the fitted encoder
     */
    public static OneHotEncoder fit(String[][] rows, UnknownPolicy policy) {
        int cols = Tabular.columns(rows);
        List<TreeSet<String>> seen = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            seen.add(new TreeSet<>());
        }
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols; c++) {
                String v = rows[r][c];
                if (v == null) {
                    throw new DataException("row " + r + ", column " + c + ": missing value; impute it first (see Imputer)");
                }
                seen.get(c).add(v);
            }
        }
        List<List<String>> cats = new ArrayList<>();
        for (TreeSet<String> s : seen) {
            cats.add(List.copyOf(s));
        }
        return new OneHotEncoder(List.copyOf(cats), policy == null ? UnknownPolicy.ERROR : policy);
    }

    /** @return the encoded rows, {@code rows.length x outputWidth()} */
    public double[][] transform(String[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = encode(r, rows[r]);
        }
        return out;
    }

    /** @return one encoded row of length {@link #outputWidth()} */
    public double[] transform(String[] row) {
        return encode(-1, row);
    }

    private double[] encode(int r, String[] row) {
        Tabular.checkWidth(Math.max(r, 0), row.length, categories.size());
        double[] out = new double[width];
        for (int c = 0; c < row.length; c++) {
            Integer p = row[c] == null ? null : positions.get(c).get(row[c]);
            if (p != null) {
                out[offsets[c] + p] = 1;
            } else if (policy == UnknownPolicy.ERROR) {
                throw new DataException((r >= 0 ? "row " + r + ", " : "") + "column " + c + ": unknown category "
                        + (row[c] == null ? "null (missing value)" : "'" + row[c] + "'")
                        + "; categories seen in training: " + categories.get(c));
            }
        }
        return out;
    }

    /** @return the total number of outputs (sum of the category counts) */
    public int outputWidth() {
        return width;
    }

    /** @return the number of input columns */
    public int columns() {
        return categories.size();
    }

    /** @return the sorted categories of input column {@code column} */
    public List<String> categories(int column) {
        return categories.get(column);
    }

    /** @return the policy for unseen categories */
    public UnknownPolicy policy() {
        return policy;
    }

    /**
     * @param columnNames names of the input columns
     * @return output names {@code "<column>=<category>"} in output order
     */
    public List<String> featureNames(List<String> columnNames) {
        Tabular.checkWidth(0, columnNames.size(), categories.size());
        List<String> names = new ArrayList<>(width);
        for (int c = 0; c < categories.size(); c++) {
            for (String cat : categories.get(c)) {
                names.add(columnNames.get(c) + "=" + cat);
            }
        }
        return names;
    }
}
