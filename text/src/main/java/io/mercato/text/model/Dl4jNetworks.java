package io.mercato.text.model;

import io.mercato.core.ConfigurationException;
import io.mercato.core.MercatoException;
import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.pipeline.EncodedText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * What the two DL4J text models ({@link MlpTrainer}, {@link CnnTrainer}) share: the network
 * defaults (float32, seeded, Adam), the output layer (softmax + cross-entropy, or sigmoid + binary
 * cross-entropy for multi-label), the seeded minibatch training loop with early stopping, the
 * thread-safe predictor and the byte form of a network.
 *
 * <p>Example weights (balanced class weights) enter the loss as DL4J per-example label masks: a
 * column mask multiplies each example's loss and gradient, so a weight of 3 counts an example three
 * times.
 */
final class Dl4jNetworks {

  /** Name of the output layer in both networks. */
  static final String OUTPUT = "out";

  /**
   * Rows per {@code output} call when predicting or validating (bounds the dense batch size). Texts
   * are sorted by length first, so each call pads its texts to about their own length. (On one native
   * thread, sentiment-sentences: 128 rows predict 1.8x faster than 512 for the CNN and RNN, 1.7x for
   * attention; 64 rows are level.)
   */
  static final int PREDICT_CHUNK = 128;

  /**
   * With length buckets, each epoch's shuffled order is sorted by text length within windows of
   * this many minibatches, so a minibatch holds texts of similar length (little padding) while its
   * members still change from epoch to epoch.
   */
  static final int BUCKET_WINDOW = 16;

  private Dl4jNetworks() {
  }

  /** One minibatch's network inputs: feature arrays and their masks (masks may be null). */
  record Inputs(INDArray[] features, INDArray[] masks) {
  }

  /** Encodes a list of texts as network inputs. */
  @FunctionalInterface
  interface Encoder extends Function<List<EncodedText>, Inputs> {
  }

  /**
   * The minibatch size when the options leave it to the model: about 1/32 of the training set,
   * within [16, 128]. Large data gets large (cheap) minibatches; a few hundred texts still get
   * enough Adam steps per epoch to converge.
   */
  static int defaultBatchSize(int examples) {
    return Math.max(16, Math.min(128, examples / 32));
  }

