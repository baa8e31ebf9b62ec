package io.mercato.core.linalg;

/**
 * The top-k entries of each row of a score matrix: for row {@code r}, {@code indices[r]} holds the
 * column indices best first and {@code scores[r]} their scores. Rows may hold fewer than {@code k}
 * entries (when a row has fewer eligible columns). The arrays are owned by this result; callers must
 * not modify them.
 *
 * @param indices column indices per row, best first
 * @param scores the matching scores per row
 */
public record TopKResult(int[][] indices, double[][] scores) {
    /** Checks that both arrays have the same shape. */
    public TopKResult {
        if (indices.length != scores.length) {
            throw new IllegalArgumentException("indices and scores differ in rows: " + indices.length + " vs "
                    + scores.length);
        }
        for (int r = 0; r < indices.length; r++) {
            if (indices[r].length != scores[r].length) {
                throw new IllegalArgumentException("row " + r + ": " + indices[r].length + " indices vs "
                        + scores[r].length + " scores");
            }
        }
    }

    /** @return the number of rows */
    public int rows() {
        return indices.length;
    }

    /** @return the column indices of row {@code r}, best first */
    public int[] indices(int r) {
        return indices[r];
    }

    /** @return the scores of row {@code r}, best first */
    public double[] scores(int r) {
        return scores[r];
    }
}
