package io.mercato.text.model;

import io.mercato.core.io.BinaryArrays;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;

/**
 * fastText-style classifier (Joulin et al. 2016, "Bag of Tricks for Efficient Text
 * Classification"): the text is the average of the embeddings of its token ids and of its hashed
 * word-bigram ids, followed by a linear softmax (or one sigmoid per label when multi-label).
 * Padding (id 0) and unknown tokens (id 1) are ignored; bigrams are hashed into
 * {@code buckets} extra embedding rows.
 */
public final class FastTextModel implements TextModel {

  /** Type name in model files. */
  public static final String TYPE = "fasttext";

  private final int vocabularySize;
  private final int buckets;
  private final int dim;
  private final int outputs;
  private final boolean multiLabel;
  private final float[] input;  // (vocabularySize + buckets) x dim, row-major
  private final float[] output; // outputs x dim, row-major

  FastTextModel(int vocabularySize, int buckets, int dim, int outputs, boolean multiLabel, float[] input, float[] output) {
    if (input.length != (long) (vocabularySize + buckets) * dim || output.length != (long) outputs * dim) {
      throw new IllegalArgumentException("embedding shapes do not match vocabulary, buckets, dim and outputs");
    }
    this.vocabularySize = vocabularySize;
    this.buckets = buckets;
    this.dim = dim;
    this.outputs = outputs;
    this.multiLabel = multiLabel;
    this.input = input;
    this.output = output;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public boolean multiLabel() {
    return multiLabel;
  }

  /** Embedding dimension. */
  public int dimension() {
    return dim;
  }

  /** Number of hashed bigram rows. */
  public int buckets() {
    return buckets;
  }

  /**
   * The embedding rows of a text: each known token id, then for each pair of consecutive tokens
   * the bigram row {@code vocabularySize + hash mod buckets}. Returns the number of rows written
   * into {@code rows} (grown as needed; the possibly re-allocated array is in {@code rows[0]}).
   */
  static int rows(EncodedText text, int vocabularySize, int buckets, int[][] rows) {
    int length = text.length();
    int[] out = rows[0];
    if (out.length < 2 * length) {
      out = new int[2 * length];
      rows[0] = out;
    }
    int n = 0;
    for (int k = 0; k < length; k++) {
      int t = text.tokenId(k);
      if (t > 1 && t < vocabularySize) {
        out[n++] = t;
      }
    }
    if (buckets > 0) {
      for (int k = 0; k + 1 < length; k++) {
        int a = text.tokenId(k);
        int b = text.tokenId(k + 1);
        if (a == 0 || b == 0) {
          continue;
        }
        out[n++] = vocabularySize + bigramBucket(a, b, buckets);
      }
    }
    return n;
  }

  /** Bucket of the bigram (a, b), a 64-bit mix of both ids (the fastText recipe of hashing word bigrams). */
  static int bigramBucket(int a, int b, int buckets) {
    long h = a * 116049371L + b;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, (long) buckets);
  }

  /** Averages the rows' embeddings into {@code hidden}; returns false when there is no row. */
  static boolean average(float[] input, int dim, int[] rows, int n, float[] hidden) {
    java.util.Arrays.fill(hidden, 0);
    if (n == 0) {
      return false;
    }
    int r = 0;
    // four rows per pass: four independent memory streams, a quarter of the stores to hidden
    for (; r + 3 < n; r += 4) {
      int b0 = rows[r] * dim;
      int b1 = rows[r + 1] * dim;
      int b2 = rows[r + 2] * dim;
      int b3 = rows[r + 3] * dim;
      for (int d = 0; d < dim; d++) {
        hidden[d] += (input[b0 + d] + input[b1 + d]) + (input[b2 + d] + input[b3 + d]);
      }
    }
    for (; r < n; r++) {
      int base = rows[r] * dim;
      for (int d = 0; d < dim; d++) {
        hidden[d] += input[base + d];
      }
    }
    float inv = 1.0f / n;
    for (int d = 0; d < dim; d++) {
      hidden[d] *= inv;
    }
    return true;
  }

  /** Scores {@code O h}. */
  static void scores(float[] output, int dim, float[] hidden, double[] scores) {
    for (int c = 0; c < scores.length; c++) {
      float s = 0;
      int base = c * dim;
      for (int d = 0; d < dim; d++) {
        s += output[base + d] * hidden[d];
      }
      scores[c] = s;
    }
  }

  @Override
  public EncodedText.Views reads() {
    return EncodedText.Views.TOKEN_IDS;
  }

  @Override
  public double[][] predict(List<EncodedText> batch) {
    double[][] out = new double[batch.size()][];
    int[][] rows = {new int[64]};
    float[] hidden = new float[dim];
    for (int i = 0; i < out.length; i++) {
      int n = rows(batch.get(i), vocabularySize, buckets, rows);
      average(input, dim, rows[0], n, hidden);
      double[] s = new double[outputs];
      scores(output, dim, hidden, s);
      Probabilities.activate(s, multiLabel);
      out[i] = s;
    }
    return out;
  }

  @Override
  public void writeTo(ModelFileWriter writer, String prefix) {
    writer.put(prefix + "fasttext.bin", out -> {
      out.writeInt(vocabularySize);
      out.writeInt(buckets);
      out.writeInt(dim);
      out.writeInt(outputs);
      out.writeBoolean(multiLabel);
      BinaryArrays.writeFloats(out, input);
      BinaryArrays.writeFloats(out, output);
    });
  }

  /** Reads a model written by {@link #writeTo}. */
  public static FastTextModel readFrom(ModelFileReader reader, String prefix) {
    String entry = prefix + "fasttext.bin";
    return reader.read(entry, in -> {
      int vocabularySize = in.readInt();
      int buckets = in.readInt();
      int dim = in.readInt();
      int outputs = in.readInt();
      boolean multiLabel = in.readBoolean();
      float[] input = BinaryArrays.readFloats(in);
      float[] output = BinaryArrays.readFloats(in);
      ModelEntries.require(reader, entry, vocabularySize >= 0 && buckets >= 0 && dim > 0 && outputs > 0
          && input.length == (long) (vocabularySize + buckets) * dim && output.length == (long) outputs * dim,
          "inconsistent fastText model shape");
      return new FastTextModel(vocabularySize, buckets, dim, outputs, multiLabel, input, output);
    });
  }
}
