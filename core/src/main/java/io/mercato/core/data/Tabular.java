package io.mercato.core.data;

import java.util.function.IntUnaryOperator;

/** Shape and value checks shared by the preprocessing classes (package-private). */
final class Tabular {
    private Tabular() {
    }

    /** Checks that {@code x} has at least one row and all rows have the same number of columns. */
    static int columns(double[][] x) {
        return columns(x.length, r -> x[r].length);
    }

    /** Checks that {@code x} has at least one row and all rows have the same number of columns. */
    static int columns(String[][] x) {
        return columns(x.length, r -> x[r].length);
    }

    /** Checks that there is at least one row and that every row is as wide as row 0; returns that width. */
    private static int columns(int rows, IntUnaryOperator widthOfRow) {
        if (rows == 0) {
            throw new IllegalArgumentException("cannot fit on zero rows");
        }
        int cols = widthOfRow.applyAsInt(0);
        for (int r = 1; r < rows; r++) {
            checkWidth(r, widthOfRow.applyAsInt(r), cols);
        }
        return cols;
    }

    static void checkWidth(int row, int width, int expected) {
        if (width != expected) {
            throw new IllegalArgumentException("row " + row + " has " + width + " columns but " + expected
                    + " were expected");
        }
    }

    /** Checks a row's width and that its values are finite. */
    static void checkFiniteRow(int row, double[] values, int expected) {
        checkWidth(row, values.length, expected);
        for (int c = 0; c < values.length; c++) {
            if (!Double.isFinite(values[c])) {
                throw new IllegalArgumentException("row " + row + ", column " + c + " is " + values[c]
                        + "; impute missing values first (see Imputer)");
            }
        }
    }

    /** A fitted per-column map of one value, e.g. a scaler's transform. */
    @FunctionalInterface
    interface ColumnMap {
        double apply(int column, double value);
    }

    /** Applies {@code f} to a copy of each row, checking each is {@code cols} wide and finite. */
    static double[][] mapRows(double[][] x, int cols, ColumnMap f) {
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = mapRow(r, x[r], cols, f);
        }
        return out;
    }

    /** Applies {@code f} to a copy of {@code row} (row number {@code r} in messages), checking it first. */
    static double[] mapRow(int r, double[] row, int cols, ColumnMap f) {
        checkFiniteRow(r, row, cols);
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = f.apply(c, row[c]);
        }
        return out;
    }

    static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = x[r].clone();
        }
        return out;
    }
}
