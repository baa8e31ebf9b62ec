package io.mercato.core.data;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Missing-value handling for numeric and categorical columns. Numeric values are missing when NaN;
 * categorical values when null or blank. Fit on training data with a {@link Strategy}, then
 * transform any data. {@link Strategy#DROP_ROWS} removes rows with a missing value instead of
 * filling; {@link #completeRows} gives the kept row indices so labels can be aligned. The fitted
 * imputers are immutable and thread-safe.
 */
public final class Imputer {

    /** How missing values are handled. */
    public enum Strategy {
        /** Remove every row with a missing value. */
        DROP_ROWS,
        /** Fill with the column mean of the training values (numeric only). */
        MEAN,
        /** Fill with the column median (mean of the two middle values for even counts; numeric only). */
        MEDIAN,
        /** Fill with the most frequent training value; ties go to the smallest value. */
        MOST_FREQUENT,
        /** Fill with a given constant ({@link #constantNumeric}, {@link #constantCategorical}). */
        CONSTANT
    }

    private Imputer() {
    }

    /**
     * Fits a numeric imputer.
     *
     * @param x training rows; NaN marks a missing value, infinities are rejected
     * @param strategy any strategy but {@code CONSTANT} (use {@link #constantNumeric})
     * @return the fitted imputer
     * @throws DataException if a column has no values to compute its fill value from
     */
    public static Numeric fitNumeric(double[][] x, Strategy strategy) {
        if (strategy == Strategy.CONSTANT) {
            throw ConfigurationException.invalid("strategy", strategy,
                    "a constant fill value is needed: use Imputer.constantNumeric(value)");
        }
        int cols = Tabular.columns(x);
        double[] fill = new double[cols];
        if (strategy != Strategy.DROP_ROWS) {
            for (int c = 0; c < cols; c++) {
                double[] present = present(x, c, cols);
                if (present.length == 0) {
                    throw new DataException("column " + c + " has no values to compute the " + strategy + " from");
                }
                fill[c] = switch (strategy) {
                    case MEAN -> mean(present);
                    case MEDIAN -> median(present);
                    case MOST_FREQUENT -> mostFrequent(present);
                    default -> throw new IllegalStateException(strategy.name());
                };
            }
        }
        return new Numeric(strategy, fill, false);
    }

    /** @return an imputer that fills every missing numeric value with {@code value} */
    public static Numeric constantNumeric(double value) {
        if (!Double.isFinite(value)) {
            throw ConfigurationException.invalid("constant", value, "must be finite");
        }
        return new Numeric(Strategy.CONSTANT, new double[] {value}, true);
    }

    /**
     * Fits a categorical imputer.
     *
     * @param x training rows; null or blank marks a missing value
     * @param strategy {@code DROP_ROWS} or {@code MOST_FREQUENT} (use {@link #constantCategorical}
     *     for a constant)
     * @return the fitted imputer
     * @throws ConfigurationException for MEAN, MEDIAN or CONSTANT
     * @throws DataException if a column has no values to find the most frequent one
     */
    public static Categorical fitCategorical(String[][] x, Strategy strategy) {
        if (strategy != Strategy.DROP_ROWS && strategy != Strategy.MOST_FREQUENT) {
            throw ConfigurationException.invalid("strategy", strategy, strategy == Strategy.CONSTANT
                    ? "a constant fill value is needed: use Imputer.constantCategorical(value)"
                    : "categorical columns allow DROP_ROWS, MOST_FREQUENT or CONSTANT");
        }
        int cols = Tabular.columns(x);
        String[] fill = new String[cols];
        if (strategy == Strategy.MOST_FREQUENT) {
            for (int c = 0; c < cols; c++) {
                Map<String, Integer> counts = new TreeMap<>();
                for (int r = 0; r < x.length; r++) {
                    Tabular.checkWidth(r, x[r].length, cols);
                    if (!isMissing(x[r][c])) {
                        counts.merge(x[r][c], 1, Integer::sum);
                    }
                }
                if (counts.isEmpty()) {
                    throw new DataException("column " + c + " has no values to compute the MOST_FREQUENT from");
                }
                String best = null;
                int bestCount = 0;
                for (Map.Entry<String, Integer> e : counts.entrySet()) { // sorted: first max wins ties
                    if (e.getValue() > bestCount) {
                        best = e.getKey();
                        bestCount = e.getValue();
                    }
                }
                fill[c] = best;
            }
        }
        return new Categorical(strategy, fill, false);
    }

    /** @return an imputer that fills every missing categorical value with {@code value} */
    public static Categorical constantCategorical(String value) {
        if (isMissing(value)) {
            throw ConfigurationException.invalid("constant", value == null ? null : "'" + value + "'",
                    "must be a non-blank string");
        }
        return new Categorical(Strategy.CONSTANT, new String[] {value}, true);
    }

    /** @return indices of the rows without NaN, ascending */
    public static int[] completeRows(double[][] x) {
        return java.util.stream.IntStream.range(0, x.length)
                .filter(r -> Arrays.stream(x[r]).noneMatch(Double::isNaN)).toArray();
    }

    /** @return indices of the rows without null or blank values, ascending */
    public static int[] completeRows(String[][] x) {
        return java.util.stream.IntStream.range(0, x.length)
                .filter(r -> Arrays.stream(x[r]).noneMatch(Imputer::isMissing)).toArray();
    }

    /** @return true if {@code s} is null or blank */
    public static boolean isMissing(String s) {
        return s == null || s.isBlank();
    }

    private static double[] present(double[][] x, int c, int cols) {
        double[] out = new double[x.length];
        int n = 0;
        for (int r = 0; r < x.length; r++) {
            Tabular.checkWidth(r, x[r].length, cols);
            double v = x[r][c];
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("row " + r + ", column " + c + " is " + v
                        + "; only NaN marks a missing value");
            }
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double mostFrequent(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double best = s[0];
        int bestCount = 0;
        for (int i = 0; i < s.length;) {
            int j = i;
            while (j < s.length && s[j] == s[i]) {
                j++;
            }
            if (j - i > bestCount) { // ascending order: the smallest value wins ties
                best = s[i];
                bestCount = j - i;
            }
            i = j;
        }
        return best;
    }

    /** A fitted numeric imputer. */
    public static final class Numeric {
        private final Strategy strategy;
        private final double[] fill;
        private final boolean anyWidth;

        private Numeric(Strategy strategy, double[] fill, boolean anyWidth) {
            this.strategy = strategy;
            this.fill = fill;
            this.anyWidth = anyWidth;
        }

        /** @return the strategy */
        public Strategy strategy() {
            return strategy;
        }

        /** @return a copy of the per-column fill values (one value for a constant imputer; empty meaning for DROP_ROWS) */
        public double[] fillValues() {
            return fill.clone();
        }

        /**
         * @param x rows with NaN for missing values
         * @return copies with missing values filled, or (DROP_ROWS) only the complete rows
         */
        public double[][] transform(double[][] x) {
            if (strategy == Strategy.DROP_ROWS) {
                int[] keep = completeRows(x);
                double[][] out = new double[keep.length][];
                for (int i = 0; i < keep.length; i++) {
                    Tabular.checkWidth(keep[i], x[keep[i]].length, fill.length);
                    out[i] = x[keep[i]].clone();
                }
                return out;
            }
            double[][] out = Tabular.copy(x);
            for (int r = 0; r < out.length; r++) {
                if (!anyWidth) {
                    Tabular.checkWidth(r, out[r].length, fill.length);
                }
                for (int c = 0; c < out[r].length; c++) {
                    if (Double.isNaN(out[r][c])) {
                        out[r][c] = anyWidth ? fill[0] : fill[c];
                    }
                }
            }
            return out;
        }
    }

    /** A fitted categorical imputer. */
    public static final class Categorical {
        private final Strategy strategy;
        private final String[] fill;
        private final boolean anyWidth;

        private Categorical(Strategy strategy, String[] fill, boolean anyWidth) {
            this.strategy = strategy;
            this.fill = fill;
            this.anyWidth = anyWidth;
        }

        /** @return the strategy */
        public Strategy strategy() {
            return strategy;
        }

        /** @return the per-column fill values (one value for a constant imputer; nulls for DROP_ROWS) */
        public List<String> fillValues() {
            return java.util.Collections.unmodifiableList(new ArrayList<>(Arrays.asList(fill)));
        }

        /**
         * @param x rows with null or blank for missing values
         * @return copies with missing values filled, or (DROP_ROWS) only the complete rows
         */
        public String[][] transform(String[][] x) {
            if (strategy == Strategy.DROP_ROWS) {
                int[] keep = completeRows(x);
                String[][] out = new String[keep.length][];
                for (int i = 0; i < keep.length; i++) {
                    Tabular.checkWidth(keep[i], x[keep[i]].length, fill.length);
                    out[i] = x[keep[i]].clone();
                }
                return out;
            }
            String[][] out = new String[x.length][];
            for (int r = 0; r < x.length; r++) {
                if (!anyWidth) {
                    Tabular.checkWidth(r, x[r].length, fill.length);
                }
                out[r] = x[r].clone();
                for (int c = 0; c < out[r].length; c++) {
                    if (isMissing(out[r][c])) {
                        out[r][c] = anyWidth ? fill[0] : fill[c];
                    }
                }
            }
            return out;
        }
    }
}
