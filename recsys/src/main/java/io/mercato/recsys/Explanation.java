package io.mercato.recsys;

import java.util.List;

/**
 * Why a model scored an item for a user: the score and the contributions behind it, largest first,
 * e.g. the user's own items for kNN ("because you liked X"), item features for content-based models,
 * latent factors for matrix factorization. {@link #summary()} is a sentence a marketer can read.
 */
public record Explanation(String user, String item, double score, String summary, List<Reason> reasons) {

    /** Copies the reasons. */
    public Explanation {
        reasons = List.copyOf(reasons);
    }

    /**
     * One contribution to a score.
     *
     * @param kind what the reason is about: "item", "user", "feature", "factor", "bias" or "popularity"
     * @param label what a person reads, e.g. an item id or a feature name
     * @param contribution its share of the score (same unit as the score)
     */
    public record Reason(String kind, String label, double contribution) {
    }
}
