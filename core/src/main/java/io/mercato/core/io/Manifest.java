package io.mercato.core.io;

import java.util.Objects;

/**
 * The {@code manifest.json} entry of a model file: the container format version, the model kind
 * (e.g. {@code "text-classifier"}, {@code "recsys/als"}) and that kind's own payload version, and the
 * model's {@link Provenance}.
 *
 * @param formatVersion version of the container format ({@link ModelFileWriter#FORMAT_VERSION})
 * @param kind the model kind, a non-empty identifier chosen by the module that writes it
 * @param kindVersion version of that kind's payload layout, {@code >= 1}
 * @param provenance where the model came from
 */
public record Manifest(int formatVersion, String kind, int kindVersion, Provenance provenance) {
    /** Validates. */
    public Manifest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provenance, "provenance");
    }
}
