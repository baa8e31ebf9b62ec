package io.mercato.text.model;

import io.mercato.core.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Trains a recurrent text classifier on DL4J: a bidirectional LSTM over learned word embeddings,
 * global pooling over the tokens (max, mean or both), dropout, then softmax (or sigmoids for
 * multi-label).
 *
 * <p>It reads word order in both directions, so "good, not bad" and "bad, not good" differ. Each
 * minibatch is padded (id 0) at the end to its longest text, truncated at
 * {@link Builder#maxLength(int)} tokens. The forward direction reads the ids
 * ({@link #EMBEDDING_LAYER}, then {@link Builder#layers(int)} LSTM layers); the backward direction
 * reads the second input {@link #REVERSED_IDS_INPUT}, every text reversed within its own length and
 * padded at the end, through its own embedding ({@link #BACKWARD_EMBEDDING_LAYER}). So both directions meet the padding only after the text (both inputs share one mask), and
 * pooling skips it: a text's prediction does not depend on the batch it is in. (Max and mean
 * pooling ignore order, so the backward outputs need not be put back in text order.) Stacked layers
 * stay within their direction. The two directions run as one DL4J LSTM layer whose cross weights
 * are held at zero ({@link TwoDirectionConstraint}), half the per-step work of two layers. Balanced
 * class weights scale each example's loss.
 *
 * <p>Why not the alternatives in DL4J/ND4J 1.0.0-M2.1: ND4J's native {@code lstmLayer} and
 * {@code gru} operations leak native memory on every training minibatch (about 150 MB per epoch of
 * 1,500 short texts, see docs/benchmarks.md); DL4J's {@code Bidirectional} wrapper runs its backward
 * LSTM over the padding before the text, so trained biases leak padding into the result; and
 * {@code ReverseTimeSeriesVertex} with a mask reverses step by step, several times slower.
 */
public final class RnnTrainer extends TokenSequenceTrainer<RnnModel> {

  /** Name of the network input holding each text's ids reversed within its length. */
  public static final String REVERSED_IDS_INPUT = "reversedIds";

  /** Name of the backward direction's word embedding (pretrained vectors start it too). */
  public static final String BACKWARD_EMBEDDING_LAYER = "backwardEmbedding";

  /** Default epochs when {@link TrainingOptions#maxEpochs()} is left to the model. */
  static final int DEFAULT_EPOCHS = 20;

  private final int hiddenSize;
  private final int layers;

  private RnnTrainer(Builder b, Dl4jTrainerBuilder.Optimization optimization) {
    super(RnnModel.TYPE, DEFAULT_EPOCHS, TokenSequenceModel.SecondInput.REVERSED_IDS, RnnModel::new, b,
        optimization);
    this.hiddenSize = b.hiddenSize;
    this.layers = b.layers;
  }

  /**
   * A builder with the defaults: embedding 64, one bidirectional LSTM layer of 32 units per
   * direction, max and mean pooling, dropout 0.5, Adam 0.002, no L2, at most 64 tokens per text.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  ComputationGraphConfiguration configuration(int vocabulary, int outputs, boolean multiLabel, long seed) {
    ComputationGraphConfiguration.GraphBuilder g = optimization.base(seed)
        .graphBuilder()
        .addInputs(IDS_INPUT, REVERSED_IDS_INPUT)
        .addLayer(EMBEDDING_LAYER, wordEmbedding(vocabulary, embeddingSize), IDS_INPUT)
        .addLayer(BACKWARD_EMBEDDING_LAYER, wordEmbedding(vocabulary, embeddingSize), REVERSED_IDS_INPUT)
        .addVertex("bothDirections", new MergeVertex(), EMBEDDING_LAYER, BACKWARD_EMBEDDING_LAYER);
    String previous = "bothDirections";
    for (int l = 1; l <= layers; l++) {
      g.addLayer(lstmLayer(l), lstm(l == 1 ? 2 * embeddingSize : 2 * hiddenSize), previous);
      previous = lstmLayer(l);
    }
    String pooled = pool(g, previous, pooling);
    g.addLayer(Dl4jNetworks.OUTPUT, Dl4jNetworks.outputLayer(pooledWidth(2 * hiddenSize, pooling), outputs,
        multiLabel, optimization.dropout()), pooled);
    return g.setOutputs(Dl4jNetworks.OUTPUT).build();
  }

  /** Name of LSTM layer {@code l} (from 1), both directions in one layer. */
  private static String lstmLayer(int l) {
    return "bilstm" + l;
  }

  @Override
  List<String> wordEmbeddingLayers() {
    return List.of(EMBEDDING_LAYER, BACKWARD_EMBEDDING_LAYER);
  }

  /** Starts the two directions independent: the cross weights of every LSTM layer at zero. */
  @Override
  void initialize(ComputationGraph graph) {
    for (int l = 1; l <= layers; l++) {
      Layer lstm = graph.getLayer(lstmLayer(l));
      lstm.conf().getLayer().getConstraints().forEach(c -> c.applyConstraint(lstm, 0, 0));
    }
  }

  /**
   * Both directions' LSTMs as one layer of {@code 2 * hiddenSize} units (tanh, sigmoid gates, forget
   * gate bias 1) over {@code nIn} inputs, kept apart by {@link TwoDirectionConstraint}.
   */
  private LSTM lstm(int nIn) {
    return new LSTM.Builder().nIn(nIn).nOut(2 * hiddenSize).activation(Activation.TANH)
        .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0)
        .constrainWeights(new TwoDirectionConstraint()).build();
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("hiddenSize", Integer.toString(hiddenSize));
    h.put("layers", Integer.toString(layers));
    putShared(h);
    return h;
  }

  /** Fluent, validating configuration of an {@link RnnTrainer}. */
  public static final class Builder extends TokenSequenceTrainer.Builder<Builder> {
    private int hiddenSize = 32;
    private int layers = 1;

    private Builder() {
      super(64, 64, SequencePooling.MAX_AND_MEAN);
    }

    /** LSTM units per direction, in [1, 1024] (default 32); each layer outputs twice as many. */
    public Builder hiddenSize(int units) {
      this.hiddenSize = units;
      return this;
    }

    /** Stacked LSTM layers per direction, in [1, 4] (default 1). */
    public Builder layers(int count) {
      this.layers = count;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws io.mercato.core.ConfigurationException naming the setting, its value and the allowed range
     */
    public RnnTrainer build() {
      Dl4jTrainerBuilder.Optimization optimization = validateShared();
      Check.inRange("hiddenSize", hiddenSize, 1, 1024);
      Check.inRange("layers", layers, 1, 4);
      return new RnnTrainer(this, optimization);
    }
  }
}
