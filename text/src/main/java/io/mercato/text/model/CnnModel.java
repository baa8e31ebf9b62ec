package io.mercato.text.model;

import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained convolutional text classifier over token ids (see {@link CnnTrainer}). Immutable and
 * safe to share between threads: predictions run on pooled copies of the DL4J network.
 */
public final class CnnModel extends Dl4jModel {

  /** The type name written to model files. */
  public static final String TYPE = "cnn";
  private static final String CONFIG = "cnn.json";
  private static final String NETWORK = "cnn-network.zip";

  private final Layout layout;

  CnnModel(ComputationGraph graph, Layout layout, int outputs, boolean multiLabel) {
    super(TYPE, graph, layout::encode, outputs, multiLabel);
    this.layout = layout;
  }

  @Override
  public EncodedText.Views reads() {
    return EncodedText.Views.TOKEN_IDS;
  }

  @Override
  public void writeTo(ModelFileWriter writer, String prefix) {
    write(writer, prefix + CONFIG, new Saved(layout.vocabularySize(), layout.maxLength(), outputs(), multiLabel()),
        prefix + NETWORK);
  }

  /**
   * Reads a model written by {@link #writeTo} under {@code prefix}.
   *
   * @param reader an open model file
   * @param prefix the entry name prefix given to {@link #writeTo}
   * @return the model, predicting exactly as the one that was written
   */
  public static CnnModel readFrom(ModelFileReader reader, String prefix) {
    Saved saved = reader.json(prefix + CONFIG, Saved.class);
    saved.check(reader, prefix + CONFIG);
    ComputationGraph graph = Dl4jNetworks.read(reader, prefix + NETWORK, CnnTrainer.EMBEDDING,
        saved.vocabularySize(), saved.outputs());
    return new CnnModel(graph, new Layout(saved.vocabularySize(), saved.maxLength()), saved.outputs(),
        saved.multiLabel());
  }

  /** The saved configuration (the network's own configuration travels with its parameters). */
  record Saved(int vocabularySize, int maxLength, int outputs, boolean multiLabel) {

    void check(ModelFileReader reader, String entry) {
      ModelEntries.require(reader, entry, vocabularySize >= 2, "vocabularySize " + vocabularySize + " < 2");
      ModelEntries.require(reader, entry, maxLength >= 1, "maxLength " + maxLength + " < 1");
      ModelEntries.require(reader, entry, outputs >= 1, "outputs " + outputs + " < 1");
    }
  }

  /**
   * Turns token id sequences into the network's [rows x length] id matrix and mask: length is the
   * batch's longest text, capped at {@code maxLength} (longer texts are cut); padding and id 0 are
   * masked; ids outside the vocabulary read as unknown (1). An empty text reads as one padding
   * token so that max pooling has a position to pool.
   */
  record Layout(int vocabularySize, int maxLength) {

    Dl4jNetworks.Inputs encode(List<EncodedText> rows) {
      int length = 1;
      for (EncodedText text : rows) {
        length = Math.max(length, Math.min(maxLength, text.length()));
      }
      float[] ids = new float[rows.size() * length];
      float[] mask = new float[rows.size() * length];
      for (int r = 0; r < rows.size(); r++) {
        EncodedText text = rows.get(r);
        int offset = r * length;
        int n = Math.min(maxLength, text.length());
        boolean any = false;
        for (int j = 0; j < n; j++) {
          int id = text.tokenId(j);
          if (id != 0) {
            ids[offset + j] = id > 0 && id < vocabularySize ? id : 1;
            mask[offset + j] = 1f;
            any = true;
          }
        }
        if (!any) {
          mask[offset] = 1f;
        }
      }
      long[] shape = {rows.size(), length};
      return new Dl4jNetworks.Inputs(new INDArray[] {Nd4j.create(ids, shape, DataType.FLOAT)},
          new INDArray[] {Nd4j.create(mask, shape, DataType.FLOAT)});
    }
  }
}
