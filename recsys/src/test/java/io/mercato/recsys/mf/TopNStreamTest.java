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
}
