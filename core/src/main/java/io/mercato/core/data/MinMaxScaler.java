package io.mercato.core.data;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.BinaryArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rescales numeric columns linearly so the training minimum maps to {@code lo} and the training
 * maximum to {@code hi} (default [0, 1]). Values outside the training range map outside
 * {@code [lo, hi]} (no clipping). A constant column is treated as having range 1 (as scikit-learn):
 * its training value maps to {@code lo} and other values shift by their difference.
 * Immutable and thread-safe.
 */
public final class MinMaxScaler {
    private final double[] mins;
    private final double[] ranges;
    private final double lo;
    private final double hi;

    private MinMaxScaler(double[] mins, double[] ranges, double lo, double hi) {
        this.mins = mins;
        this.ranges = ranges;
        this.lo = lo;
        this.hi = hi;
    }

    /** Fits to the range [0, 1]. */
    public static MinMaxScaler fit(double[][] x) {
        return fit(x, 0, 1);
    }

    /**
     * @param x training rows, finite values
     * @param lo the target minimum
     * @param hi the target maximum, {@code > lo}
     * @return the fitted scaler
     * @throws ConfigurationException if the target range is empty or not finite
     */
    public static MinMaxScaler fit(double[][] x, double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw ConfigurationException.invalid("featureRange", "[" + lo + ", " + hi + "]",
                    "must be finite with lo < hi");
        }
        int cols = Tabular.columns(x);
        double[] min = new double[cols];
        double[] max = new double[cols];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < x.length; r++) {
            Tabular.checkFiniteRow(r, x[r], cols);
            for (int c = 0; c < cols; c++) {
                min[c] = Math.min(min[c], x[r][c]);
                max[c] = Math.max(max[c], x[r][c]);
            }
        }
        double[] range = new double[cols];
        for (int c = 0; c < cols; c++) {
            range[c] = max[c] - min[c];
        }
        return new MinMaxScaler(min, range, lo, hi);
    }

    /** @return scaled copies of the rows */
    public double[][] transform(double[][] x) {
        return Tabular.mapRows(x, mins.length, this::scale);
    }

    /** @return a scaled copy of one row */
    public double[] transform(double[] row) {
        return Tabular.mapRow(0, row, mins.length, this::scale);
    }

    private double scale(int c, double value) {
        return lo + (value - mins[c]) / (ranges[c] == 0 ? 1 : ranges[c]) * (hi - lo);
    }

    /** @return the number of columns */
    public int columns() {
        return mins.length;
    }

    /** @return a copy of the training minima */
    public double[] mins() {
        return mins.clone();
    }

    /** @return a copy of the training maxima */
    public double[] maxs() {
        double[] out = new double[mins.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = mins[c] + ranges[c];
        }
        return out;
    }

    /** Writes the fitted parameters (for model files). */
    public void writeTo(DataOutput out) throws IOException {
        BinaryArrays.writeDoubles(out, mins);
        BinaryArrays.writeDoubles(out, ranges);
        out.writeDouble(lo);
        out.writeDouble(hi);
    }

    /** Reads parameters written by {@link #writeTo}. */
    public static MinMaxScaler readFrom(DataInput in) throws IOException {
        double[] m = BinaryArrays.readDoubles(in);
        double[] r = BinaryArrays.readDoubles(in);
        double lo = in.readDouble();
        double hi = in.readDouble();
        if (m.length != r.length || !(lo < hi)) {
            throw new IOException("corrupt min-max scaler parameters");
        }
        return new MinMaxScaler(m, r, lo, hi);
    }
}
