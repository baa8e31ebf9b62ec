package io.mercato.text.model;

import io.mercato.core.Check;
import io.mercato.text.pipeline.EncodedText;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

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
    int[][] rows = {new int[64]};
    double[] hidden = new double[dim];
    double[] scores = new double[outputs];
    double[] gradHidden = new double[dim];
    double[] gradOutput = new double[outputs * dim];
    boolean[] classTouched = new boolean[outputs];
    // per-batch gradient of touched embedding rows
    int[] slotOf = new int[vocab + buckets];
    Arrays.fill(slotOf, -1);
    int[] touched = new int[64];
    double[] gradInput = new double[64 * dim];

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
        int count = 0;
        for (int p = start; p < end; p++) {
          int i = order[p];
          int m = FastTextModel.rows(train.inputs().get(i).tokenIds(), vocab, buckets, rows);
          FastTextModel.average(input, dim, rows[0], m, hidden);
          FastTextModel.scores(output, dim, hidden, scores);
          double weight = train.weight(i);
          lossSum += weight * Probabilities.lossGradient(scores, multi ? -1 : train.labels()[i],
              multi ? train.labelSets()[i] : null, weight);
          weightSum += weight;
          Arrays.fill(gradHidden, 0);
          for (int c = 0; c < outputs; c++) {
            double g = scores[c];
            if (Math.abs(g) <= NEGLIGIBLE_GRADIENT) {
              continue;
            }
            classTouched[c] = true;
            int base = c * dim;
            for (int d = 0; d < dim; d++) {
              gradHidden[d] += g * output[base + d];
              gradOutput[base + d] += g * hidden[d];
            }
          }
          if (m == 0) {
            continue;
          }
          double share = 1.0 / m;
          int[] r = rows[0];
          for (int k = 0; k < m; k++) {
            int row = r[k];
            int slot = slotOf[row];
            if (slot < 0) {
              if (count == touched.length) {
                touched = Arrays.copyOf(touched, count * 2);
                gradInput = Arrays.copyOf(gradInput, count * 2 * dim);
              }
              slot = count++;
              slotOf[row] = slot;
              touched[slot] = row;
              Arrays.fill(gradInput, slot * dim, slot * dim + dim, 0);
            }
            int g = slot * dim;
            for (int d = 0; d < dim; d++) {
              gradInput[g + d] += share * gradHidden[d];
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
        for (int s = 0; s < count; s++) {
          int row = touched[s];
          slotOf[row] = -1;
          int base = row * dim;
          int g = s * dim;
          for (int d = 0; d < dim; d++) {
            input[base + d] -= (float) (lr * gradInput[g + d]);
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
    Set<Long> seen = new HashSet<>();
    for (EncodedText e : train.inputs()) {
      int[] ids = e.tokenIds();
      for (int k = 0; k + 1 < ids.length; k++) {
        seen.add(((long) ids[k] << 32) | (ids[k + 1] & 0xffffffffL));
      }
    }
    int buckets = Integer.highestOneBit(Math.max(1024, seen.size()) - 1) << 1;
    return Math.min(maxBuckets, buckets);
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
