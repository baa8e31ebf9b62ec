package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.text.embed.EmbeddingInit;
import io.mercato.text.embed.WordVectors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Trains a convolutional text classifier on DL4J in the manner of Kim (2014), "Convolutional Neural
 * Networks for Sentence Classification": a learned word embedding over the token ids, parallel 1-D
 * convolutions of several widths (default 3, 4 and 5 tokens, 64 filters each, ReLU), global max
 * pooling over time per filter, concatenation, dropout, then softmax (or sigmoids for multi-label).
 *
 * <p>Unlike the bag-of-features models it sees word order: a filter of width 3 fires on a phrase.
 * Each minibatch is padded (id 0, masked out) to its longest text, truncated at
 * {@link Builder#maxLength(int)} tokens; masked positions never win the max pooling, so a text's
 * prediction does not depend on the batch it is in. Embeddings are trained from scratch unless
 * {@link Builder#embeddings(WordVectors, boolean)} supplies pretrained vectors: their rows initialize
 * the embedding of every token they cover ({@link EmbeddingInit}), the other tokens keep the seeded
 * random initialization, and the embedding size is the vectors' dimension. Frozen vectors are never
 * updated (the layer's learning rate is 0); trainable ones are fine-tuned with the rest. The trained
 * embedding matrix is part of the network's parameters and is saved with the model; the vectors
 * themselves are not. Balanced class weights scale each example's loss.
 */
public final class CnnTrainer implements TextModelTrainer {

  /** Default epochs when {@link TrainingOptions#maxEpochs()} is left to the model. */
  static final int DEFAULT_EPOCHS = 20;

  /** Name of the embedding layer (the network's first). */
  static final String EMBEDDING = "embedding";

  private final int embeddingSize;
  private final int[] filterWidths;
  private final int filters;
  private final Dl4jTrainerBuilder.Optimization optimization;
  private final int maxLength;
  private final PretrainedEmbedding pretrained;


  private CnnTrainer(Builder b, Dl4jTrainerBuilder.Optimization optimization) {
    this.embeddingSize = b.pretrained != null ? b.pretrained.vectors().dimension() : b.embeddingSize;
    this.pretrained = b.pretrained;
    this.filterWidths = b.filterWidths.clone();
    this.filters = b.filters;
    this.optimization = optimization;
    this.maxLength = b.maxLength;
  }

  /**
   * A builder with the defaults: embedding 64, filter widths 3, 4, 5 with 64 filters each, dropout
   * 0.5, Adam 0.002, no L2, at most 256 tokens per text.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return CnnModel.TYPE;
  }

  /** False: the early-stopped network is kept (see {@link TextModelTrainer#retrainsOnAllData()}). */
  @Override
  public boolean retrainsOnAllData() {
    return false;
  }

  @Override
  public CnnModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    if (train.vocabularySize() < 2) {
      throw ConfigurationException.invalid("vocabularySize", train.vocabularySize(),
          "the CNN needs token ids: at least 2 (padding and unknown)");
    }
    CnnModel.Layout layout = new CnnModel.Layout(train.vocabularySize(), maxLength);
    ComputationGraph graph = new ComputationGraph(configuration(train.vocabularySize(), train.outputs(),
        train.multiLabel(), options.seed()));
    graph.init();
    if (pretrained != null) {
      pretrained.initialize(graph, EMBEDDING, train, "cnn");
    }
    Dl4jNetworks.train(graph, layout::encode, train, validation, options, DEFAULT_EPOCHS, "cnn", true);
    return new CnnModel(graph, layout, train.outputs(), train.multiLabel());
  }

  private ComputationGraphConfiguration configuration(int vocabulary, int outputs, boolean multiLabel, long seed) {
    ComputationGraphConfiguration.GraphBuilder g = optimization.base(seed)
        .graphBuilder()
        .addInputs("ids")
        .addLayer(EMBEDDING, PretrainedEmbedding.layer(vocabulary, embeddingSize, pretrained), "ids");
    String[] pooled = new String[filterWidths.length];
    for (int i = 0; i < filterWidths.length; i++) {
      int width = filterWidths[i];
      g.addLayer("conv" + width, new Convolution1DLayer.Builder()
          .kernelSize(width)
          .nIn(embeddingSize)
          .nOut(filters)
          .convolutionMode(ConvolutionMode.Same)
          .activation(Activation.RELU)
          .build(), EMBEDDING);
      pooled[i] = "maxpool" + width;
      g.addLayer(pooled[i], new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "conv" + width);
    }
    String features = pooled[0];
    if (pooled.length > 1) {
      g.addVertex("concat", new MergeVertex(), pooled);
      features = "concat";
    }
    g.addLayer(Dl4jNetworks.OUTPUT, Dl4jNetworks.outputLayer(filters * filterWidths.length, outputs, multiLabel,
        optimization.dropout()),
        features);
    return g.setOutputs(Dl4jNetworks.OUTPUT).build();
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("embeddingSize", Integer.toString(embeddingSize));
    h.put("filterWidths", Arrays.toString(filterWidths));
    h.put("filters", Integer.toString(filters));
    optimization.putInto(h);
    h.put("maxLength", Integer.toString(maxLength));
    if (pretrained != null) {
      pretrained.putInto(h);
    }
    return h;
  }

  /** Fluent, validating configuration of a {@link CnnTrainer}. */
  public static final class Builder extends Dl4jTrainerBuilder<Builder> {
    private int embeddingSize = 64;
    private int[] filterWidths = {3, 4, 5};
    private int filters = 64;
    private int maxLength = 256;
    private boolean embeddingSizeSet;
    private PretrainedEmbedding pretrained;

    private Builder() {
    }

    /**
     * Dimension of the learned word embedding, in [1, 1024] (default 64; with {@link #embeddings}
     * the vectors' dimension, and an explicit different size is an error).
     */
    public Builder embeddingSize(int size) {
      this.embeddingSize = size;
      this.embeddingSizeSet = true;
      return this;
    }

    /**
     * Starts the embedding from pretrained word vectors (default none: learned from scratch). The
     * embedding size becomes {@code vectors.dimension()}. Only tokens of the training vocabulary get
     * rows; to give vectors also to words absent from the training texts, the text pipeline must put
     * them in its vocabulary ({@code TextClassifier.builder().embeddings(...)} can).
     *
     * @param vectors   the vectors, or null for none
     * @param trainable true to fine-tune them with the rest of the network, false to keep them frozen
     */
    public Builder embeddings(WordVectors vectors, boolean trainable) {
      this.pretrained = vectors == null ? null : new PretrainedEmbedding(vectors, trainable);
      return this;
    }

    /** Convolution widths in tokens, one parallel branch each: 1 to 8 distinct widths in [1, 16] (default 3, 4, 5). */
    public Builder filterWidths(int... widths) {
      this.filterWidths = widths == null ? null : widths.clone();
      return this;
    }

    /** Filters per width, in [1, 1024] (default 64). */
    public Builder filters(int count) {
      this.filters = count;
      return this;
    }

    /** Tokens read per text (the rest is cut), in [1, 10000] (default 256). */
    public Builder maxLength(int tokens) {
      this.maxLength = tokens;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigurationException naming the setting, its value and the allowed range
     */
    public CnnTrainer build() {
      int size = pretrained != null ? pretrained.embeddingSize(embeddingSizeSet, embeddingSize) : embeddingSize;
      Check.inRange("embeddingSize", size, 1, pretrained != null ? 100_000 : 1024);
      Check.notNull("filterWidths", filterWidths);
      if (filterWidths.length < 1 || filterWidths.length > 8
          || Arrays.stream(filterWidths).distinct().count() != filterWidths.length) {
        throw ConfigurationException.invalid("filterWidths", Arrays.toString(filterWidths),
            "must be 1 to 8 distinct widths");
      }
      for (int w : filterWidths) {
        if (w < 1 || w > 16) {
          throw ConfigurationException.invalid("filterWidths", Arrays.toString(filterWidths),
              "each width must be in [1, 16]");
        }
      }
      Check.inRange("filters", filters, 1, 1024);
      Dl4jTrainerBuilder.Optimization optimization = optimization();
      Check.inRange("maxLength", maxLength, 1, 10_000);
      return new CnnTrainer(this, optimization);
    }
  }
}
