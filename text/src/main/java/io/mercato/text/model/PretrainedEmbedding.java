package io.mercato.text.model;

import io.mercato.core.ConfigurationException;
import io.mercato.text.embed.EmbeddingInit;
import io.mercato.text.embed.WordVectors;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Sgd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrained word vectors that start a token model's word embedding (CNN, RNN, attention), frozen or fine-tuned:
 * the embedding size follows the vectors, covered tokens start from their vector, the others from the seeded
 * random initialization. Frozen means a learning rate of 0 on the embedding layer (DL4J's {@code NoOp} updater
 * would apply the raw gradient instead).
 *
 * @param vectors   the vectors
 * @param trainable whether they are fine-tuned with the rest of the network
 */
record PretrainedEmbedding(WordVectors vectors, boolean trainable) {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedEmbedding.class);

    /**
     * The embedding size a model uses: the vectors' dimension.
     *
     * @throws ConfigurationException if {@code explicitSize} was set to another size
     */
    int embeddingSize(boolean sizeSet, int explicitSize) {
        if (sizeSet && explicitSize != vectors.dimension()) {
            throw ConfigurationException.invalid("embeddingSize", explicitSize, "the pretrained vectors "
                    + vectors.source() + " have dimension " + vectors.dimension()
                    + "; leave embeddingSize unset or set it to " + vectors.dimension());
        }
        return vectors.dimension();
    }

    /** The word embedding layer, frozen when the vectors are not trainable. */
    static EmbeddingSequenceLayer layer(int vocabulary, int size, PretrainedEmbedding pretrained) {
        return new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(size).hasBias(false)
                .updater(pretrained != null && !pretrained.trainable() ? new Sgd(0.0) : null).build();
    }

    /**
     * Copies the vectors into layer {@code layer} of the initialized {@code graph} for the training set's tokens.
     *
     * @throws ConfigurationException if the training set carries no tokens
     */
    void initialize(ComputationGraph graph, String layer, TrainingSet train, String model) {
        if (train.tokens() == null) {
            throw ConfigurationException.invalid("embeddings", vectors.source(),
                    "pretrained vectors need the training set's tokens (TrainingSet.tokens), which are missing");
        }
        EmbeddingInit.Coverage coverage = EmbeddingInit.apply(graph, layer, vectors, train.tokens());
        LOG.info("{} embeddings from {}: {}", model, vectors.source(), coverage);
    }

    /** Records the vectors in a trainer's hyper-parameters. */
    void putInto(Map<String, String> h) {
        h.put("embeddings", vectors.source() + " (" + vectors.size() + " x " + vectors.dimension() + ")");
        h.put("embeddingsTrainable", Boolean.toString(trainable));
    }
}
