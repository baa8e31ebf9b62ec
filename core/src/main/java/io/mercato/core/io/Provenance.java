package io.mercato.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a trained model came from: the library version that trained it, when, on which data
 * (a {@link DataFingerprint}), how many examples and how long, with which hyper-parameters, and the
 * metrics measured at training time. Stored in every model file's manifest. Maps are copied into
 * sorted unmodifiable maps.
 *
 * @param libraryVersion the Mercato version that trained the model
 * @param createdAt when the model was trained
 * @param dataFingerprint hex fingerprint of the training data (may be empty when unknown)
 * @param trainingExamples number of training examples
 * @param trainingSeconds wall-clock training time in seconds
 * @param hyperParameters settings used, as text
 * @param metrics metrics measured at training time (e.g. validation accuracy)
 */
public record Provenance(String libraryVersion, Instant createdAt, String dataFingerprint,
                         long trainingExamples, double trainingSeconds,
                         Map<String, String> hyperParameters, Map<String, Double> metrics) {

    /** The version of this Mercato library, or {@code "unknown"} when run from unpackaged classes. */
    public static final String LIBRARY_VERSION = readLibraryVersion();

    /** Validates and copies. */
    public Provenance {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        dataFingerprint = dataFingerprint == null ? "" : dataFingerprint;
        if (trainingExamples < 0) {
            throw new IllegalArgumentException("trainingExamples must be >= 0 but was " + trainingExamples);
        }
        hyperParameters = Collections.unmodifiableMap(new TreeMap<>(
                hyperParameters == null ? Map.of() : hyperParameters));
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    }

    /**
     * Provenance for a model trained just now by this library version.
     *
     * @param dataFingerprint see {@link DataFingerprint#hex()}
     * @param trainingExamples number of training examples
     * @param trainingSeconds training time in seconds
     * @param hyperParameters settings used
     * @param metrics metrics measured at training time
     * @return the provenance with {@link #LIBRARY_VERSION} and the current instant
     */
    public static Provenance now(String dataFingerprint, long trainingExamples, double trainingSeconds,
                                 Map<String, String> hyperParameters, Map<String, Double> metrics) {
        return new Provenance(LIBRARY_VERSION, Instant.now(), dataFingerprint, trainingExamples,
                trainingSeconds, hyperParameters, metrics);
    }

    private static String readLibraryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/io/mercato/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
