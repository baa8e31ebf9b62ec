package io.mercato.core.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Top-k ranking metrics for one user's recommendation list; average them over users for a test set.
 * {@code ranked} holds item ids best first; {@code relevant} holds the ids the user actually liked in
 * the test period; only the first {@code k} entries of {@code ranked} count. A ranked list that repeats
 * an item within the positions a metric reads is rejected ({@link IllegalArgumentException}): counting
 * a hit twice would give precision, recall or NDCG above what any real list can reach (NDCG above 1).
 *
 * <p>Definitions: precision@k = hits / k (a list shorter than k is not rewarded); recall@k = hits /
 * |relevant|; NDCG@k uses linear gains and {@code 1 / log2(rank + 1)} discounts, normalized by the
 * ideal ordering's DCG; average precision@k is the sum of precision@i at each hit position i ≤ k
 * divided by {@code min(k, |relevant|)}; the reciprocal rank is 1 / (position of the first relevant
 * item), over the whole list; hit rate@k is 1 if any of the first k is relevant. When there is
 * nothing relevant (empty set or all gains 0), every metric is 0.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /** @return fraction of the first {@code k} positions holding a relevant item */
    public static double precisionAtK(int[] ranked, Set<Integer> relevant, int k) {
        checkK(k);
        checkDistinct(ranked, k);
        return (double) hits(ranked, relevant, k) / k;
    }

    /** @return fraction of the relevant items found in the first {@code k} positions */
    public static double recallAtK(int[] ranked, Set<Integer> relevant, int k) {
        checkK(k);
        checkDistinct(ranked, k);
        return relevant.isEmpty() ? 0 : (double) hits(ranked, relevant, k) / relevant.size();
    }

    /** @return NDCG@k with binary relevance (gain 1 for relevant items) */
    public static double ndcgAtK(int[] ranked, Set<Integer> relevant, int k) {
        checkK(k);
        checkDistinct(ranked, k);
        double dcg = 0;
        int limit = Math.min(k, ranked.length);
        for (int i = 0; i < limit; i++) {
            if (relevant.contains(ranked[i])) {
                dcg += discount(i);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += discount(i);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /**
     * NDCG@k with graded relevance: item {@code id} has gain {@code gains.get(id)} (absent = 0).
     *
     * @param gains non-negative finite gains, e.g. ratings
     */
    public static double ndcgAtK(int[] ranked, Map<Integer, Double> gains, int k) {
        checkK(k);
        checkDistinct(ranked, k);
        double dcg = 0;
        int limit = Math.min(k, ranked.length);
        for (int i = 0; i < limit; i++) {
            Double g = gains.get(ranked[i]);
            if (g != null) {
                dcg += g * discount(i);
            }
        }
        double[] sorted = new double[gains.size()];
        int j = 0;
        for (Map.Entry<Integer, Double> e : gains.entrySet()) {
            double g = e.getValue();
            if (!(g >= 0) || Double.isInfinite(g)) {
                throw new IllegalArgumentException("gain of item " + e.getKey() + " is " + g
                        + "; gains must be finite and >= 0");
            }
            sorted[j++] = g;
        }
        Arrays.sort(sorted);
        double ideal = 0;
        for (int i = 0; i < Math.min(k, sorted.length); i++) {
            ideal += sorted[sorted.length - 1 - i] * discount(i);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** @return average precision over the first {@code k} positions, normalized by min(k, |relevant|) */
    public static double averagePrecisionAtK(int[] ranked, Set<Integer> relevant, int k) {
        checkK(k);
        checkDistinct(ranked, k);
        if (relevant.isEmpty()) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        int limit = Math.min(k, ranked.length);
        for (int i = 0; i < limit; i++) {
            if (relevant.contains(ranked[i])) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(k, relevant.size());
    }

    /** @return 1 / (1-based position of the first relevant item), 0 if none is in the list */
    public static double reciprocalRank(int[] ranked, Set<Integer> relevant) {
        checkDistinct(ranked, ranked.length);
        for (int i = 0; i < ranked.length; i++) {
            if (relevant.contains(ranked[i])) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** @return 1 if any of the first {@code k} items is relevant, else 0 */
    public static double hitRateAtK(int[] ranked, Set<Integer> relevant, int k) {
        checkK(k);
        checkDistinct(ranked, k);
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    /**
     * Catalog coverage of a set of recommendation lists: the fraction of the catalog recommended to
     * at least one user.
     *
     * @param lists the lists (e.g. each user's top-k), item ids in {@code [0, catalogSize)}
     * @param catalogSize the number of items, {@code >= 1}
     * @return distinct recommended items / catalogSize
     */
    public static double catalogCoverage(Collection<int[]> lists, int catalogSize) {
        if (catalogSize < 1) {
            throw new IllegalArgumentException("catalogSize must be >= 1 but was " + catalogSize);
        }
        boolean[] seen = new boolean[catalogSize];
        int distinct = 0;
        for (int[] list : lists) {
            for (int item : list) {
                if (item < 0 || item >= catalogSize) {
                    throw new IllegalArgumentException("item id " + item + " is outside the catalog [0, "
                            + catalogSize + ")");
                }
                if (!seen[item]) {
                    seen[item] = true;
                    distinct++;
                }
            }
        }
        return (double) distinct / catalogSize;
    }

    private static int hits(int[] ranked, Set<Integer> relevant, int k) {
        int h = 0;
        int limit = Math.min(k, ranked.length);
        for (int i = 0; i < limit; i++) {
            if (relevant.contains(ranked[i])) {
                h++;
            }
        }
        return h;
    }

    /** Discount of 0-based position i: 1 / log2(i + 2). */
    private static double discount(int i) {
        return 1.0 / (Math.log(i + 2) / Math.log(2));
    }

    /** Rejects a list whose first {@code k} entries repeat an item. */
    private static void checkDistinct(int[] ranked, int k) {
        int limit = Math.min(k, ranked.length);
        if (limit < 2) {
            return;
        }
        int[] sorted = Arrays.copyOf(ranked, limit);
        Arrays.sort(sorted);
        for (int i = 1; i < limit; i++) {
            if (sorted[i] == sorted[i - 1]) {
                int first = -1;
                for (int p = 0; p < limit; p++) {
                    if (ranked[p] == sorted[i]) {
                        if (first >= 0) {
                            throw new IllegalArgumentException("ranked list repeats item " + sorted[i]
                                    + " (positions " + (first + 1) + " and " + (p + 1) + "); a ranking lists each item once");
                        }
                        first = p;
                    }
                }
            }
        }
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
    }
}
