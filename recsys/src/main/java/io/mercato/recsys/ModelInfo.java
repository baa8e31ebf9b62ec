package io.mercato.recsys;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a trained model is: its algorithm name (as in {@link Recommenders#byName}), the
 * hyper-parameters it was trained with (stringified, for provenance and reports), the training time
 * and the metrics measured while training (e.g. the validation scores of a tuned model, empty for most
 * models). Stored in the model file's provenance.
 */
public record ModelInfo(String algorithm, Map<String, String> hyperParameters, double trainingSeconds,
                        Map<String, Double> metrics) {

    /** Copies and sorts the hyper-parameters and metrics. */
    public ModelInfo {
        hyperParameters = Collections.unmodifiableMap(new TreeMap<>(hyperParameters));
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    }

    /** Info without training-time metrics. */
    public ModelInfo(String algorithm, Map<String, String> hyperParameters, double trainingSeconds) {
        this(algorithm, hyperParameters, trainingSeconds, Map.of());
    }

    /** Info with the training time measured from {@code startNanos} ({@link System#nanoTime()}) to now. */
    public static ModelInfo timed(String algorithm, Map<String, String> hyperParameters, long startNanos) {
        return new ModelInfo(algorithm, hyperParameters, (System.nanoTime() - startNanos) / 1e9);
    }
}
