package io.mercato.text.model;

import io.mercato.core.Check;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Trains a recurrent text classifier on DL4J: a learned word embedding over the token ids
 * ({@link #EMBEDDING_LAYER}), one or more bidirectional LSTM layers (a forward and a backward LSTM,
 * their outputs concatenated at every token), global pooling over the tokens (max, mean or both),
 * dropout, then softmax (or sigmoids for multi-label).
 *
 * <p>It reads word order in both directions, so "good, not bad" and "bad, not good" differ. Each
 * minibatch is padded (id 0) at the end to its longest text, truncated at
 * {@link Builder#maxLength(int)} tokens. The LSTM runs as ND4J's native {@code lstmLayer} operation
 * ({@link BidirectionalLstmLayer}) with each text's own length, so the backward direction starts at
 * the text's last token and never sees the padding, and pooling skips the padding: a text's
 * prediction does not depend on the batch it is in. (DL4J's {@code LSTM} in its
 * {@code Bidirectional} wrapper is not used: it is several times slower, and in 1.0.0-M2.1 its
 * backward LSTM runs over the padding before the text, so trained biases leak padding into the
 * result.) Balanced class weights scale each example's
 * loss.
 */
public final class RnnTrainer extends TokenSequenceTrainer<RnnModel> {

  /** Default epochs when {@link TrainingOptions#maxEpochs()} is left to the model. */
  static final int DEFAULT_EPOCHS = 20;

  private final int hiddenSize;
  private final int layers;

  private RnnTrainer(Builder b, Dl4jTrainerBuilder.Optimization optimization) {
    super(RnnModel.TYPE, DEFAULT_EPOCHS, false, RnnModel::new, b, optimization);
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
        .addInputs(IDS_INPUT)
        .addLayer(EMBEDDING_LAYER, wordEmbedding(vocabulary, embeddingSize), IDS_INPUT);
    String previous = EMBEDDING_LAYER;
    int width = embeddingSize;
    for (int l = 1; l <= layers; l++) {
      g.addLayer("bilstm" + l, new BidirectionalLstmLayer(width, hiddenSize), previous);
      previous = "bilstm" + l;
      width = 2 * hiddenSize;
    }
    String pooled = pool(g, previous, pooling);
    g.addLayer(Dl4jNetworks.OUTPUT, Dl4jNetworks.outputLayer(pooledWidth(width, pooling), outputs, multiLabel,
        optimization.dropout()), pooled);
    return g.setOutputs(Dl4jNetworks.OUTPUT).build();
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

    /** Stacked bidirectional LSTM layers, in [1, 4] (default 1). */
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
