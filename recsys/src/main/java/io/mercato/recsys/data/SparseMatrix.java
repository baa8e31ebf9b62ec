package io.mercato.recsys.data;

/**
 * A read-only compressed sparse row view (row pointers, column indices sorted within each row, float
 * values and optional timestamps). {@link Interactions} holds two of them: rows = users (CSR) and
 * rows = items (the CSC of the user-item matrix). Accessors do not copy, so hot loops can walk
 * {@code for (int k = m.start(r); k < m.end(r); k++) { m.index(k); m.value(k); }} without allocation.
 */
public final class SparseMatrix {

    /** Marker for "no timestamp". */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private final int rows;
    private final int cols;
    private final int[] pointers;
    private final int[] indices;
    private final float[] values;
    private final long[] timestamps; // null when no entry has one

    SparseMatrix(int rows, int cols, int[] pointers, int[] indices, float[] values, long[] timestamps) {
        this.rows = rows;
        this.cols = cols;
        this.pointers = pointers;
        this.indices = indices;
        this.values = values;
        this.timestamps = timestamps;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return indices.length;
    }

    /** First entry position of row {@code r}. */
    public int start(int r) {
        return pointers[r];
    }

    /** One past the last entry position of row {@code r}. */
    public int end(int r) {
        return pointers[r + 1];
    }

    /** Number of entries in row {@code r}. */
    public int length(int r) {
        return pointers[r + 1] - pointers[r];
    }

    /** Column index of entry {@code k}. */
    public int index(int k) {
        return indices[k];
    }

    /** Value of entry {@code k}. */
    public float value(int k) {
        return values[k];
    }

    /** Whether entries carry timestamps. */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** Timestamp of entry {@code k}, or {@link #NO_TIMESTAMP}. */
    public long timestamp(int k) {
        return timestamps == null ? NO_TIMESTAMP : timestamps[k];
    }

    /** Entry position of (r, c), or -1 when absent (binary search within the row). */
    public int find(int r, int c) {
        int lo = pointers[r];
        int hi = pointers[r + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = indices[mid];
            if (v < c) {
                lo = mid + 1;
            } else if (v > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Column indices of row {@code r} (a copy). */
    public int[] rowIndices(int r) {
        return java.util.Arrays.copyOfRange(indices, pointers[r], pointers[r + 1]);
    }

    /** Values of row {@code r} (a copy). */
    public float[] rowValues(int r) {
        return java.util.Arrays.copyOfRange(values, pointers[r], pointers[r + 1]);
    }

    /** The transpose (rows become columns), with column indices sorted within each row. */
    SparseMatrix transpose() {
        int[] counts = new int[cols + 1];
        for (int idx : indices) {
            counts[idx + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            counts[c + 1] += counts[c];
        }
        int[] tp = counts.clone();
        int[] ti = new int[indices.length];
        float[] tv = new float[indices.length];
        long[] tt = timestamps == null ? null : new long[indices.length];
        int[] next = java.util.Arrays.copyOf(counts, cols);
        for (int r = 0; r < rows; r++) {
            for (int k = pointers[r]; k < pointers[r + 1]; k++) {
                int pos = next[indices[k]]++;
                ti[pos] = r;
                tv[pos] = values[k];
                if (tt != null) {
                    tt[pos] = timestamps[k];
                }
            }
        }
        return new SparseMatrix(cols, rows, tp, ti, tv, tt);
    }

    int[] pointers() {
        return pointers;
    }

    int[] indices() {
        return indices;
    }

    float[] values() {
        return values;
    }

    long[] timestamps() {
        return timestamps;
    }
}
