package io.mercato.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.linalg.SparseVector;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimilaritiesTest {

    private static final double[] A = {1.5, -2.0, 3.25, 0.0, 4.0};
    private static final double[] B = {0.5, 1.0, -1.0, 2.0, 3.5};

    @Test
    void referenceValuesFromScipy() {
        // python3: 1 - scipy.spatial.distance.cosine(A, B)
        assertThat(Similarities.cosine(A, B)).isCloseTo(0.38558317996819913, within(1e-15));
        // python3: scipy.stats.pearsonr(A, B)[0]
        assertThat(Similarities.pearson(A, B)).isCloseTo(0.0855489416106453, within(1e-15));
        // python3: scipy.spatial.distance.euclidean(A, B), sqeuclidean(A, B)
        assertThat(Similarities.euclidean(A, B)).isCloseTo(5.6844085004510365, within(1e-14));
        assertThat(Similarities.squaredEuclidean(A, B)).isCloseTo(32.3125, within(1e-13));
    }

    @Test
    void handWorkedSmallCases() {
        assertThat(Similarities.cosine(new double[] {1, 0}, new double[] {0, 1})).isZero();
        assertThat(Similarities.cosine(new double[] {1, 1}, new double[] {2, 2})).isCloseTo(1, within(1e-15));
        assertThat(Similarities.cosine(new double[] {1, 1}, new double[] {-3, -3})).isCloseTo(-1, within(1e-15));
        assertThat(Similarities.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1, within(1e-15));
        assertThat(Similarities.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1, within(1e-15));
        assertThat(Similarities.euclidean(new double[] {0, 0}, new double[] {3, 4})).isEqualTo(5);
        assertThat(Similarities.squaredEuclidean(new double[] {0, 0}, new double[] {3, 4})).isEqualTo(25);
    }

    @Test
    void floatAndSparseFormsAgreeWithDouble() {
        float[] fa = new float[A.length];
        float[] fb = new float[B.length];
        for (int i = 0; i < A.length; i++) {
            fa[i] = (float) A[i]; // all values of A and B are exact in float
            fb[i] = (float) B[i];
        }
        SparseVector sa = SparseVector.fromDense(A);
        SparseVector sb = SparseVector.fromDense(B);
        assertThat(Similarities.cosine(fa, fb)).isCloseTo(Similarities.cosine(A, B), within(1e-15));
        assertThat(Similarities.pearson(fa, fb)).isCloseTo(Similarities.pearson(A, B), within(1e-15));
        assertThat(Similarities.euclidean(fa, fb)).isCloseTo(Similarities.euclidean(A, B), within(1e-14));
        assertThat(Similarities.squaredEuclidean(fa, fb)).isCloseTo(Similarities.squaredEuclidean(A, B), within(1e-13));
        assertThat(Similarities.cosine(sa, sb)).isCloseTo(Similarities.cosine(A, B), within(1e-15));
        assertThat(Similarities.pearson(sa, sb)).isCloseTo(Similarities.pearson(A, B), within(1e-15));
        assertThat(Similarities.euclidean(sa, sb)).isCloseTo(Similarities.euclidean(A, B), within(1e-14));
    }

    @Test
    void sparsePearsonCountsImplicitZeros() {
        SparseVector x = SparseVector.of(8, new int[] {1, 4, 7}, new double[] {1.5, -2, 3});
        SparseVector y = SparseVector.of(8, new int[] {0, 4, 7}, new double[] {2, 1, -1});
        // python3: scipy.stats.pearsonr([0,1.5,0,0,-2,0,0,3], [2,0,0,0,1,0,0,-1])[0]
        assertThat(Similarities.pearson(x, y)).isCloseTo(-0.6305589229183439, within(1e-15));
        assertThat(Similarities.pearson(x, y)).isCloseTo(Similarities.pearson(x.toDense(), y.toDense()), within(1e-15));
    }

    @Test
    void randomisedAgreementBetweenDenseAndSparse() {
        Random rnd = new Random(11);
        for (int t = 0; t < 100; t++) {
            int d = 1 + rnd.nextInt(30);
            double[] a = sparseRandom(rnd, d);
            double[] b = sparseRandom(rnd, d);
            SparseVector sa = SparseVector.fromDense(a);
            SparseVector sb = SparseVector.fromDense(b);
            assertThat(Similarities.cosine(sa, sb)).isCloseTo(Similarities.cosine(a, b), within(1e-12));
            assertThat(Similarities.pearson(sa, sb)).isCloseTo(Similarities.pearson(a, b), within(1e-12));
            assertThat(Similarities.squaredEuclidean(sa, sb)).isCloseTo(Similarities.squaredEuclidean(a, b), within(1e-9));
        }
    }

    @Test
    void propertiesSymmetryBoundsAndInvariances() {
        Random rnd = new Random(3);
        for (int t = 0; t < 200; t++) {
            int d = 2 + rnd.nextInt(40);
            double[] a = gaussian(rnd, d);
            double[] b = gaussian(rnd, d);
            double cos = Similarities.cosine(a, b);
            double r = Similarities.pearson(a, b);
            assertThat(Similarities.cosine(b, a)).isEqualTo(cos);
            assertThat(Similarities.pearson(b, a)).isCloseTo(r, within(1e-15));
            assertThat(Similarities.euclidean(b, a)).isEqualTo(Similarities.euclidean(a, b));
            assertThat(cos).isBetween(-1.0, 1.0);
            assertThat(r).isBetween(-1.0, 1.0);
            assertThat(Similarities.euclidean(a, b)).isGreaterThanOrEqualTo(0);
            assertThat(Similarities.cosine(a, a)).isCloseTo(1, within(1e-12));
            assertThat(Similarities.euclidean(a, a)).isZero();
            // cosine is invariant to positive scaling, flips sign under negative scaling
            double s = 0.01 + 100 * rnd.nextDouble();
            assertThat(Similarities.cosine(scale(a, s, 0), b)).isCloseTo(cos, within(1e-12));
            assertThat(Similarities.cosine(scale(a, -s, 0), b)).isCloseTo(-cos, within(1e-12));
            // Pearson is invariant to shifting and positive scaling of either vector
            double shift = 50 * rnd.nextGaussian();
            assertThat(Similarities.pearson(scale(a, s, shift), scale(b, 1 / s, -shift))).isCloseTo(r, within(1e-10));
            // Euclidean: shift invariance and triangle inequality
            double[] c = gaussian(rnd, d);
            assertThat(Similarities.euclidean(scale(a, 1, shift), scale(b, 1, shift)))
                    .isCloseTo(Similarities.euclidean(a, b), within(1e-9));
            assertThat(Similarities.euclidean(a, c))
                    .isLessThanOrEqualTo(Similarities.euclidean(a, b) + Similarities.euclidean(b, c) + 1e-12);
        }
    }

    @Test
    void zeroAndConstantVectorsAreDefined() {
        double[] zero = new double[4];
        double[] constant = {2, 2, 2, 2};
        double[] v = {1, 2, 3, 4};
        assertThat(Similarities.cosine(zero, v)).isZero();
        assertThat(Similarities.cosine(zero, zero)).isZero();
        assertThat(Similarities.cosine(new float[3], new float[] {1, 2, 3})).isZero();
        assertThat(Similarities.cosine(SparseVector.empty(4), SparseVector.fromDense(v))).isZero();
        assertThat(Similarities.pearson(constant, v)).isZero();
        assertThat(Similarities.pearson(v, zero)).isZero();
        assertThat(Similarities.pearson(new double[] {0.1, 0.1, 0.1}, new double[] {1, 2, 3})).isZero();
        assertThat(Similarities.pearson(new double[] {5}, new double[] {7})).isZero();
        assertThat(Similarities.pearson(new double[0], new double[0])).isZero();
        assertThat(Similarities.cosine(new double[0], new double[0])).isZero();
        assertThat(Similarities.pearson(SparseVector.fromDense(constant), SparseVector.fromDense(v))).isZero();
        assertThat(Similarities.pearson(SparseVector.empty(4), SparseVector.fromDense(v))).isZero();
        assertThat(Similarities.euclidean(zero, zero)).isZero();
    }

    @Test
    void pearsonOfDataFarFromZeroAvoidsCancellation() {
        // A + 1e9 and B - 1e9 are exact in double; Pearson is shift invariant, so the scipy reference
        // of referenceValuesFromScipy() applies. The raw sums of squares (~5e18) would cancel to noise.
        double[] a = new double[A.length];
        double[] b = new double[B.length];
        for (int i = 0; i < A.length; i++) {
            a[i] = A[i] + 1e9;
            b[i] = B[i] - 1e9;
        }
        assertThat(Similarities.pearson(a, b)).isCloseTo(0.0855489416106453, within(1e-15));
        assertThat(Similarities.pearson(new double[] {1e9 + 0.5, 1e9 + 0.5, 1e9 + 0.5}, new double[] {1, 2, 3})).isZero();
    }

    @Test
    void extremeMagnitudesAreRescaledNotLost() {
        double[] huge = {1e200, 2e200, -1e200};
        double[] hugeB = {2e200, 4e200, -2e200};
        assertThat(Similarities.cosine(huge, hugeB)).isCloseTo(1, within(1e-12));
        assertThat(Similarities.pearson(huge, hugeB)).isCloseTo(1, within(1e-12));
        assertThat(Similarities.euclidean(huge, hugeB)).isCloseTo(Math.sqrt(6) * 1e200, within(1e188));
        double[] tiny = {1e-200, 0, 1e-200};
        double[] tinyB = {1e-200, 1e-200, 0};
        assertThat(Similarities.cosine(tiny, tinyB)).isCloseTo(0.5, within(1e-12));
        assertThat(Similarities.pearson(tiny, tinyB)).isCloseTo(-0.5, within(1e-12));
        assertThat(Similarities.cosine(SparseVector.fromDense(tiny), SparseVector.fromDense(tinyB))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void mismatchedLengthsNameBothLengths() {
        assertThatThrownBy(() -> Similarities.cosine(new double[3], new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vectors differ in length: 3 vs 4");
        assertThatThrownBy(() -> Similarities.pearson(new float[2], new float[5])).hasMessage("vectors differ in length: 2 vs 5");
        assertThatThrownBy(() -> Similarities.euclidean(new double[1], new double[0])).hasMessage("vectors differ in length: 1 vs 0");
        assertThatThrownBy(() -> Similarities.cosine(SparseVector.empty(3), SparseVector.empty(7)))
                .hasMessage("vectors differ in length: 3 vs 7");
    }

    @Test
    void nonFiniteInputIsRejectedWithIndex() {
        assertThatThrownBy(() -> Similarities.cosine(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first vector has NaN at index 1; similarities need finite values");
        assertThatThrownBy(() -> Similarities.pearson(new double[] {1, 2}, new double[] {Double.NEGATIVE_INFINITY, 2}))
                .hasMessage("the second vector has -Infinity at index 0; similarities need finite values");
        assertThatThrownBy(() -> Similarities.euclidean(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("second vector has Infinity at index 1");
        assertThatThrownBy(() -> Similarities.cosine(new float[] {Float.NaN}, new float[] {1}))
                .hasMessageContaining("first vector has NaN at index 0");
        assertThatThrownBy(() -> Similarities.squaredEuclidean(new float[] {1}, new float[] {Float.NaN}))
                .hasMessageContaining("second vector has NaN at index 0");
    }

    @Test
    void jaccard() {
        assertThat(Similarities.jaccard(Set.of(1, 2, 3), Set.of(2, 3, 4, 5))).isCloseTo(2.0 / 5, within(1e-15));
        assertThat(Similarities.jaccard(Set.of("a"), Set.of("a"))).isEqualTo(1.0);
        assertThat(Similarities.jaccard(Set.of("a"), Set.of())).isZero();
        assertThat(Similarities.jaccard(Set.of(), Set.of())).isZero();
        SparseVector x = SparseVector.of(6, new int[] {0, 1, 3}, new double[] {1, 0, 5});
        SparseVector y = SparseVector.of(6, new int[] {1, 3, 5}, new double[] {2, 1, 1});
        // supports {0,3} and {1,3,5}: 1 / 4
        assertThat(Similarities.jaccard(x, y)).isCloseTo(0.25, within(1e-15));
        assertThat(Similarities.jaccard(SparseVector.empty(6), SparseVector.empty(6))).isZero();
    }

    private static double[] gaussian(Random rnd, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private static double[] sparseRandom(Random rnd, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rnd.nextDouble() < 0.4 ? rnd.nextInt(7) - 3 : 0;
        }
        return v;
    }

    private static double[] scale(double[] v, double s, double shift) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s + shift;
        }
        return out;
    }
}
