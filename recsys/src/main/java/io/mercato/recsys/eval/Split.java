package io.mercato.recsys.eval;

import io.mercato.recsys.data.Interactions;

/**
 * A train/test partition of interactions. Each side has its own id indices (a user or item present
 * on one side only is absent from the other), so nothing about the test side can leak into training.
 */
public record Split(Interactions train, Interactions test) {
}
