package io.mercato.recsys.knn;

/**
 * How much each of the user's items counts when kNN sums neighbour similarities into a ranking score.
 */
public enum RankingWeight {
    /** Every item counts 1: only which items the user has matters. */
    BINARY,
    /** The interaction value (rating, count): liked or frequent items count more. */
    VALUE,
    /**
     * {@code r - b_ui + 1}: one plus how much the user's rating exceeds the baseline estimate, so items
     * rated above expectation count more and items rated far below it count against their neighbours.
     */
    RESIDUAL
}
