package io.mercato.core.train;

import org.slf4j.Logger;

/**
 * Receives progress from every Mercato trainer: {@link #onStart} once, {@link #onEpoch} after each
 * epoch, {@link #onEnd} once (also after early stopping). Called on the training thread; keep it
 * cheap. The CLI shows a progress bar with it; libraries log with {@link #logging(Logger)}.
 */
@FunctionalInterface
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = e -> { };

    /** @param event progress after one epoch */
    void onEpoch(EpochEvent event);

    /**
     * @param what what is being trained, e.g. {@code "text classifier (mlp)"}
     * @param maxEpochs the configured maximum number of epochs
     */
    default void onStart(String what, int maxEpochs) {
    }

    /** Training finished. */
    default void onEnd() {
    }

    /**
     * @param log where to write
     * @return a listener logging each event at INFO level
     */
    static TrainingListener logging(Logger log) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochEvent event) {
                log.info("{}", event);
            }

            @Override
            public void onStart(String what, int maxEpochs) {
                log.info("training {} for at most {} epochs", what, maxEpochs);
            }

            @Override
            public void onEnd() {
                log.info("training finished");
            }
        };
    }
}
