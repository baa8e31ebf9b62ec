package io.mercato.recsys.neural;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;

/**
 * Registry entry ({@link java.util.ServiceLoader}) of {@code ncf}: parameters named as {@link NcfTrainer.Builder}'s
 * methods, {@code hiddenLayers} written as widths joined by '-' (e.g. {@code 64-32}); absent ones keep the defaults.
 */
public final class NcfProvider implements AlgorithmProvider {

    @Override
    public String name() {
        return "ncf";
    }

    @Override
    public RecommenderTrainer trainer(AlgorithmParams p) {
        NcfTrainer.Builder b = NcfTrainer.builder();
        p.integer("embeddingSize", b::embeddingSize);
        if (p.has("hiddenLayers")) {
            String v = p.string("hiddenLayers", "").trim();
            try {
                b.hiddenLayers(v.isEmpty() ? new int[0]
                        : java.util.Arrays.stream(v.split("-")).mapToInt(s -> Integer.parseInt(s.trim())).toArray());
            } catch (NumberFormatException e) {
                throw ConfigurationException.invalid("hiddenLayers", v, "must be widths joined by '-', e.g. 64-32");
            }
        }
        p.integer("epochs", b::epochs);
        p.integer("negatives", b::negatives);
        p.integer("batchSize", b::batchSize);
        p.real("learningRate", b::learningRate);
        p.real("l2", b::l2);
        p.longValue("seed", b::seed);
        return b.build();
    }

    @Override
    public Recommender read(ModelReader in, Interactions trainingData, ModelInfo info) {
        return NcfModel.read(in, trainingData, info);
    }
}
