package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.text.pipeline.EncodedText;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Trains a multi-layer perceptron on DL4J over the sparse (TF-IDF) features: by default the classic
 * Dense 64 (ReLU) → Dense 32 (ReLU) → softmax, with dropout after each hidden layer.
 *
 * <p>The first layer has one weight per input feature and hidden unit, so very wide vocabularies
 * (feature hashing, 200k n-grams) are capped: when the feature dimension exceeds
 * {@link Builder#maxInputFeatures(int)}, the network reads only the features with the highest
 * document frequency in the training set (ties: lower index first) and ignores the rest. Each
 * minibatch is then built as one dense float matrix of that width in a single bulk copy.
 *
 * <p>Balanced class weights ({@link TrainingSet#exampleWeights()}) scale each example's loss.
 * Multi-label training sets get independent sigmoid outputs with binary cross-entropy.
 */
public final class MlpTrainer implements TextModelTrainer {

  /** Default epochs when {@link TrainingOptions#maxEpochs()} is left to the model. */
  static final int DEFAULT_EPOCHS = 30;

  /** Name of the first hidden layer (the one reading the features). */
  static final String FIRST_HIDDEN = "dense0";

  private final int[] hiddenLayers;
  private final Dl4jTrainerBuilder.Optimization optimization;
  private final int maxInputFeatures;

  private MlpTrainer(Builder b, Dl4jTrainerBuilder.Optimization optimization) {
    this.hiddenLayers = b.hiddenLayers.clone();
    this.optimization = optimization;
    this.maxInputFeatures = b.maxInputFeatures;
  }

  /** A builder with the defaults: hidden layers 64, 32; dropout 0.5; Adam 0.002; no L2; 5,000 inputs. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return MlpModel.TYPE;
  }

  /** False: the early-stopped network is kept (see {@link TextModelTrainer#retrainsOnAllData()}). */
  @Override
  public boolean retrainsOnAllData() {
    return false;
  }

  @Override
  public MlpModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    int[] inputs = selectInputs(train, maxInputFeatures);
    MlpModel.Layout layout = new MlpModel.Layout(train.featureDimension(), inputs);
    ComputationGraph graph = new ComputationGraph(configuration(layout.width(), train.outputs(),
        train.multiLabel(), options.seed()));
    graph.init();
    Dl4jNetworks.train(graph, layout::encode, train, validation, options, DEFAULT_EPOCHS, "mlp");
    return new MlpModel(graph, layout, train.outputs(), train.multiLabel());
  }

  private ComputationGraphConfiguration configuration(int width, int outputs, boolean multiLabel, long seed) {
    ComputationGraphConfiguration.GraphBuilder g = optimization.base(seed)
        .graphBuilder()
        .addInputs("features");
    String previous = "features";
    int nIn = width;
    double dropout = optimization.dropout();
    for (int i = 0; i < hiddenLayers.length; i++) {
      DenseLayer.Builder dense = new DenseLayer.Builder()
          .nIn(nIn)
          .nOut(hiddenLayers[i])
          .activation(Activation.RELU);
      if (i > 0 && dropout > 0) {
        dense.dropOut(Dl4jNetworks.dropoutOf(dropout)); // DL4J applies a layer's dropout to its input
      }
      String name = i == 0 ? FIRST_HIDDEN : "dense" + i;
      g.addLayer(name, dense.build(), previous);
      previous = name;
      nIn = hiddenLayers[i];
    }
    g.addLayer(Dl4jNetworks.OUTPUT, Dl4jNetworks.outputLayer(nIn, outputs, multiLabel,
        hiddenLayers.length > 0 ? dropout : 0), previous);
    return g.setOutputs(Dl4jNetworks.OUTPUT).build();
  }

  /**
   * The input features the network reads: null (all of them) when the dimension is at most
   * {@code max}, else the {@code max} features with the highest document frequency in {@code train}
   * (ties: lower index first), in increasing index order.
   */
  static int[] selectInputs(TrainingSet train, int max) {
    int dimension = train.featureDimension();
    if (dimension <= max) {
      return null;
    }
    int[] df = new int[dimension];
    for (EncodedText text : train.inputs()) {
      for (int k = 0; k < text.features().size(); k++) {
        df[text.features().index(k)]++;
      }
    }
    Integer[] byFrequency = new Integer[dimension];
    for (int j = 0; j < dimension; j++) {
      byFrequency[j] = j;
    }
    Arrays.sort(byFrequency, (a, b) -> df[a] != df[b] ? Integer.compare(df[b], df[a]) : Integer.compare(a, b));
    int[] selected = new int[max];
    for (int j = 0; j < max; j++) {
      selected[j] = byFrequency[j];
    }
    Arrays.sort(selected);
    return selected;
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("hiddenLayers", Arrays.toString(hiddenLayers));
    optimization.putInto(h);
    h.put("maxInputFeatures", Integer.toString(maxInputFeatures));
    return h;
  }

  /** Fluent, validating configuration of an {@link MlpTrainer}. */
  public static final class Builder extends Dl4jTrainerBuilder<Builder> {
    private int[] hiddenLayers = {64, 32};
    private int maxInputFeatures = 5_000;

    private Builder() {
    }

    /** Sizes of the hidden ReLU layers, input side first (1 to 4 layers of 1 to 4096 units; default 64, 32). */
    public Builder hiddenLayers(int... sizes) {
      this.hiddenLayers = sizes == null ? null : sizes.clone();
      return this;
    }

    /** Widest input the network reads, &gt;= 1 (default 5,000); wider features are capped by document frequency. The default was chosen on held-out training data: on sentiment-sentences and sms-spam 5,000 inputs validate as well as 20,000 (0.778 vs 0.782, 0.988 vs 0.988 holdout accuracy) and train twice as fast. */
    public Builder maxInputFeatures(int max) {
      this.maxInputFeatures = max;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigurationException naming the setting, its value and the allowed range
     */
    public MlpTrainer build() {
      Check.notNull("hiddenLayers", hiddenLayers);
      if (hiddenLayers.length < 1 || hiddenLayers.length > 4) {
        throw ConfigurationException.invalid("hiddenLayers", Arrays.toString(hiddenLayers),
            "must have 1 to 4 layers");
      }
      for (int size : hiddenLayers) {
        if (size < 1 || size > 4096) {
          throw ConfigurationException.invalid("hiddenLayers", Arrays.toString(hiddenLayers),
              "each layer must have 1 to 4096 units");
        }
      }
      Dl4jTrainerBuilder.Optimization optimization = optimization();
      Check.positive("maxInputFeatures", maxInputFeatures);
      return new MlpTrainer(this, optimization);
    }
  }
}
