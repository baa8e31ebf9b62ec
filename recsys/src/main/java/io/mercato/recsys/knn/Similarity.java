package io.mercato.recsys.knn;

/**
 * How two items (item-kNN) or two users (user-kNN) are compared, over the vectors of their
 * interactions. Sums marked "co-rated" run over the users (resp. items) both have; the others over
 * the whole vectors (missing = 0). All similarities are then shrunk by {@code n / (n + shrinkage)},
 * n = number of co-rated entries, and only positive similarities are kept as neighbours.
 */
public enum Similarity {
    /** Cosine of the raw value vectors: the usual choice for implicit data and top-n. */
    COSINE,
    /** Cosine after subtracting each user's (item-kNN) or item's (user-kNN) mean value (Sarwar et al. 2001). */
    ADJUSTED_COSINE,
    /** Pearson correlation over co-rated entries, centred on the co-rated means. */
    PEARSON,
    /** Correlation of baseline residuals {@code r - (mu + b_u + b_i)} over co-rated entries (Koren 2010). */
    PEARSON_BASELINE,
    /** {@code 1 / (1 + euclidean distance)} over co-rated entries. */
    EUCLIDEAN
}
