package io.mercato.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.metrics.Similarities;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchSimilarityTest {

    /**
     * Random rows with a zero row and a constant row mixed in (the defined edge cases). Pairs of
     * identical non-zero rows are avoided here: their batch Euclidean distance is only ~sqrt(eps)-exact
     * (documented; covered by selfSimilarityIsSymmetricWithUnitDiagonal).
     */
    private static double[][] rows(Random rnd, int n, int d, double constant) {
        double[][] m = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                m[r][c] = rnd.nextGaussian() + (r % 3);
            }
        }
        m[1] = new double[d];                 // zero row
        java.util.Arrays.fill(m[2], constant); // constant row
        return m;
    }

    private interface Scalar {
        double of(double[] a, double[] b);
    }

    private static void assertAgrees(INDArray batch, double[][] a, double[][] b, Scalar scalar, double rel) {
        double[][] got = Tensors.toDoubleMatrix(batch);
        assertThat(got.length).isEqualTo(a.length);
        for (int i = 0; i < a.length; i++) {
            assertThat(got[i].length).isEqualTo(b.length);
            for (int j = 0; j < b.length; j++) {
                double expected = scalar.of(a[i], b[j]);
                assertThat(got[i][j]).as("[%d][%d]", i, j)
                        .isCloseTo(expected, within(rel * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @Test
    void doubleMatricesAgreeWithScalarFormsTo1e12() {
        Random rnd = new Random(5);
        double[][] a = rows(rnd, 13, 17, 0.1);
        double[][] b = rows(rnd, 9, 17, 0.7);
        INDArray ma = Tensors.matrix(a);
        INDArray mb = Tensors.matrix(b);
        assertAgrees(BatchSimilarity.cosine(ma, mb), a, b, Similarities::cosine, 1e-12);
        assertAgrees(BatchSimilarity.pearson(ma, mb), a, b, Similarities::pearson, 1e-12);
        assertAgrees(BatchSimilarity.euclidean(ma, mb), a, b, Similarities::euclidean, 1e-10);
        assertThat(BatchSimilarity.cosine(ma, mb).dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(ma.getDouble(1, 0)).as("inputs are not modified").isZero();
    }

    @Test
    void floatMatricesAgreeWithScalarFormsTo1e5Relative() {
        Random rnd = new Random(6);
        double[][] a = rows(rnd, 40, 64, 0.1);
        double[][] b = rows(rnd, 30, 64, 0.7);
        float[][] fa = toFloat(a);
        float[][] fb = toFloat(b);
        INDArray ma = Tensors.matrix(fa);
        INDArray mb = Tensors.matrix(fb);
        double[][] ra = toDouble(fa);
        double[][] rb = toDouble(fb);
        assertThat(ma.dataType()).isEqualTo(DataType.FLOAT);
        assertAgrees(BatchSimilarity.cosine(ma, mb), ra, rb, Similarities::cosine, 1e-5);
        assertAgrees(BatchSimilarity.pearson(ma, mb), ra, rb, Similarities::pearson, 1e-5);
        assertAgrees(BatchSimilarity.euclidean(ma, mb), ra, rb, Similarities::euclidean, 1e-5);
    }

    @Test
    void selfSimilarityIsSymmetricWithUnitDiagonal() {
        Random rnd = new Random(9);
        double[][] a = rows(rnd, 10, 8, 0.1);
        INDArray m = Tensors.matrix(a);
        double[][] cos = Tensors.toDoubleMatrix(BatchSimilarity.cosine(m, m));
        double[][] dist = Tensors.toDoubleMatrix(BatchSimilarity.euclidean(m, m));
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                assertThat(cos[i][j]).isCloseTo(cos[j][i], within(1e-12)).isBetween(-1.0, 1.0);
            }
            assertThat(cos[i][i]).isCloseTo(i == 1 ? 0 : 1, within(1e-12)); // row 1 is the zero row
            assertThat(dist[i][i]).isCloseTo(0, within(1e-6));
        }
    }

    @Test
    void mixedDataTypesAndMismatchedShapes() {
        INDArray f = Tensors.matrix(new float[][] {{1, 0}, {0, 1}});
        INDArray d = Tensors.matrix(new double[][] {{1, 1}});
        assertThat(BatchSimilarity.cosine(f, d).dataType()).isEqualTo(DataType.FLOAT);
        assertThat(BatchSimilarity.cosine(f, d).getDouble(0, 0)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        INDArray wide = Tensors.matrix(new double[][] {{1, 2, 3}});
        assertThatThrownBy(() -> BatchSimilarity.cosine(d, wide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows differ in length: 2 vs 3 columns");
        INDArray nan = Tensors.matrix(new double[][] {{1, Double.NaN}});
        assertThatThrownBy(() -> BatchSimilarity.pearson(d, nan)).hasMessageContaining("second matrix contains NaN");
    }

    @Test
    void topKPerRowWithAndWithoutDiagonal() {
        INDArray s = Tensors.matrix(new double[][] {
            {1.0, 0.2, 0.9, 0.2},
            {0.2, 1.0, Double.NaN, 0.5},
            {0.9, 0.3, 1.0, 0.9}});
        TopKResult withDiag = BatchSimilarity.topK(s, 2, false);
        assertThat(withDiag.indices(0)).containsExactly(0, 2);
        assertThat(withDiag.scores(0)).containsExactly(1.0, 0.9);
        TopKResult noDiag = BatchSimilarity.topK(s, 2, true);
        assertThat(noDiag.rows()).isEqualTo(3);
        assertThat(noDiag.indices(0)).containsExactly(2, 1);   // tie 0.2 at columns 1 and 3 -> lower index
        assertThat(noDiag.indices(1)).containsExactly(3, 0);   // NaN skipped
        assertThat(noDiag.indices(2)).containsExactly(0, 3);
        assertThat(noDiag.scores(2)).containsExactly(0.9, 0.9);
        assertThat(BatchSimilarity.topK(s, 10, true).indices(1)).containsExactly(3, 0);
    }

    @Test
    void blockwiseTopKSimilarEqualsTopKOfTheFullMatrix() {
        Random rnd = new Random(21);
        double[][] a = rows(rnd, 11, 6, 0.3);
        INDArray m = Tensors.matrix(a);
        for (BatchSimilarity.Measure measure : BatchSimilarity.Measure.values()) {
            boolean distance = measure == BatchSimilarity.Measure.EUCLIDEAN; // nearest = smallest distance
            INDArray full = BatchSimilarity.compute(measure, m, m);
            TopKResult expected = BatchSimilarity.topK(distance ? full.neg() : full, 3, true);
            TopKResult blocked = BatchSimilarity.topKSimilar(m, m, measure, 3, true, 4);
            TopKResult oneBlock = BatchSimilarity.topKSimilar(m, m, measure, 3, true);
            for (int r = 0; r < a.length; r++) {
                assertThat(blocked.indices(r)).as("%s row %d", measure, r).containsExactly(expected.indices(r));
                for (int i = 0; i < 3; i++) {
                    double e = expected.scores(r)[i];
                    assertThat(blocked.scores(r)[i]).isCloseTo(distance ? -e : e, within(1e-12));
                }
                assertThat(oneBlock.indices(r)).containsExactly(blocked.indices(r));
                assertThat(blocked.indices(r)).doesNotContain(r);
            }
        }
        // Euclidean scores are distances, ascending
        TopKResult near = BatchSimilarity.topKSimilar(m, m, BatchSimilarity.Measure.EUCLIDEAN, 3, true, 5);
        assertThat(near.scores(0)).isSorted();
        assertThat(near.scores(0)[0]).isCloseTo(Similarities.euclidean(a[0], a[near.indices(0)[0]]), within(1e-9));
    }

    @Test
    void tensorsConversions() {
        INDArray m = Tensors.denseRows(List.of(
                SparseVector.of(4, new int[] {1, 3}, new double[] {2, -1}),
                SparseVector.empty(4)), 4);
        assertThat(m.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Tensors.toFloatMatrix(m)).isDeepEqualTo(new float[][] {{0, 2, 0, -1}, {0, 0, 0, 0}});
        assertThat(Tensors.toDoubleMatrix(Tensors.matrix(new double[][] {{1, 2}, {3, 4}})))
                .isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> Tensors.matrix(new double[][] {{1, 2}, {3}}))
                .hasMessage("matrix is ragged: row 0 has 2 columns, row 1 has 1");
        assertThatThrownBy(() -> Tensors.matrix(new float[0][]))
                .hasMessageContaining("at least one row and one column but got 0 x 0");
        assertThatThrownBy(() -> Tensors.denseRows(List.of(SparseVector.empty(3)), 4))
                .hasMessage("row 0 has dimension 3 but the matrix has 4 columns");
    }

    private static float[][] toFloat(double[][] m) {
        float[][] out = new float[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = new float[m[r].length];
            for (int c = 0; c < m[r].length; c++) {
                out[r][c] = (float) m[r][c];
            }
        }
        return out;
    }

    private static double[][] toDouble(float[][] m) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = new double[m[r].length];
            for (int c = 0; c < m[r].length; c++) {
                out[r][c] = m[r][c];
            }
        }
        return out;
    }
}
