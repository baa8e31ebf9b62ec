package io.mercato.core.data;

/** Shape and value checks shared by the preprocessing classes (package-private). */
final class Tabular {
    private Tabular() {
    }

    /** Checks that {@code x} has at least one row and all rows have the same number of columns. */
    static int columns(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot fit on zero rows");
        }
        int cols = x[0].length;
        for (int r = 1; r < x.length; r++) {
            checkWidth(r, x[r].length, cols);
        }
        return cols;
    }

    /** Checks that {@code x} has at least one row and all rows have the same number of columns. */
    static int columns(String[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot fit on zero rows");
        }
        int cols = x[0].length;
        for (int r = 1; r < x.length; r++) {
            checkWidth(r, x[r].length, cols);
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

    static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = x[r].clone();
        }
        return out;
    }
}
