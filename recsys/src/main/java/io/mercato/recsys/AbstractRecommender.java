package io.mercato.recsys;

import io.mercato.recsys.data.Interactions;

/**
 * Skeletal {@link Recommender}: holds the two things every trained model carries besides its
 * algorithm state, its {@link ModelInfo} (provenance) and the interactions it was trained on, so
 * that each algorithm writes only its index-level scoring, explanation and persistence.
 */
public abstract class AbstractRecommender implements Recommender {

    /** Algorithm name, hyper-parameters and training time. */
    protected final ModelInfo info;
    /** The interactions the model was trained on; their indices are the model's user and item indices. */
    protected final Interactions data;

    /** A model described by {@code info} and trained on {@code data}. */
    protected AbstractRecommender(ModelInfo info, Interactions data) {
        this.info = info;
        this.data = data;
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final Interactions trainingData() {
        return data;
    }
}
