package io.mercato.core.linalg;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable sparse vector of a fixed dimension, stored as strictly increasing indices with their
 * values (explicit zeros are allowed but never created by this class). Used for bag-of-words
 * features and sparse user/item profiles; all operations are plain Java on primitive arrays.
 */
public final class SparseVector {
    private static final int[] NO_INDICES = new int[0];
    private static final double[] NO_VALUES = new double[0];

    private final int dimension;
    private final int[] indices;
    private final double[] values;

    private SparseVector(int dimension, int[] indices, double[] values) {
        this.dimension = dimension;
        this.indices = indices;
        this.values = values;
    }

    /**
     * Creates a vector from index/value arrays, which are validated and copied.
     *
     * @param dimension the vector's dimension, {@code >= 0}
     * @param indices strictly increasing indices in {@code [0, dimension)}
     * @param values finite values, one per index
     * @return the vector
     * @throws IllegalArgumentException naming the offending position when the arrays are inconsistent,
     *     an index is out of range or not increasing, or a value is NaN or infinite
     */
    public static SparseVector of(int dimension, int[] indices, double[] values) {
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be >= 0 but was " + dimension);
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length: "
                    + indices.length + " indices vs " + values.length + " values");
        }
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            if (idx < 0 || idx >= dimension) {
                throw new IllegalArgumentException("index " + idx + " at position " + i
                        + " is outside [0, " + dimension + ")");
            }
            if (i > 0 && idx <= indices[i - 1]) {
                throw new IllegalArgumentException("indices must be strictly increasing but position " + i
                        + " holds " + idx + " after " + indices[i - 1]);
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value at index " + idx + " is not finite: " + values[i]);
            }
        }
        return new SparseVector(dimension, indices.clone(), values.clone());
    }

    /**
     * Creates a vector from a map of index to value; entries with value 0 are dropped.
     *
     * @param dimension the vector's dimension
     * @param entries index to value; indices in {@code [0, dimension)}, values finite
     * @return the vector
     */
    public static SparseVector fromMap(int dimension, Map<Integer, Double> entries) {
        TreeMap<Integer, Double> sorted = new TreeMap<>(entries);
        sorted.values().removeIf(v -> v != null && v == 0.0);
        int[] idx = new int[sorted.size()];
        double[] val = new double[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : sorted.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("null value for index " + e.getKey());
            }
            idx[i] = e.getKey();
            val[i] = e.getValue();
            i++;
        }
        return of(dimension, idx, val);
    }

    /**
     * Creates a vector from a dense array, keeping its non-zero entries.
     *
     * @param dense finite values
     * @return the vector of dimension {@code dense.length}
     */
    public static SparseVector fromDense(double[] dense) {
        int nnz = 0;
        for (double v : dense) {
            if (v != 0.0) {
                nnz++;
            }
        }
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        int j = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0.0) {
                idx[j] = i;
                val[j++] = dense[i];
            }
        }
        return of(dense.length, idx, val);
    }

    /** @param dimension the dimension; returns the all-zero vector of that dimension */
    public static SparseVector empty(int dimension) {
        return of(dimension, NO_INDICES, NO_VALUES);
    }

    /** @return the vector's dimension (length when dense) */
    public int dimension() {
        return dimension;
    }

    /** @return the number of stored entries */
    public int size() {
        return indices.length;
    }

    /** @return the index of the {@code i}-th stored entry */
    public int index(int i) {
        return indices[i];
    }

    /** @return the value of the {@code i}-th stored entry */
    public double value(int i) {
        return values[i];
    }

    /** @return a copy of the stored indices */
    public int[] indices() {
        return indices.clone();
    }

    /** @return a copy of the stored values */
    public double[] values() {
        return values.clone();
    }

    /**
     * Looks up the value at a dimension index.
     *
     * @param index an index in {@code [0, dimension)}
     * @return the value there, 0 if not stored
     */
    public double get(int index) {
        if (index < 0 || index >= dimension) {
            throw new IndexOutOfBoundsException("index " + index + " is outside [0, " + dimension + ")");
        }
        int pos = Arrays.binarySearch(indices, index);
        return pos >= 0 ? values[pos] : 0.0;
    }

    /**
     * @param o a vector of the same dimension
     * @return the dot product (merge of the two sorted index lists)
     */
    public double dot(SparseVector o) {
        checkDimension(o.dimension);
        int[] ai = indices;
        int[] bi = o.indices;
        double[] av = values;
        double[] bv = o.values;
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < ai.length && j < bi.length) {
            int x = ai[i];
            int y = bi[j];
            if (x == y) {
                sum += av[i++] * bv[j++];
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    /**
     * @param dense an array of length {@link #dimension()}
     * @return the dot product
     */
    public double dot(double[] dense) {
        checkDimension(dense.length);
        double sum = 0;
        for (int i = 0; i < indices.length; i++) {
            sum += values[i] * dense[indices[i]];
        }
        return sum;
    }

    /** @return the sum of the stored values */
    public double sum() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** @return the Euclidean (L2) norm */
    public double norm() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * @param f a finite factor
     * @return this vector times {@code f}
     */
    public SparseVector scale(double f) {
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("scale factor is not finite: " + f);
        }
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return new SparseVector(dimension, indices, v);
    }

    /** @return this vector scaled to unit L2 norm; the zero vector is returned unchanged */
    public SparseVector l2Normalized() {
        double n = norm();
        return n == 0 ? this : scale(1.0 / n);
    }

    /** @return a dense array of length {@link #dimension()} */
    public double[] toDense() {
        double[] d = new double[dimension];
        for (int i = 0; i < indices.length; i++) {
            d[indices[i]] = values[i];
        }
        return d;
    }

    private void checkDimension(int other) {
        if (other != dimension) {
            throw new IllegalArgumentException("dimension mismatch: " + dimension + " vs " + other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector s && s.dimension == dimension
                && Arrays.equals(s.indices, indices) && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimension + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SparseVector(dim=").append(dimension).append(", {");
        for (int i = 0; i < indices.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(indices[i]).append('=').append(values[i]);
        }
        return sb.append("})").toString();
    }
}
