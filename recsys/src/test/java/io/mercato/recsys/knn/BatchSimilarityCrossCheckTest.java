package io.mercato.recsys.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.metrics.Similarities;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.baseline.Biases;
import io.mercato.recsys.data.Interactions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch sparse similarity computation against core's scalar {@link Similarities}, pair by pair, on
 * random ratings (shrinkage 0, every neighbour kept): the two implementations share no code.
 */
class BatchSimilarityCrossCheckTest {

    private static final int USERS = 25;
    private static final int ITEMS = 12;

    static Interactions data() {
        SplittableRandom r = new SplittableRandom(11);
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if (r.nextDouble() < 0.5) {
                    b.add("u" + u, "i" + i, 1 + r.nextInt(10) / 2.0);
                }
            }
        }
        return b.build();
    }

    private static double[] denseColumn(Interactions d, int item) {
        double[] c = new double[d.userCount()];
        for (int k = d.byItem().start(item); k < d.byItem().end(item); k++) {
            c[d.byItem().index(k)] = d.byItem().value(k);
        }
        return c;
    }

    private static double[][] coRated(Interactions d, int a, int b, java.util.function.IntToDoubleFunction shiftA,
                                      java.util.function.IntToDoubleFunction shiftB) {
        double[] x = new double[d.userCount()];
        double[] y = new double[d.userCount()];
        int n = 0;
        for (int u = 0; u < d.userCount(); u++) {
            double va = d.value(u, a);
            double vb = d.value(u, b);
            if (!Double.isNaN(va) && !Double.isNaN(vb)) {
                x[n] = va - shiftA.applyAsDouble(u);
                y[n] = vb - shiftB.applyAsDouble(u);
                n++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
    }

    private static Recommender fit(Similarity s) {
        return Knn.itemBased().similarity(s).shrinkage(0).modelSize(ITEMS).neighbours(ITEMS)
                .regUser(5).regItem(5).threads(2).build().fit(data());
    }

    private static void check(Similarity s, Expected expected) {
        Interactions d = data();
        Recommender m = fit(s);
        int compared = 0;
        for (int a = 0; a < ITEMS; a++) {
            double[] row = m.itemSimilarities(a);
            for (int b = 0; b < ITEMS; b++) {
                if (a == b) {
                    continue;
                }
                double want = expected.of(d, a, b);
                if (want > 1e-9) {
                    assertThat(row[b]).as("%s(%d,%d)", s, a, b).isCloseTo(want, within(1e-5));
                    compared++;
                } else {
                    assertThat(row[b]).as("%s(%d,%d) not a neighbour", s, a, b).isNaN();
                }
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    private interface Expected {
        double of(Interactions d, int a, int b);
    }

    @Test
    void cosine() {
        check(Similarity.COSINE, (d, a, b) -> Similarities.cosine(denseColumn(d, a), denseColumn(d, b)));
    }

    @Test
    void adjustedCosine() {
        check(Similarity.ADJUSTED_COSINE, (d, a, b) -> {
            double[] x = denseColumn(d, a);
            double[] y = denseColumn(d, b);
            for (int u = 0; u < d.userCount(); u++) {
                double mean = 0;
                float[] v = d.userValues(u);
                for (float f : v) {
                    mean += f / v.length;
                }
                x[u] = Double.isNaN(d.value(u, a)) ? 0 : x[u] - mean;
                y[u] = Double.isNaN(d.value(u, b)) ? 0 : y[u] - mean;
            }
            return Similarities.cosine(x, y);
        });
    }

    @Test
    void pearsonOverCoRatedUsers() {
        check(Similarity.PEARSON, (d, a, b) -> {
            double[][] xy = coRated(d, a, b, u -> 0, u -> 0);
            return xy[0].length < 2 ? 0 : Similarities.pearson(xy[0], xy[1]);
        });
    }

    @Test
    void euclideanOverCoRatedUsers() {
        check(Similarity.EUCLIDEAN, (d, a, b) -> {
            double[][] xy = coRated(d, a, b, u -> 0, u -> 0);
            return 1 / (1 + Similarities.euclidean(xy[0], xy[1]));
        });
    }

    @Test
    void pearsonBaselineIsTheCosineOfCoRatedResiduals() {
        Biases biases = Biases.fit(data(), 5, 5, 10);
        check(Similarity.PEARSON_BASELINE, (d, a, b) -> {
            double[][] xy = coRated(d, a, b, u -> biases.estimate(u, a), u -> biases.estimate(u, b));
            return Similarities.cosine(xy[0], xy[1]);
        });
    }
}
