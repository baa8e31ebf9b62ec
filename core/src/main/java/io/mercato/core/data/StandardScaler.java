package io.mercato.core.data;

import io.mercato.core.io.BinaryArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Standardizes numeric columns to zero mean and unit variance: {@code (x - mean) / std}, with the
 * population standard deviation (as scikit-learn). Fit on training data only, then transform any
 * data with the same columns. A constant column (all values equal) gets scale 1, so it transforms to
 * 0 instead of dividing by zero. Immutable and thread-safe.
 */
public final class StandardScaler {
    private final double[] means;
    private final double[] scales;

    private StandardScaler(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    /**
     * @param x training rows, finite values, at least one row
     * @return the fitted scaler
     */
    public static StandardScaler fit(double[][] x) {
        int cols = Tabular.columns(x);
        double[] mean = new double[cols];
        for (int r = 0; r < x.length; r++) {
            Tabular.checkFiniteRow(r, x[r], cols);
            for (int c = 0; c < cols; c++) {
                mean[c] += x[r][c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= x.length;
        }
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            double ss = 0;
            boolean constant = true;
            for (double[] row : x) {
                double d = row[c] - mean[c];
                ss += d * d;
                constant &= row[c] == x[0][c];
            }
            double std = Math.sqrt(ss / x.length);
            scale[c] = constant || std == 0 ? 1 : std;
            if (constant) {
                mean[c] = x[0][c]; // exact, so training values transform to exactly 0
            }
        }
        return new StandardScaler(mean, scale);
    }

    /** @return standardized copies of the rows */
    public double[][] transform(double[][] x) {
        return Tabular.mapRows(x, means.length, this::standardize);
    }

    /** @return a standardized copy of one row */
    public double[] transform(double[] row) {
        return Tabular.mapRow(0, row, means.length, this::standardize);
    }

    private double standardize(int c, double value) {
        return (value - means[c]) / scales[c];
    }

    /** @return the rows mapped back to the original units */
    public double[][] inverseTransform(double[][] z) {
        return Tabular.mapRows(z, means.length, (c, value) -> value * scales[c] + means[c]);
    }

    /** @return the number of columns */
    public int columns() {
        return means.length;
    }

    /** @return a copy of the column means */
    public double[] means() {
        return means.clone();
    }

    /** @return a copy of the column scales (standard deviations, 1 for constant columns) */
    public double[] scales() {
        return scales.clone();
    }

    /** Writes the fitted parameters (for model files). */
    public void writeTo(DataOutput out) throws IOException {
        BinaryArrays.writeDoubles(out, means);
        BinaryArrays.writeDoubles(out, scales);
    }

    /** Reads parameters written by {@link #writeTo}. */
    public static StandardScaler readFrom(DataInput in) throws IOException {
        double[] m = BinaryArrays.readDoubles(in);
        double[] s = BinaryArrays.readDoubles(in);
        if (m.length != s.length) {
            throw new IOException("corrupt scaler: " + m.length + " means vs " + s.length + " scales");
        }
        return new StandardScaler(m, s);
    }
}