  /** Float32, seeded, Adam network defaults shared by both models. */
  static NeuralNetConfiguration.Builder base(long seed, double learningRate, double l2) {
    NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(learningRate))
        .weightInit(WeightInit.XAVIER);
    if (l2 > 0) {
      b.l2(l2);
    }
    return b;
  }

  /**
   * The output layer: softmax + categorical cross-entropy for single-label, independent sigmoids +
   * binary cross-entropy for multi-label; {@code dropout} (probability of dropping, 0 for none)
   * applies to the layer's input.
   */
  static OutputLayer outputLayer(int nIn, int outputs, boolean multiLabel, double dropout) {
    OutputLayer.Builder b = new OutputLayer.Builder(multiLabel ? new LossBinaryXENT() : new LossMCXENT())
        .nIn(nIn)
        .nOut(outputs)
        .activation(multiLabel ? Activation.SIGMOID : Activation.SOFTMAX);
    if (dropout > 0) {
      b.dropOut(dropoutOf(dropout));
    }
    return b.build();
  }

  /** DL4J's {@link Dropout} takes the probability of <em>retaining</em> an activation. */
  static Dropout dropoutOf(double dropProbability) {
    return new Dropout(1.0 - dropProbability);
  }

  /** Checks a drop probability setting: in [0, 1). */
  static double checkDropout(String setting, double p) {
    if (!(p >= 0 && p < 1)) {
      throw ConfigurationException.invalid(setting, p, "must be in [0, 1)");
    }
    return p;
  }

  /** Checks a learning rate setting: in (0, 1]. */
  static double checkLearningRate(String setting, double lr) {
    if (!(lr > 0 && lr <= 1)) {
      throw ConfigurationException.invalid(setting, lr, "must be in (0, 1]");
    }
    return lr;
  }

  /**
   * Trains {@code graph} (initialized, single input and output) with seeded shuffled minibatches.
   * With a validation set, each epoch is judged by {@link EarlyStopping} on held-out accuracy (the
   * loss breaking ties), as for the other text models; training stops after
   * {@code options.patience()} epochs without improvement and the parameters of the best epoch are
   * restored. Without one, all epochs
   * run and the last parameters stay. Runs on one native thread ({@link OneNativeThread}).
   *
   * @return {@code graph}, trained
   */
  static ComputationGraph train(ComputationGraph graph, Encoder encoder, TrainingSet train,
      TrainingSet validation, TrainingOptions options, int defaultEpochs, String what) {
    return train(graph, encoder, train, validation, options, defaultEpochs, what, false);
  }

  /**
   * Trains like {@link #train(ComputationGraph, Encoder, TrainingSet, TrainingSet, TrainingOptions, int, String)};
   * with {@code lengthBuckets}, minibatches hold texts of similar length (see {@link #BUCKET_WINDOW}) and
   * are visited in a shuffled order, which saves most of the padding of a sequence model.
   *
   * @return {@code graph}, trained
   */
  static ComputationGraph train(ComputationGraph graph, Encoder encoder, TrainingSet train,
      TrainingSet validation, TrainingOptions options, int defaultEpochs, String what, boolean lengthBuckets) {
    return OneNativeThread.run(() -> trainOnOneThread(graph, encoder, train, validation, options, defaultEpochs,
        what, lengthBuckets));
  }

  private static ComputationGraph trainOnOneThread(ComputationGraph graph, Encoder encoder, TrainingSet train,
      TrainingSet validation, TrainingOptions options, int defaultEpochs, String what, boolean lengthBuckets) {
    int epochs = options.epochsOr(defaultEpochs);
    int batchSize = options.batchSizeOr(defaultBatchSize(train.size()));
    TrainingListener listener = options.listener();
    boolean validate = validation != null && validation.size() > 0;
    // dropout masks come from ND4J's (per-thread) random generator; shuffling from our own
    Nd4j.getRandom().setSeed(options.seed());
    Random shuffle = new Random(options.seed());
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    EarlyStopping stopping = new EarlyStopping(epochs, options.patience(), listener);
    INDArray bestParams = null;
    listener.onStart(what, epochs);
    int batches = (n + batchSize - 1) / batchSize;
    int[] batchOrder = new int[batches];
    for (int b = 0; b < batches; b++) {
      batchOrder[b] = b;
    }
    for (int epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, shuffle);
      if (lengthBuckets) {
        sortByLengthInWindows(order, train.inputs(), batchSize * BUCKET_WINDOW);
        shuffle(batchOrder, shuffle);
      }
      double lossSum = 0;
      for (int b : batchOrder) {
        int from = b * batchSize;
        int to = Math.min(n, from + batchSize);
        List<EncodedText> rows = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
          rows.add(train.inputs().get(order[k]));
        }
        Inputs in = encoder.apply(rows);
        INDArray labels = labels(train, order, from, to);
        INDArray weights = weights(train, order, from, to);
        graph.fit(new MultiDataSet(in.features(), new INDArray[] {labels}, in.masks(),
            weights == null ? null : new INDArray[] {weights}));
        lossSum += graph.score() * (to - from);
      }
      double trainLoss = n == 0 ? 0 : lossSum / n;
      if (!validate) {
        stopping.epochDone(epoch, trainLoss, Double.NaN);
      } else if (stopping.epochDone(epoch, trainLoss, validation, predict(graph, encoder, validation.inputs()))) {
        bestParams = graph.params().dup();
      }
      if (validate && stopping.shouldStop()) {
        break;
      }
    }
    if (bestParams != null) {
      graph.setParams(bestParams);
    }
    listener.onEnd();
    return graph;
  }

  /**
   * Probabilities of {@code graph} for {@code texts}, in chunks of {@link #PREDICT_CHUNK} rows of
   * similar length (texts sorted by length, ties in input order), on one native thread
   * ({@link OneNativeThread}).
   */
  static double[][] predict(ComputationGraph graph, Encoder encoder, List<EncodedText> texts) {
    return OneNativeThread.run(() -> predictOnOneThread(graph, encoder, texts));
  }

  private static double[][] predictOnOneThread(ComputationGraph graph, Encoder encoder, List<EncodedText> texts) {
    int n = texts.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sortByLengthInWindows(order, texts, n);
    double[][] out = new double[n][];
    List<EncodedText> rows = new ArrayList<>(PREDICT_CHUNK);
    for (int from = 0; from < n; from += PREDICT_CHUNK) {
      int to = Math.min(n, from + PREDICT_CHUNK);
      rows.clear();
      for (int k = from; k < to; k++) {
        rows.add(texts.get(order[k]));
      }
      Inputs in = encoder.apply(rows);
      double[][] chunk = graph.output(false, in.features(), in.masks(), null)[0].toDoubleMatrix();
      for (int k = from; k < to; k++) {
        out[order[k]] = chunk[k - from];
      }
    }
    return out;
  }

  /**
   * Sorts each window of {@code window} consecutive entries of {@code order} (indices into
   * {@code texts}) by text length, stably (a counting sort: lengths are small integers).
   */
  static void sortByLengthInWindows(int[] order, List<EncodedText> texts, int window) {
    int[] sorted = new int[Math.min(window, order.length)];
    for (int start = 0; start < order.length; start += window) {
      int end = Math.min(order.length, start + window);
      int longest = 0;
      for (int k = start; k < end; k++) {
        longest = Math.max(longest, texts.get(order[k]).length());
      }
      int[] firstOfLength = new int[longest + 2];
      for (int k = start; k < end; k++) {
        firstOfLength[texts.get(order[k]).length() + 1]++;
      }
      for (int len = 1; len < firstOfLength.length; len++) {
        firstOfLength[len] += firstOfLength[len - 1];
      }
      for (int k = start; k < end; k++) {
        sorted[firstOfLength[texts.get(order[k]).length()]++] = order[k];
      }
      System.arraycopy(sorted, 0, order, start, end - start);
    }
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** One-hot (single-label) or multi-hot (multi-label) targets of rows {@code order[from..to)}. */
  static INDArray labels(TrainingSet set, int[] order, int from, int to) {
    int outputs = set.outputs();
    float[] y = new float[(to - from) * outputs];
    for (int k = from; k < to; k++) {
      int row = (k - from) * outputs;
      int i = order[k];
      if (set.labels() != null) {
        y[row + set.labels()[i]] = 1f;
      } else {
        boolean[] s = set.labelSets()[i];
        for (int c = 0; c < outputs; c++) {
          if (s[c]) {
            y[row + c] = 1f;
          }
        }
      }
    }
    return Nd4j.create(y, new long[] {to - from, outputs}, DataType.FLOAT);
  }

  /** Per-example loss weights of rows {@code order[from..to)} as a column, or null when unweighted. */
  static INDArray weights(TrainingSet set, int[] order, int from, int to) {
    if (set.exampleWeights() == null) {
      return null;
    }
    float[] w = new float[to - from];
    for (int k = from; k < to; k++) {
      w[k - from] = (float) set.exampleWeights()[order[k]];
    }
    return Nd4j.create(w, new long[] {to - from, 1}, DataType.FLOAT);
  }

  /** The network in DL4J's own zip form (configuration and parameters, no updater state). */
  static byte[] toBytes(ComputationGraph graph) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(graph, out, false);
    } catch (IOException e) {
      throw new MercatoException("cannot serialize the network: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Reads the network written by {@link #toBytes} into {@code entry} and checks its shape: the
   * {@code nIn} of layer {@code firstLayer} and the {@code nOut} of the output layer.
   *
   * @throws ModelFileException naming the file and entry when the entry is not a network of that shape
   */
  static ComputationGraph read(ModelFileReader reader, String entry, String firstLayer, long nIn, long outputs) {
    ComputationGraph graph;
    try {
      graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(reader.bytes(entry)), false);
    } catch (IOException | RuntimeException e) {
      throw new ModelFileException(reader.file(), "entry '" + entry + "' is not a readable DL4J network: "
          + e.getMessage(), e);
    }
    long actualIn = nIn(graph, firstLayer);
    long actualOut = nOut(graph, OUTPUT);
    ModelEntries.require(reader, entry, actualIn == nIn && actualOut == outputs, "the network has " + actualIn
        + " inputs and " + actualOut + " outputs, its configuration says " + nIn + " and " + outputs);
    return graph;
  }

  private static long nIn(ComputationGraph graph, String layer) {
    return graph.getLayer(layer) == null ? -1
        : ((FeedForwardLayer) graph.getLayer(layer).conf().getLayer()).getNIn();
  }

  private static long nOut(ComputationGraph graph, String layer) {
    return graph.getLayer(layer) == null ? -1
        : ((FeedForwardLayer) graph.getLayer(layer).conf().getLayer()).getNOut();
  }

  /**
   * A trained network safe to call from many threads. A DL4J network keeps per-call state in its
   * layers (inputs, masks, workspaces): {@code MultiLayerNetwork.output} is not thread-safe in
   * 1.0.0-M2.1 (upstream issue 9993), and {@code ComputationGraph.output} is correct only because
   * it is {@code synchronized}, which would serialize every caller on one monitor. So each call
   * borrows a private copy from a pool and returns it afterwards: concurrent callers run in
   * parallel, and the pool grows only to the peak number of concurrent callers (each copy holds its
   * own parameters) instead of one copy per thread of a large server pool, as a {@code ThreadLocal}
   * would. The prototype itself is never run, only cloned and saved.
   */
  static final class SharedNetwork {
    private final ComputationGraph prototype;
    private final Encoder encoder;
    private final ConcurrentLinkedDeque<ComputationGraph> idle = new ConcurrentLinkedDeque<>();

    SharedNetwork(ComputationGraph prototype, Encoder encoder) {
      this.prototype = prototype;
      this.encoder = encoder;
    }

    /** Probabilities for {@code texts} (one row each). */
    double[][] predict(List<EncodedText> texts) {
      ComputationGraph copy = idle.pollFirst();
      if (copy == null) {
        synchronized (prototype) {
          copy = prototype.clone();
        }
      }
      try {
        return Dl4jNetworks.predict(copy, encoder, texts);
      } finally {
        idle.offerFirst(copy);
      }
    }

    /** The network in byte form (see {@link Dl4jNetworks#toBytes}). */
    byte[] toBytes() {
      synchronized (prototype) {
        return Dl4jNetworks.toBytes(prototype);
      }
    }
  }
}
