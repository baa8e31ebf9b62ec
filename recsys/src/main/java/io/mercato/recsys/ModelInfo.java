package io.mercato.recsys;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a trained model is: its algorithm name (as in {@link Recommenders#byName}), the
 * hyper-parameters it was trained with (stringified, for provenance and reports) and the training
 * time. Stored in the model file's provenance.
 */
public record ModelInfo(String algorithm, Map<String, String> hyperParameters, double trainingSeconds) {

    /** Copies and sorts the hyper-parameters. */
    public ModelInfo {
        hyperParameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperParameters));
    }

    /** Info with the training time measured from {@code startNanos} ({@link System#nanoTime()}) to now. */
    public static ModelInfo timed(String algorithm, Map<String, String> hyperParameters, long startNanos) {
        return new ModelInfo(algorithm, hyperParameters, (System.nanoTime() - startNanos) / 1e9);
    }
}
