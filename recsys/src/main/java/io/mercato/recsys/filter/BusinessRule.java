package io.mercato.recsys.filter;

import io.mercato.recsys.data.Interactions;

/**
 * A candidate filter or business rule applied to a user's dense score row before the top-n is taken:
 * set an item's score to {@link Double#NEGATIVE_INFINITY} to exclude it, change it to boost or bury it.
 * Factories for the common rules are in {@link Rules}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface BusinessRule {

    /**
     * Adjusts {@code scores} (one per item of {@code data.items()}) in place.
     *
     * @param data the model's training data (its item index resolves ids)
     * @param user the user's index, or -1 for a user unknown to the model
     */
    void apply(Interactions data, int user, double[] scores);
}
