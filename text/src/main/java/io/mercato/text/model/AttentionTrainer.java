package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a self-attention (transformer-encoder style) text classifier on DL4J: a learned word
 * embedding over the token ids ({@link #EMBEDDING_LAYER}) plus a learned position embedding
 * ({@link #POSITION_EMBEDDING_LAYER}, one vector per position up to {@link Builder#maxLength(int)},
 * initialized to the sinusoidal encoding of Vaswani et al. (2017) so that relative positions are
 * legible from the first step),
 * then one or more blocks, each multi-head scaled dot-product self-attention (DL4J
 * {@link SelfAttentionLayer}, with query, key, value and output projections) added to its input,
 * followed by a position-wise feed-forward layer (ReLU, also residual); then global pooling over the
 * tokens, dropout and softmax (or sigmoids for multi-label).
 *
 * <p>Every token attends to every other token of its text, wherever it is, and the position
 * embedding tells it where they are, so word order counts. Padding is masked: padded tokens are never
 * attended to and pooling skips them, so a text's prediction does not depend on the batch it is in.
 */
public final class AttentionTrainer extends TokenSequenceTrainer<AttentionModel> {

  /** Default epochs when {@link TrainingOptions#maxEpochs()} is left to the model. */
  static final int DEFAULT_EPOCHS = 20;

  /** Name of the position embedding layer (position index to vector, [maxLength x embedding size] weights). */
  public static final String POSITION_EMBEDDING_LAYER = "position-embedding";

  /** Name of the network input holding each token's position (0, 1, 2, ...). */
  public static final String POSITIONS_INPUT = "positions";

  private final int heads;
  private final int blocks;
  private final int feedForwardSize;

  private AttentionTrainer(Builder b, Dl4jTrainerBuilder.Optimization optimization) {
    super(AttentionModel.TYPE, DEFAULT_EPOCHS, TokenSequenceModel.SecondInput.POSITIONS, AttentionModel::new, b, optimization);
    this.heads = b.heads;
    this.blocks = b.blocks;
    this.feedForwardSize = b.feedForwardSize;
  }

  /**
   * A builder with the defaults: embedding 64, 4 heads, one block with a feed-forward layer of 128,
   * max and mean pooling, dropout 0.5, Adam 0.002, no L2, at most 64 tokens per text.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  ComputationGraphConfiguration configuration(int vocabulary, int outputs, boolean multiLabel, long seed) {
    ComputationGraphConfiguration.GraphBuilder g = optimization.base(seed)
        .graphBuilder()
        .addInputs(IDS_INPUT, POSITIONS_INPUT)
        .addLayer(EMBEDDING_LAYER, wordEmbedding(vocabulary, embeddingSize), IDS_INPUT)
        .addLayer(POSITION_EMBEDDING_LAYER, embedding(maxLength, embeddingSize), POSITIONS_INPUT)
        .addVertex("embedded", new ElementWiseVertex(ElementWiseVertex.Op.Add), EMBEDDING_LAYER,
            POSITION_EMBEDDING_LAYER);
    String previous = "embedded";
    for (int b = 1; b <= blocks; b++) {
      String attention = "attention" + b;
      g.addLayer(attention, new SelfAttentionLayer.Builder()
          .nIn(embeddingSize)
          .nOut(embeddingSize)
          .nHeads(heads)
          .projectInput(true)
          .build(), previous);
      g.addVertex(attention + "-residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), previous, attention);
      previous = attention + "-residual";
      if (feedForwardSize > 0) {
        String ff = "feedforward" + b;
        g.addLayer(ff + "-in", positionWise(embeddingSize, feedForwardSize, Activation.RELU), previous);
        g.addLayer(ff + "-out", positionWise(feedForwardSize, embeddingSize, Activation.IDENTITY), ff + "-in");
        g.addVertex(ff + "-residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), previous, ff + "-out");
        previous = ff + "-residual";
      }
    }
    String pooled = pool(g, previous, pooling);
    g.addLayer(Dl4jNetworks.OUTPUT, Dl4jNetworks.outputLayer(pooledWidth(embeddingSize, pooling), outputs, multiLabel,
        optimization.dropout()), pooled);
    return g.setOutputs(Dl4jNetworks.OUTPUT).build();
  }

  /**
   * Starts the position embedding at the sinusoidal encoding: row {@code p}, columns {@code 2i} and
   * {@code 2i + 1} hold {@code sin(p / 10000^(2i / d))} and {@code cos(p / 10000^(2i / d))}.
   */
  @Override
  void initialize(ComputationGraph graph) {
    graph.getLayer(POSITION_EMBEDDING_LAYER).setParam(DefaultParamInitializer.WEIGHT_KEY,
        Nd4j.create(sinusoids(maxLength, embeddingSize)));
  }

  /** The sinusoidal position encoding, [positions x dimensions]. */
  static float[][] sinusoids(int positions, int dimensions) {
    float[][] table = new float[positions][dimensions];
    for (int p = 0; p < positions; p++) {
      for (int j = 0; j < dimensions; j++) {
        double angle = p / Math.pow(10_000, (j - j % 2) / (double) dimensions);
        table[p][j] = (float) (j % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
      }
    }
    return table;
  }

  /** The same dense layer applied at every token: a width-1 convolution over time. */
  private static Convolution1DLayer positionWise(int in, int out, Activation activation) {
    return new Convolution1DLayer.Builder()
        .kernelSize(1)
        .nIn(in)
        .nOut(out)
        .convolutionMode(ConvolutionMode.Same)
        .activation(activation)
        .build();
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("heads", Integer.toString(heads));
    h.put("blocks", Integer.toString(blocks));
    h.put("feedForwardSize", Integer.toString(feedForwardSize));
    putShared(h);
    return h;
  }

  /** Fluent, validating configuration of an {@link AttentionTrainer}. */
  public static final class Builder extends TokenSequenceTrainer.Builder<Builder> {
    private int heads = 4;
    private int blocks = 1;
    private int feedForwardSize = 128;

    private Builder() {
      super(64, 64, SequencePooling.MAX_AND_MEAN);
    }

    /** Attention heads per block, in [1, 64], dividing the embedding size (default 4). */
    public Builder heads(int count) {
      this.heads = count;
      return this;
    }

    /** Attention blocks, in [1, 4] (default 1). */
    public Builder blocks(int count) {
      this.blocks = count;
      return this;
    }

    /** Width of each block's position-wise feed-forward layer, in [0, 4096]; 0 for none (default 128). */
    public Builder feedForwardSize(int width) {
      this.feedForwardSize = width;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigurationException naming the setting, its value and the allowed range
     */
    public AttentionTrainer build() {
      Dl4jTrainerBuilder.Optimization optimization = validateShared();
      Check.inRange("heads", heads, 1, 64);
      if (embeddingSize % heads != 0) {
        throw ConfigurationException.invalid("heads", heads,
            "must divide embeddingSize " + embeddingSize + " (each head gets embeddingSize / heads dimensions)");
      }
      Check.inRange("blocks", blocks, 1, 4);
      Check.inRange("feedForwardSize", feedForwardSize, 0, 4096);
      return new AttentionTrainer(this, optimization);
    }
  }
}
