package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.core.linalg.TopK;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopNStreamTest {

    @Test
    void streamedTopListsEqualAPerUserSortOfTheScoresWithoutOwnItems() throws Exception {
        Interactions data = Planted.clusters(90, 50, 3, 0.4, 7);
        FactorModel model = ImplicitAlsTrainer.builder().rank(4).iterations(3).seed(5).build().fit(data);
        SparseMatrix own = data.byUser();
        List<Integer> seen = new ArrayList<>();
        model.factors().forEachTopN(6, own, 2, (u, items, scores, length) -> {
            seen.add(u);
            double[] s = model.factors().scores(u);
            for (int e = own.start(u); e < own.end(u); e++) {
                s[own.index(e)] = Double.NEGATIVE_INFINITY;
            }
            int[] expected = TopK.indices(s, 6);
            assertThat(length).isEqualTo(6);
            assertThat(java.util.Arrays.copyOf(items, length)).as("user %d", u).containsExactly(expected);
            for (int r = 0; r < length; r++) {
                assertThat((double) scores[r]).isCloseTo(s[items[r]], org.assertj.core.api.Assertions.within(1e-5));
            }
        });
        assertThat(seen).hasSize(data.userCount()).isSorted();
    }

    @Test
    void aUserWithFewerAllowedItemsThanNGetsAShorterList() throws Exception {
        Interactions data = Interactions.builder().add("u", "a", 1).add("u", "b", 1).add("v", "a", 1).build();
        FactorModel model = ImplicitAlsTrainer.builder().rank(2).iterations(2).build().fit(data);
        StringWriter out = new StringWriter();
        model.writeTopN(out, 5, 1);
        // u has every item already; v gets b only
        assertThat(out.toString().split("\n")).hasSize(2).startsWith("user,item,rank,score");
        assertThat(out.toString()).contains("\nv,b,1,");
    }

    @Test
    void normBoundedScanFindsTheSameListsAsScoringEveryItemOnALongTailWithBiases() throws Exception {
        // 40 users x 3,000 items, item norms falling like 1/(1+i/50) (a long tail, in shuffled index order) and a few
        // small-norm items with a large bias: the scan may skip the tail only where the bound allows.
        int rank = 6;
        int users = 40;
        int items = 3000;
        java.util.Random random = new java.util.Random(11);
        float[] p = new float[users * rank];
        float[] q = new float[items * rank];
        float[] bu = new float[users];
        float[] bi = new float[items];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) random.nextGaussian();
        }
        for (int i = 0; i < items; i++) {
            int popularity = (i * 7919) % items;
            for (int f = 0; f < rank; f++) {
                q[i * rank + f] = (float) (random.nextGaussian() / (1 + popularity / 50.0));
            }
            bi[i] = popularity > items - 4 ? 3f : (float) (0.01 * random.nextGaussian());
        }
        for (int u = 0; u < users; u++) {
            bu[u] = (float) random.nextGaussian();
        }
        LatentFactors factors = LatentFactors.of(rank, p, q, bu, bi, 0.5);
        Interactions.Builder seen = Interactions.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                // every 37th item, offset by user, is the user's own: some of the top scorers are excluded
                if ((i + u) % 37 == 0) {
                    seen.add("u" + u, "i" + i, 1);
                }
            }
        }
        SparseMatrix exclude = seen.build().byUser();
        assertThat(exclude.rows()).isEqualTo(users);
        for (int n : new int[] {1, 5, 20}) {
            int[] calls = new int[1];
            factors.forEachTopN(n, exclude, 2, (u, top, scores, length) -> {
                calls[0]++;
                double[] brute = new double[items];
                for (int i = 0; i < items; i++) {
                    double dot = 0;
                    for (int f = 0; f < rank; f++) {
                        dot += (double) p[u * rank + f] * q[i * rank + f];
                    }
                    brute[i] = 0.5 + bu[u] + bi[i] + dot;
                }
                for (int e = exclude.start(u); e < exclude.end(u); e++) {
                    brute[exclude.index(e)] = Double.NEGATIVE_INFINITY;
                }
                assertThat(java.util.Arrays.copyOf(top, length)).as("user %d, n %d", u, n)
                        .containsExactly(TopK.indices(brute, n));
            });
            assertThat(calls[0]).isEqualTo(users);
        }
    }
}
