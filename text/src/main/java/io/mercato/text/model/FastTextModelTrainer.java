package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.text.pipeline.EncodedText;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link FastTextModel} the way fastText does: embeddings initialized uniformly in
 * {@code [-1/dim, 1/dim]}, output weights at zero, SGD whose learning rate decays linearly to zero
 * over all training steps, examples visited in a seeded random order. Minibatches average the
 * gradients of {@code batchSize} examples (1, the default, is fastText's per-example SGD).
 * The number of bigram buckets adapts to the data: the next power of two above the number of
 * distinct bigrams in the training set, capped at {@code maxBuckets}.
 */
public final class FastTextModelTrainer implements TextModelTrainer {

  private static final int DEFAULT_EPOCHS = 10;
  /**
   * Without a set epoch count, small data sets get more epochs: at least this many example visits in
   * all (up to {@link #MAX_DEFAULT_EPOCHS}), since ten passes over a few hundred texts leave the model
   * barely trained (probabilities near uniform).
   */
  private static final int MIN_DEFAULT_STEPS = 50_000;
  private static final int MAX_DEFAULT_EPOCHS = 100;
  private static final int DEFAULT_BATCH = 1;
  /** Per-example score gradients below this are skipped (late in training most classes have p ~ 0). */
  private static final double NEGLIGIBLE_GRADIENT = 1e-5;

  private final int dimension;
  private final double learningRate;
  private final boolean wordBigrams;
  private final int maxBuckets;

  private FastTextModelTrainer(Builder b) {
    this.dimension = b.dimension;
    this.learningRate = b.learningRate;
    this.wordBigrams = b.wordBigrams;
    this.maxBuckets = b.maxBuckets;
  }

  /** A builder with defaults {@code dimension = 64}, {@code learningRate = 0.2}, word bigrams on, {@code maxBuckets = 2^20}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return FastTextModel.TYPE;
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", FastTextModel.TYPE);
    m.put("dimension", Integer.toString(dimension));
    m.put("learningRate", Double.toString(learningRate));
    m.put("wordBigrams", Boolean.toString(wordBigrams));
    m.put("maxBuckets", Integer.toString(maxBuckets));
    return m;
  }

  /** The default epoch count for {@code examples} training texts: 10, more for small sets (at most 100). */
  static int defaultEpochs(int examples) {
    long forSteps = (MIN_DEFAULT_STEPS + Math.max(1, examples) - 1) / Math.max(1, examples);
    return (int) Math.max(DEFAULT_EPOCHS, Math.min(MAX_DEFAULT_EPOCHS, forSteps));
  }

  @Override
  public FastTextModel fit(TrainingSet train, TrainingSet validation, TrainingOptions options) {
    int vocab = train.vocabularySize();
    int buckets = wordBigrams ? bucketsFor(train) : 0;
    int outputs = train.outputs();
    boolean multi = train.multiLabel();
    int epochs = options.epochsOr(defaultEpochs(train.size()));
    int batchSize = options.batchSizeOr(DEFAULT_BATCH);
    int dim = dimension;
    Random random = new Random(options.seed());
    float[] input = new float[Math.multiplyExact(vocab + buckets, dim)];
    float bound = 1.0f / dim;
    for (int k = 0; k < input.length; k++) {
      input[k] = (random.nextFloat() * 2 - 1) * bound;
    }
    float[] output = new float[outputs * dim];
    float[] bestInput = null;
    float[] bestOutput = null;

    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // one minibatch: every example's gradient is computed with the parameters at the batch start,
    // then all are applied (per example: its embedding rows and its hidden-layer gradient)
    int slots = Math.min(batchSize, n);
    int[][][] rows = new int[slots][1][64];
    int[] rowCount = new int[slots];
    float[] hidden = new float[dim];
    float[][] gradHidden = new float[slots][dim];
    double[] scores = new double[outputs];
    double[] gradOutput = new double[outputs * dim];
    boolean[] classTouched = new boolean[outputs];

    long totalSteps = (long) epochs * n;
    long step = 0;
    EarlyStopping stopping = new EarlyStopping(epochs, options.patience(), options.listener());
    options.listener().onStart("fasttext", epochs);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, random);
      double lossSum = 0;
      double weightSum = 0;
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        double lr = learningRate * Math.max(0, 1 - (double) step / totalSteps) / (end - start);
        step += end - start;
        for (int p = start; p < end; p++) {
          int b = p - start;
          int i = order[p];
          int m = FastTextModel.rows(train.inputs().get(i), vocab, buckets, rows[b]);
          rowCount[b] = m;
          FastTextModel.average(input, dim, rows[b][0], m, hidden);
          FastTextModel.scores(output, dim, hidden, scores);
          double weight = train.weight(i);
          lossSum += weight * Probabilities.lossGradient(scores, multi ? -1 : train.labels()[i],
              multi ? train.labelSets()[i] : null, weight);
          weightSum += weight;
          float[] gh = gradHidden[b];
          Arrays.fill(gh, 0);
          for (int c = 0; c < outputs; c++) {
            double g = scores[c];
            if (Math.abs(g) <= NEGLIGIBLE_GRADIENT) {
              continue;
            }
            classTouched[c] = true;
            float gf = (float) g;
            int base = c * dim;
            for (int d = 0; d < dim; d++) {
              gh[d] += gf * output[base + d];
              gradOutput[base + d] += g * hidden[d];
            }
          }
        }
        for (int c = 0; c < outputs; c++) {
          if (classTouched[c]) {
            classTouched[c] = false;
            for (int k = c * dim, last = k + dim; k < last; k++) {
              output[k] -= (float) (lr * gradOutput[k]);
              gradOutput[k] = 0;
            }
          }
        }
        for (int b = 0; b < end - start; b++) {
          int m = rowCount[b];
          if (m == 0) {
            continue;
          }
          // every row of the example gets the same step: the hidden gradient shared by the average
          float scale = (float) (lr / m);
          float[] gh = gradHidden[b];
          int[] r = rows[b][0];
          for (int k = 0; k < m; k++) {
            int base = r[k] * dim;
            for (int d = 0; d < dim; d++) {
              input[base + d] -= scale * gh[d];
            }
          }
        }
      }
      double trainLoss = weightSum == 0 ? 0 : lossSum / weightSum;
      boolean best = validation == null
          ? stopping.epochDone(epoch, trainLoss, Double.NaN)
          : stopping.epochDone(epoch, trainLoss, validation,
              new FastTextModel(vocab, buckets, dim, outputs, multi, input, output).predict(validation.inputs()));
      if (best && validation != null) {
        bestInput = input.clone();
        bestOutput = output.clone();
      }
      if (validation != null && stopping.shouldStop()) {
        break;
      }
    }
    options.listener().onEnd();
    return bestInput == null
        ? new FastTextModel(vocab, buckets, dim, outputs, multi, input, output)
        : new FastTextModel(vocab, buckets, dim, outputs, multi, bestInput, bestOutput);
  }

  /** Next power of two at or above the number of distinct token-id bigrams, in [1024, maxBuckets]. */
  private int bucketsFor(TrainingSet train) {
    // an open-addressing set of bigram keys (never 0: token ids are never negative, and 0 is padding),
    // counting stops at maxBuckets, so memory is bounded whatever the corpus size
    long[] keys = new long[1 << 12];
    int distinct = 0;
    for (EncodedText e : train.inputs()) {
      for (int j = 0; j + 1 < e.length() && distinct < maxBuckets; j++) {
        long key = ((long) e.tokenId(j) << 32) | (e.tokenId(j + 1) & 0xffffffffL);
        if (key == 0) {
          continue;
        }
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (keys[slot] != 0 && keys[slot] != key) {
          slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
          keys[slot] = key;
          distinct++;
          if (2 * distinct > keys.length) {
            keys = rehash(keys);
          }
        }
      }
    }
    int buckets = Integer.highestOneBit(Math.max(1024, distinct) - 1) << 1;
    return Math.min(maxBuckets, buckets);
  }

  /** The home slot of a bigram key in a table of {@code mask + 1} slots (the key's low bits alone cluster). */
  private static int slot(long key, int mask) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }

  /** The keys of an open-addressing set in a table twice the size. */
  private static long[] rehash(long[] keys) {
    long[] grown = new long[keys.length * 2];
    int mask = grown.length - 1;
    for (long key : keys) {
      if (key != 0) {
        int slot = slot(key, mask);
        while (grown[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        grown[slot] = key;
      }
    }
    return grown;
  }

  /** Fisher-Yates shuffle of {@code a} with {@code random}. */
  static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Validating builder for {@link FastTextModelTrainer}. */
  public static final class Builder {
    private int dimension = 64;
    private double learningRate = 0.2;
    private boolean wordBigrams = true;
    private int maxBuckets = 1 << 20;

    private Builder() {
    }

    /** Embedding dimension, in [2, 1024]. */
    public Builder dimension(int value) {
      this.dimension = value;
      return this;
    }

    /** Initial SGD learning rate (decays linearly to 0), in (0, 10]. */
    public Builder learningRate(double value) {
      this.learningRate = value;
      return this;
    }

    /** Whether hashed word bigrams are embedded besides the tokens. */
    public Builder wordBigrams(boolean value) {
      this.wordBigrams = value;
      return this;
    }

    /** Upper bound on hashed bigram rows, in [1024, 2^24]. */
    public Builder maxBuckets(int value) {
      this.maxBuckets = value;
      return this;
    }

    /** Validates and builds. */
    public FastTextModelTrainer build() {
      if (dimension < 2 || dimension > 1024) {
        throw io.mercato.core.ConfigurationException.invalid("dimension", dimension, "must be in [2, 1024]");
      }
      Check.inRange("learningRate", learningRate, Double.MIN_VALUE, 10);
      if (maxBuckets < 1024 || maxBuckets > (1 << 24)) {
        throw io.mercato.core.ConfigurationException.invalid("maxBuckets", maxBuckets, "must be in [1024, 16777216]");
      }
      return new FastTextModelTrainer(this);
    }
  }
}
