package io.mercato.text.model;

import io.mercato.core.linalg.SparseVector;

/**
 * The feature vectors of a {@link TrainingSet} flattened once into compressed sparse rows, for the
 * linear solvers' many passes over the data.
 */
final class SparseRows {

  final int rows;
  final int dimension;
  /** Row {@code i}'s entries are {@code [rowStart[i], rowStart[i + 1])} of {@link #cols} and {@link #vals}. */
  final int[] rowStart;
  final int[] cols;
  final double[] vals;

  private SparseRows(int rows, int dimension, int[] rowStart, int[] cols, double[] vals) {
    this.rows = rows;
    this.dimension = dimension;
    this.rowStart = rowStart;
    this.cols = cols;
    this.vals = vals;
  }

  /** The rows of {@code set}'s feature vectors. */
  static SparseRows of(TrainingSet set) {
    int n = set.size();
    int[] rowStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      rowStart[i + 1] = rowStart[i] + set.inputs().get(i).features().size();
    }
    int[] cols = new int[rowStart[n]];
    double[] vals = new double[rowStart[n]];
    for (int i = 0; i < n; i++) {
      SparseVector x = set.inputs().get(i).features();
      for (int k = 0; k < x.size(); k++) {
        cols[rowStart[i] + k] = x.index(k);
        vals[rowStart[i] + k] = x.value(k);
      }
    }
    return new SparseRows(n, set.featureDimension(), rowStart, cols, vals);
  }

  /** These rows with every column {@code j} multiplied by {@code factors[j]} (sharing the sparsity structure). */
  SparseRows scaleColumns(double[] factors) {
    double[] scaled = new double[vals.length];
    for (int k = 0; k < vals.length; k++) {
      scaled[k] = vals[k] * factors[cols[k]];
    }
    return new SparseRows(rows, dimension, rowStart, cols, scaled);
  }

  /** Squared Euclidean norm of row {@code i}. */
  double squaredNorm(int i) {
    double s = 0;
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
      s += vals[k] * vals[k];
    }
    return s;
  }
}
