package io.mercato.recsys;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.DataFingerprint;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.ModelKey;
import io.mercato.core.io.Provenance;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.Map;

/**
 * The recommender model file: core's model file of kind {@value #KIND} holding, per (possibly nested)
 * model, {@code recommender.json} (algorithm, state version, hyper-parameters), {@code interactions}
 * (the training data) and the algorithm's own entries.
 */
final class ModelFiles {

    static final String KIND = "mercato-recommender";
    static final int KIND_VERSION = 1;

    /** The per-model header entry. */
    record Header(String algorithm, int version, Map<String, String> hyperParameters, double trainingSeconds,
                  Map<String, Double> metrics) {
    }

    private ModelFiles() {
    }

    static void save(Recommender model, Path file, ModelKey key) {
        Interactions data = model.trainingData();
        ModelInfo info = model.info();
        Provenance provenance = Provenance.now(fingerprint(data), data.size(), info.trainingSeconds(),
                info.hyperParameters(), info.metrics());
        try (ModelFileWriter w = ModelFileWriter.create(file, KIND, KIND_VERSION, provenance, key)) {
            write(model, new ModelWriter(w, ""));
            w.commit();
        }
    }

    static void write(Recommender model, ModelWriter out) {
        AlgorithmProvider provider = Recommenders.provider(model.algorithm());
        ModelInfo info = model.info();
        out.json("recommender.json",
                new Header(info.algorithm(), provider.version(), info.hyperParameters(), info.trainingSeconds(),
                        info.metrics()));
        out.data("interactions", o -> model.trainingData().write(o));
        model.writeTo(out);
    }

    static Recommender load(Path file, ModelKey key) {
        try (ModelFileReader r = ModelFileReader.open(file, KIND, KIND_VERSION, key)) {
            return read(new ModelReader(r, file, ""));
        }
    }

    static Recommender read(ModelReader in) {
        Header h = in.json("recommender.json", Header.class);
        if (h == null || h.algorithm() == null) {
            throw in.corrupt("recommender.json names no algorithm");
        }
        AlgorithmProvider provider;
        try {
            provider = Recommenders.provider(h.algorithm());
        } catch (RuntimeException e) {
            throw new ModelFileException(in.path(), "unknown algorithm '" + h.algorithm()
                    + "' (known: " + Recommenders.names() + ")");
        }
        if (h.version() > provider.version()) {
            throw new ModelFileException(in.path(), h.algorithm() + " state version " + h.version()
                    + " is newer than this library reads (" + provider.version() + ")");
        }
        Interactions data = in.data("interactions", Interactions::read);
        ModelInfo info = new ModelInfo(h.algorithm(),
                h.hyperParameters() == null ? Map.of() : h.hyperParameters(), h.trainingSeconds(), h.metrics());
        return provider.read(in, data, info);
    }

    static String fingerprint(Interactions data) {
        DataFingerprint f = DataFingerprint.start();
        data.forEach((u, i, v, t) -> f.add(data.users().id(u)).add(data.items().id(i)).add(v));
        return f.hex();
    }
}
