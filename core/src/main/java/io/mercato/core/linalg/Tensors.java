package io.mercato.core.linalg;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions between primitive arrays / sparse rows and ND4J {@link INDArray} matrices — the
 * boundary where plain-Java data enters batch math. Each conversion is one bulk copy, never one
 * INDArray call per element. Matrices are row-major ({@code 'c'} order).
 */
public final class Tensors {
    private Tensors() {
    }

    /**
     * @param rows a rectangular matrix with at least one column
     * @return a float32 matrix {@code [rows x columns]}
     */
    public static INDArray matrix(float[][] rows) {
        int cols = columns(rows);
        return Nd4j.create(flatten(rows, cols, float[]::new), new long[] {rows.length, cols}, DataType.FLOAT);
    }

    /**
     * @param rows a rectangular matrix with at least one column
     * @return a float64 matrix {@code [rows x columns]}
     */
    public static INDArray matrix(double[][] rows) {
        int cols = columns(rows);
        return Nd4j.create(flatten(rows, cols, double[]::new), new long[] {rows.length, cols}, DataType.DOUBLE);
    }

    /**
     * Densifies sparse rows (e.g. TF-IDF vectors of a mini-batch) into one float32 matrix.
     *
     * @param rows the rows, each of dimension {@code dimension}
     * @param dimension the number of columns
     * @return a float32 matrix {@code [rows.size() x dimension]}
     */
    public static INDArray denseRows(List<SparseVector> rows, int dimension) {
        columns(rows.size(), dimension);
        float[] flat = new float[rows.size() * dimension];
        for (int r = 0; r < rows.size(); r++) {
            SparseVector v = rows.get(r);
            if (v.dimension() != dimension) {
                throw new IllegalArgumentException("row " + r + " has dimension " + v.dimension()
                        + " but the matrix has " + dimension + " columns");
            }
            int base = r * dimension;
            for (int i = 0; i < v.size(); i++) {
                flat[base + v.index(i)] = (float) v.value(i);
            }
        }
        return Nd4j.create(flat, new long[] {rows.size(), dimension}, DataType.FLOAT);
    }

    /** @return the matrix's elements as {@code float[rows][columns]} */
    public static float[][] toFloatMatrix(INDArray m) {
        checkMatrix(m);
        return m.toFloatMatrix();
    }

    /** @return the matrix's elements as {@code double[rows][columns]} */
    public static double[][] toDoubleMatrix(INDArray m) {
        checkMatrix(m);
        return m.toDoubleMatrix();
    }

    /** The width of row 0 of a matrix of primitive rows, checked as by {@link #columns(int, int)}. */
    private static int columns(Object[] rows) {
        return columns(rows.length, rows.length == 0 ? 0 : Array.getLength(rows[0]));
    }

    /** Row-major copy of primitive rows, each checked to be {@code cols} wide, into one new array. */
    private static <A> A flatten(A[] rows, int cols, IntFunction<A> newArray) {
        A flat = newArray.apply(rows.length * cols);
        for (int r = 0; r < rows.length; r++) {
            checkRow(r, Array.getLength(rows[r]), cols);
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return flat;
    }

    private static int columns(int rows, int cols) {
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column but got "
                    + rows + " x " + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix of " + rows + " x " + cols + " is too large for one array");
        }
        return cols;
    }

    private static void checkRow(int r, int len, int cols) {
        if (len != cols) {
            throw new IllegalArgumentException("matrix is ragged: row 0 has " + cols + " columns, row " + r
                    + " has " + len);
        }
    }

    private static void checkMatrix(INDArray m) {
        if (m.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix (rank 2) but got shape "
                    + java.util.Arrays.toString(m.shape()));
        }
    }
}
