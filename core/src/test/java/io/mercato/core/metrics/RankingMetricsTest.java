package io.mercato.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final int[] RANKED = {7, 3, 9, 1, 4, 8};
    private static final Set<Integer> RELEVANT = Set.of(3, 4, 5);

    @Test
    void binaryNdcgMatchesSklearn() {
        // python3: sklearn.metrics.ndcg_score([true], [scores], k=k) with true[i] = i in {3,4,5} over items 0..9
        // and scores giving RANKED its order (6 for item 7 ... 1 for item 8, 0 elsewhere); k <= 6 so that
        // sklearn's tie handling of the unranked items does not enter.
        assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 1)).isZero();
        assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 3)).isCloseTo(0.2960819109658652, within(1e-12));
        assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 5)).isCloseTo(0.4776237035032179, within(1e-12));
        // by hand for k = 10 (item 5 never ranked): (1/log2 3 + 1/log2 6) / (1 + 1/log2 3 + 1/log2 4)
        double expected = (1 / log2(3) + 1 / log2(6)) / (1 + 1 / log2(3) + 0.5);
        assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 10)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void gradedNdcgMatchesSklearn() {
        Map<Integer, Double> gains = Map.of(3, 3.0, 4, 1.0, 5, 2.0, 9, 0.5);
        // python3: sklearn.metrics.ndcg_score([gains over items 0..9], [scores as above], k=k)
        assertThat(RankingMetrics.ndcgAtK(RANKED, gains, 3)).isCloseTo(0.44999002123017945, within(1e-12));
        assertThat(RankingMetrics.ndcgAtK(RANKED, gains, 5)).isCloseTo(0.5082462414841287, within(1e-12));
    }

    @Test
    void handWorkedPrecisionRecallApMrrHitRate() {
        // hits at positions 2 and 5
        assertThat(RankingMetrics.precisionAtK(RANKED, RELEVANT, 5)).isCloseTo(0.4, within(1e-15));
        assertThat(RankingMetrics.precisionAtK(RANKED, RELEVANT, 10)).isCloseTo(0.2, within(1e-15));
        assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 5)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 1)).isZero();
        // AP@5 = (1/2 + 2/5) / min(5, 3); AP@3 = (1/2) / 3
        assertThat(RankingMetrics.averagePrecisionAtK(RANKED, RELEVANT, 5)).isCloseTo(0.3, within(1e-15));
        assertThat(RankingMetrics.averagePrecisionAtK(RANKED, RELEVANT, 3)).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(RankingMetrics.reciprocalRank(RANKED, RELEVANT)).isEqualTo(0.5);
        assertThat(RankingMetrics.reciprocalRank(RANKED, Set.of(8))).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(RankingMetrics.hitRateAtK(RANKED, RELEVANT, 1)).isZero();
        assertThat(RankingMetrics.hitRateAtK(RANKED, RELEVANT, 2)).isEqualTo(1.0);
    }

    @Test
    void idealRankingScoresOneAndPropertiesHold() {
        Random rnd = new Random(17);
        for (int t = 0; t < 100; t++) {
            int n = 5 + rnd.nextInt(30);
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(i);
            }
            Collections.shuffle(items, rnd);
            Map<Integer, Double> gains = new HashMap<>();
            Set<Integer> relevant = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (rnd.nextDouble() < 0.4) {
                    gains.put(i, 1.0 + rnd.nextInt(5));
                    relevant.add(i);
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            int[] ideal = items.stream().sorted((x, y) -> Double.compare(gains.getOrDefault(y, 0.0),
                    gains.getOrDefault(x, 0.0))).mapToInt(Integer::intValue).toArray();
            int[] random = items.stream().mapToInt(Integer::intValue).toArray();
            int k = 1 + rnd.nextInt(n);
            assertThat(RankingMetrics.ndcgAtK(ideal, gains, k)).isCloseTo(1.0, within(1e-12));
            assertThat(RankingMetrics.ndcgAtK(ideal, relevant, k)).isCloseTo(1.0, within(1e-12));
            assertThat(RankingMetrics.averagePrecisionAtK(ideal, relevant, k)).isCloseTo(1.0, within(1e-12));
            assertThat(RankingMetrics.reciprocalRank(ideal, relevant)).isEqualTo(1.0);
            for (double v : new double[] {
                RankingMetrics.ndcgAtK(random, gains, k), RankingMetrics.ndcgAtK(random, relevant, k),
                RankingMetrics.precisionAtK(random, relevant, k), RankingMetrics.recallAtK(random, relevant, k),
                RankingMetrics.averagePrecisionAtK(random, relevant, k), RankingMetrics.reciprocalRank(random, relevant),
                RankingMetrics.hitRateAtK(random, relevant, k)}) {
                assertThat(v).isBetween(0.0, 1.0);
            }
            assertThat(RankingMetrics.ndcgAtK(random, gains, k))
                    .isLessThanOrEqualTo(RankingMetrics.ndcgAtK(ideal, gains, k) + 1e-12);
            assertThat(RankingMetrics.recallAtK(random, relevant, n)).isEqualTo(1.0);
        }
    }

    @Test
    void nothingRelevantGivesZero() {
        assertThat(RankingMetrics.ndcgAtK(RANKED, Set.of(), 5)).isZero();
        assertThat(RankingMetrics.ndcgAtK(RANKED, Map.of(3, 0.0), 5)).isZero();
        assertThat(RankingMetrics.recallAtK(RANKED, Set.of(), 5)).isZero();
        assertThat(RankingMetrics.averagePrecisionAtK(RANKED, Set.of(), 5)).isZero();
        assertThat(RankingMetrics.reciprocalRank(new int[0], RELEVANT)).isZero();
        assertThat(RankingMetrics.precisionAtK(new int[0], RELEVANT, 3)).isZero();
    }

    @Test
    void catalogCoverage() {
        assertThat(RankingMetrics.catalogCoverage(List.of(new int[] {0, 1, 2}, new int[] {2, 3}, new int[0]), 10))
                .isCloseTo(0.4, within(1e-15));
        assertThat(RankingMetrics.catalogCoverage(List.of(), 5)).isZero();
        assertThatThrownBy(() -> RankingMetrics.catalogCoverage(List.of(new int[] {5}), 5))
                .hasMessage("item id 5 is outside the catalog [0, 5)");
        assertThatThrownBy(() -> RankingMetrics.catalogCoverage(List.of(), 0)).hasMessageContaining("catalogSize must be >= 1");
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> RankingMetrics.precisionAtK(RANKED, RELEVANT, 0)).hasMessage("k must be >= 1 but was 0");
        assertThatThrownBy(() -> RankingMetrics.ndcgAtK(RANKED, Map.of(1, -1.0), 3))
                .hasMessage("gain of item 1 is -1.0; gains must be finite and >= 0");
    }

    @Test
    void aRankedListRepeatingAnItemIsRejectedNotScoredAboveOne() {
        // {3, 3, 4} against relevant {3, 4}: counting 3 twice would give DCG 1 + 1/log2 3 + 1/2 over IDCG
        // 1 + 1/log2 3, i.e. NDCG@3 = 1.315, and precision@2 = 1 with one relevant item in the list
        int[] repeated = {3, 3, 4};
        Set<Integer> relevant = Set.of(3, 4);
        assertThatThrownBy(() -> RankingMetrics.ndcgAtK(repeated, relevant, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranked list repeats item 3 (positions 1 and 2); a ranking lists each item once");
        assertThatThrownBy(() -> RankingMetrics.precisionAtK(repeated, relevant, 2)).hasMessageContaining("repeats item 3");
        assertThatThrownBy(() -> RankingMetrics.recallAtK(repeated, relevant, 3)).hasMessageContaining("repeats item 3");
        assertThatThrownBy(() -> RankingMetrics.averagePrecisionAtK(repeated, relevant, 3)).hasMessageContaining("repeats");
        assertThatThrownBy(() -> RankingMetrics.hitRateAtK(repeated, relevant, 2)).hasMessageContaining("repeats");
        assertThatThrownBy(() -> RankingMetrics.reciprocalRank(repeated, relevant)).hasMessageContaining("repeats");
        assertThatThrownBy(() -> RankingMetrics.ndcgAtK(new int[] {5, 4, 5}, Map.of(5, 2.0), 3))
                .hasMessageContaining("positions 1 and 3");
        // a repeat beyond the cut-off is not read, so it is not an error: {4, 3, 3} at k = 2 is two hits of two
        assertThat(RankingMetrics.ndcgAtK(new int[] {4, 3, 3}, relevant, 2)).isEqualTo(1.0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
