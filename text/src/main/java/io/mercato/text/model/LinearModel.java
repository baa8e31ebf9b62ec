package io.mercato.text.model;

import io.mercato.core.io.BinaryArrays;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.linalg.SparseVector;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;
import java.util.Optional;

/**
 * Linear softmax classifier (multinomial logistic regression) on the sparse features, or one
 * logistic regression per label when multi-label. Scores are {@code b_c + w_c · x}, so the
 * contribution of each feature to a class score is exactly {@code x_j w_cj}.
 */
public final class LinearModel implements TextModel {

  /** Type name in model files. */
  public static final String TYPE = "linear";

  private final int dimension;
  private final int outputs;
  private final boolean multiLabel;
  private final float[] weights; // feature-major: weights[j * outputs + c]
  private final float[] bias;

  LinearModel(int dimension, int outputs, boolean multiLabel, float[] weights, float[] bias) {
    if (weights.length != (long) dimension * outputs || bias.length != outputs) {
      throw new IllegalArgumentException("weights must be " + dimension + " x " + outputs + " and bias " + outputs);
    }
    this.dimension = dimension;
    this.outputs = outputs;
    this.multiLabel = multiLabel;
    this.weights = weights;
    this.bias = bias;
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

  /** Number of input features. */
  public int dimension() {
    return dimension;
  }

  /** Weight of feature {@code feature} for output {@code output}. */
  public double weight(int feature, int output) {
    return weights[feature * outputs + output];
  }

  /** Bias (intercept) of output {@code output}. */
  public double bias(int output) {
    return bias[output];
  }

  @Override
  public EncodedText.Views reads() {
    return EncodedText.Views.FEATURES;
  }

  @Override
  public double[][] predict(List<EncodedText> batch) {
    double[][] out = new double[batch.size()][];
    for (int i = 0; i < out.length; i++) {
      double[] scores = scores(batch.get(i).features());
      Probabilities.activate(scores, multiLabel);
      out[i] = scores;
    }
    return out;
  }

  /** Raw scores (logits) {@code b + W x}. */
  double[] scores(SparseVector x) {
    double[] s = new double[outputs];
    for (int c = 0; c < outputs; c++) {
      s[c] = bias[c];
    }
    int n = x.size();
    for (int k = 0; k < n; k++) {
      int j = x.index(k);
      if (j >= dimension) {
        continue;
      }
      double v = x.value(k);
      int row = j * outputs;
      for (int c = 0; c < outputs; c++) {
        s[c] += v * weights[row + c];
      }
    }
    return s;
  }

  @Override
  public Optional<double[]> contributions(EncodedText input, int output) {
    SparseVector x = input.features();
    double[] out = new double[x.size()];
    for (int k = 0; k < out.length; k++) {
      int j = x.index(k);
      out[k] = j < dimension ? x.value(k) * weights[j * outputs + output] : 0;
    }
    return Optional.of(out);
  }

  @Override
  public void writeTo(ModelFileWriter writer, String prefix) {
    writer.put(prefix + "linear.bin", out -> {
      out.writeInt(dimension);
      out.writeInt(outputs);
      out.writeBoolean(multiLabel);
      BinaryArrays.writeFloats(out, weights);
      BinaryArrays.writeFloats(out, bias);
    });
  }

  /** Reads a model written by {@link #writeTo}. */
  public static LinearModel readFrom(ModelFileReader reader, String prefix) {
    String entry = prefix + "linear.bin";
    return reader.read(entry, in -> {
      int dimension = in.readInt();
      int outputs = in.readInt();
      boolean multiLabel = in.readBoolean();
      float[] weights = BinaryArrays.readFloats(in);
      float[] bias = BinaryArrays.readFloats(in);
      ModelEntries.require(reader, entry, dimension > 0 && outputs > 0
          && weights.length == (long) dimension * outputs && bias.length == outputs,
          "inconsistent linear model shape");
      return new LinearModel(dimension, outputs, multiLabel, weights, bias);
    });
  }
}
