package io.mercato.recsys.neural;

import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;

/**
 * Registry entry ({@link java.util.ServiceLoader}) of {@code ncf}: parameters named as {@link NcfTrainer.Builder}'s
 * methods; absent ones keep the defaults.
 */
public final class NcfProvider implements AlgorithmProvider {

    /** State version of the saved model: 2 = GMF embeddings as float arrays (1 was a DL4J network). */
    static final int VERSION = 2;

    @Override
    public String name() {
        return "ncf";
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public RecommenderTrainer trainer(AlgorithmParams p) {
        NcfTrainer.Builder b = NcfTrainer.builder();
        p.integer("embeddingSize", b::embeddingSize);
        p.integer("epochs", b::epochs);
        p.integer("negatives", b::negatives);
        p.integer("batchSize", b::batchSize);
        p.real("learningRate", b::learningRate);
        p.real("l2", b::l2);
        p.longValue("seed", b::seed);
        p.integer("threads", b::threads);
        return b.build();
    }

    @Override
    public Recommender read(ModelReader in, Interactions trainingData, ModelInfo info) {
        return NcfModel.read(in, trainingData, info);
    }
}
