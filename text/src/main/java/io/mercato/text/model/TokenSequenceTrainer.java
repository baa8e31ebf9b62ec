package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The training skeleton of the DL4J models over token id sequences ({@link RnnTrainer},
 * {@link AttentionTrainer}): checks that the training set has token ids, builds the network (its
 * first layer the word embedding named {@link #EMBEDDING_LAYER}, fed by input {@link #IDS_INPUT}),
 * trains it with {@link Dl4jNetworks#train} (seeded shuffled minibatches of texts of similar length,
 * padding masked, early stopping on the validation set) and wraps it in its model.
 *
 * @param <M> the model type trained
 */
abstract class TokenSequenceTrainer<M extends TokenSequenceModel> implements TextModelTrainer {

  /**
   * Name of the word embedding layer, the network's first (token id to vector, [vocabulary size x
   * embedding size] weights, no bias); pretrained vectors go into this layer's weights.
   */
  public static final String EMBEDDING_LAYER = CnnTrainer.EMBEDDING;

  /** Name of the network input holding the token ids. */
  public static final String IDS_INPUT = "ids";

  private final String what;
  private final int defaultEpochs;
  private final TokenSequenceModel.SecondInput second;
  private final TokenSequenceModel.Factory<M> factory;
  /** Pretrained word vectors starting the embedding, or null. */
  final PretrainedEmbedding pretrained;
  /** Dimension of the word embedding. */
  final int embeddingSize;
  /** Tokens read per text (the rest is cut). */
  final int maxLength;
  /** How the per-token outputs become one vector per text. */
  final SequencePooling pooling;
  /** Seed-independent optimization settings (updater, dropout, L2). */
  final Dl4jTrainerBuilder.Optimization optimization;

  /** Takes the shared settings from {@code settings}, validated by {@link Builder#validateShared()}. */
  TokenSequenceTrainer(String what, int defaultEpochs, TokenSequenceModel.SecondInput second,
      TokenSequenceModel.Factory<M> factory, Builder<?> settings, Dl4jTrainerBuilder.Optimization optimization) {
    this.what = what;
    this.defaultEpochs = defaultEpochs;
    this.second = second;
    this.factory = factory;
    this.pretrained = settings.pretrained;
    this.embeddingSize = settings.embeddingSize;
    this.maxLength = settings.maxLength;
    this.pooling = settings.pooling;
    this.optimization = optimization;
  }

  @Override
  public final String type() {
    return what;
  }

  /** False: the early-stopped network is kept (see {@link TextModelTrainer#retrainsOnAllData()}). */
  @Override
  public boolean retrainsOnAllData() {
    return false;
  }

  @Override
  public final M fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    if (train.vocabularySize() < 2) {
      throw ConfigurationException.invalid("vocabularySize", train.vocabularySize(),
          "the " + what + " model needs token ids: at least 2 (padding and unknown)");
    }
    TokenSequenceModel.Layout layout = new TokenSequenceModel.Layout(train.vocabularySize(), maxLength, second);
    ComputationGraph graph = new ComputationGraph(configuration(train.vocabularySize(), train.outputs(),
        train.multiLabel(), options.seed()));
    graph.init();
    initialize(graph);   // the model's own start (sinusoidal positions, say), then the vectors
    if (pretrained != null) {
      for (String layer : wordEmbeddingLayers()) {
        pretrained.initialize(graph, layer, train, what);
      }
    }
    Dl4jNetworks.train(graph, layout::encode, train, validation, options, defaultEpochs, what, true);
    return factory.create(graph, layout, train.outputs(), train.multiLabel());
  }

  /**
   * The layers that embed words, which pretrained vectors start from: {@link #EMBEDDING_LAYER}
   * unless the network embeds its second input as words too.
   */
  List<String> wordEmbeddingLayers() {
    return List.of(EMBEDDING_LAYER);
  }

  /** Sets parameters of the freshly initialized {@code graph} before training (default: none). */
  void initialize(ComputationGraph graph) {
  }

  /** The network: inputs {@link #IDS_INPUT} (and the second input, if any), output {@link Dl4jNetworks#OUTPUT}. */
  abstract ComputationGraphConfiguration configuration(int vocabulary, int outputs, boolean multiLabel, long seed);

  @Override
  public abstract Map<String, String> hyperParameters();

  /** The word embedding layer over the token ids (frozen when pretrained vectors are kept fixed). */
  EmbeddingSequenceLayer wordEmbedding(int vocabulary, int size) {
    return PretrainedEmbedding.layer(vocabulary, size, pretrained);
  }

  /** A learned embedding (of positions, say), never pretrained. */
  static EmbeddingSequenceLayer embedding(int vocabulary, int size) {
    return PretrainedEmbedding.layer(vocabulary, size, null);
  }

  /**
   * Adds masked global pooling over time of layer or vertex {@code from} ({@code width} features per
   * token) and returns the name of the pooled vertex ({@code width} or {@code 2 * width} features, see
   * {@link #pooledWidth}).
   */
  static String pool(ComputationGraphConfiguration.GraphBuilder g, String from, SequencePooling pooling) {
    if (pooling == SequencePooling.MAX_AND_MEAN) {
      g.addLayer("maxpool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), from);
      g.addLayer("meanpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), from);
      g.addVertex("pooled", new MergeVertex(), "maxpool", "meanpool");
    } else {
      g.addLayer("pooled", new GlobalPoolingLayer.Builder(pooling == SequencePooling.MAX ? PoolingType.MAX
          : PoolingType.AVG).build(), from);
    }
    return "pooled";
  }

  /** Width of the vector {@link #pool} makes of {@code width} features per token. */
  static int pooledWidth(int width, SequencePooling pooling) {
    return pooling == SequencePooling.MAX_AND_MEAN ? 2 * width : width;
  }

  /**
   * The settings every sequence model builder shares: the word embedding size, the tokens read per
   * text and the pooling, besides the optimization settings of {@link Dl4jTrainerBuilder}.
   *
   * @param <B> the concrete builder, returned by the setters for chaining
   */
  abstract static class Builder<B extends Builder<B>> extends Dl4jTrainerBuilder<B> {
    int embeddingSize;
    int maxLength;
    SequencePooling pooling;
    private boolean embeddingSizeSet;
    private PretrainedEmbedding pretrained;

    Builder(int embeddingSize, int maxLength, SequencePooling pooling) {
      this.embeddingSize = embeddingSize;
      this.maxLength = maxLength;
      this.pooling = pooling;
    }

    /**
     * Dimension of the learned word embedding, in [1, 1024] (with {@link #embeddings} the vectors'
     * dimension, and an explicit different size is an error).
     */
    public B embeddingSize(int size) {
      this.embeddingSize = size;
      this.embeddingSizeSet = true;
      return me();
    }

    /**
     * Starts the word embedding from pretrained vectors (default none); the embedding size becomes
     * {@code vectors.dimension()}.
     *
     * @param vectors   the vectors, or null for none
     * @param trainable true to fine-tune them with the rest of the network, false to keep them frozen
     */
    public B embeddings(io.mercato.text.embed.WordVectors vectors, boolean trainable) {
      this.pretrained = vectors == null ? null : new PretrainedEmbedding(vectors, trainable);
      return me();
    }

    /** Tokens read per text (the rest is cut), in [1, 10000]. */
    public B maxLength(int tokens) {
      this.maxLength = tokens;
      return me();
    }

    /** How the per-token outputs become one vector per text (padding masked out). */
    public B pooling(SequencePooling value) {
      this.pooling = value;
      return me();
    }

    @SuppressWarnings("unchecked")
    private B me() {
      return (B) this;
    }

    /**
     * Validates the shared settings.
     *
     * @throws ConfigurationException naming the setting, its value and the allowed range
     */
    Dl4jTrainerBuilder.Optimization validateShared() {
      if (pretrained != null) {
        embeddingSize = pretrained.embeddingSize(embeddingSizeSet, embeddingSize);
      }
      Check.inRange("embeddingSize", embeddingSize, 1, pretrained != null ? 100_000 : 1024);
      Check.inRange("maxLength", maxLength, 1, 10_000);
      Check.notNull("pooling", pooling);
      return optimization();
    }
  }

  /** Adds the shared settings of {@link Builder} to a trainer's hyper-parameters. */
  void putShared(Map<String, String> h) {
    h.put("embeddingSize", Integer.toString(embeddingSize));
    h.put("maxLength", Integer.toString(maxLength));
    h.put("pooling", pooling.name());
    optimization.putInto(h);
    if (pretrained != null) {
      pretrained.putInto(h);
    }
  }
}
