package io.mercato.text.model;

import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.linalg.SparseVector;
import io.mercato.text.pipeline.EncodedText;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained multi-layer perceptron over sparse text features (see {@link MlpTrainer}). Immutable
 * and safe to share between threads: predictions run on pooled copies of the DL4J network.
 */
public final class MlpModel extends Dl4jModel {

  /** The type name written to model files. */
  public static final String TYPE = "mlp";
  private static final String CONFIG = "mlp.json";
  private static final String NETWORK = "mlp-network.zip";

  private final Layout layout;

  MlpModel(ComputationGraph graph, Layout layout, int outputs, boolean multiLabel) {
    super(TYPE, graph, layout::encode, outputs, multiLabel);
    this.layout = layout;
  }

  /** Number of input features the network reads (the feature dimension, or the cap below it). */
  public int inputWidth() {
    return layout.width();
  }

  @Override
  public EncodedText.Views reads() {
    return EncodedText.Views.FEATURES;
  }

  @Override
  public void writeTo(ModelFileWriter writer, String prefix) {
    write(writer, prefix + CONFIG, new Saved(layout.featureDimension(), layout.inputs(), outputs(), multiLabel()),
        prefix + NETWORK);
  }

  /**
   * Reads a model written by {@link #writeTo} under {@code prefix}.
   *
   * @param reader an open model file
   * @param prefix the entry name prefix given to {@link #writeTo}
   * @return the model, predicting exactly as the one that was written
   */
  public static MlpModel readFrom(ModelFileReader reader, String prefix) {
    Saved saved = reader.json(prefix + CONFIG, Saved.class);
    saved.check(reader, prefix + CONFIG);
    ComputationGraph graph = Dl4jNetworks.read(reader, prefix + NETWORK, MlpTrainer.FIRST_HIDDEN,
        saved.inputs() == null ? saved.featureDimension() : saved.inputs().length, saved.outputs());
    return new MlpModel(graph, new Layout(saved.featureDimension(), saved.inputs()), saved.outputs(),
        saved.multiLabel());
  }

  /** The saved configuration (the network's own configuration travels with its parameters). */
  record Saved(int featureDimension, int[] inputs, int outputs, boolean multiLabel) {

    void check(ModelFileReader reader, String entry) {
      ModelEntries.require(reader, entry, featureDimension >= 1, "featureDimension " + featureDimension + " < 1");
      ModelEntries.require(reader, entry, outputs >= 1, "outputs " + outputs + " < 1");
      if (inputs != null) {
        for (int c = 0; c < inputs.length; c++) {
          ModelEntries.require(reader, entry, inputs[c] >= 0 && inputs[c] < featureDimension
              && (c == 0 || inputs[c] > inputs[c - 1]), "input features must increase within [0, " + featureDimension + ")");
        }
      }
    }
  }

  /**
   * Maps sparse features to the network's dense input columns: all features, or only the selected
   * ones ({@code inputs}, increasing) when the dimension was capped.
   */
  static final class Layout {
    private final int featureDimension;
    private final int[] inputs;
    private final int[] columnOf;

    Layout(int featureDimension, int[] inputs) {
      this.featureDimension = featureDimension;
      this.inputs = inputs == null ? null : inputs.clone();
      if (inputs == null) {
        this.columnOf = null;
      } else {
        this.columnOf = new int[featureDimension];
        Arrays.fill(columnOf, -1);
        for (int c = 0; c < inputs.length; c++) {
          columnOf[inputs[c]] = c;
        }
      }
    }

    int featureDimension() {
      return featureDimension;
    }

    int[] inputs() {
      return inputs == null ? null : inputs.clone();
    }

    int width() {
      return inputs == null ? featureDimension : inputs.length;
    }

    /** The rows as one dense float matrix [rows x width], filled on the Java side and copied once. */
    Dl4jNetworks.Inputs encode(List<EncodedText> rows) {
      int width = width();
      float[] x = new float[rows.size() * width];
      for (int r = 0; r < rows.size(); r++) {
        SparseVector f = rows.get(r).features();
        if (f.dimension() != featureDimension) {
          throw new IllegalArgumentException("text " + r + " has feature dimension " + f.dimension()
              + ", the model expects " + featureDimension);
        }
        int offset = r * width;
        for (int k = 0; k < f.size(); k++) {
          int column = columnOf == null ? f.index(k) : columnOf[f.index(k)];
          if (column >= 0) {
            x[offset + column] = (float) f.value(k);
          }
        }
      }
      INDArray features = Nd4j.create(x, new long[] {rows.size(), width}, DataType.FLOAT);
      return new Dl4jNetworks.Inputs(new INDArray[] {features}, null);
    }
  }
}
