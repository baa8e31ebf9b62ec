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
 * What the DL4J models over token id sequences ({@link CnnModel}, {@link RnnModel},
 * {@link AttentionModel}) share once trained: they read only the token ids, encode a batch with
 * one {@link Layout} (padding and its mask), and save a JSON configuration entry
 * {@code <type>.json} next to the network entry {@code <type>-network.zip}.
 */
abstract class TokenSequenceModel extends Dl4jModel {

  private final Layout layout;

  TokenSequenceModel(String type, ComputationGraph graph, Layout layout, int outputs, boolean multiLabel) {
    super(type, graph, layout::encode, outputs, multiLabel);
    this.layout = layout;
  }

  @Override
  public final EncodedText.Views reads() {
    return EncodedText.Views.TOKEN_IDS;
  }

  @Override
  public final void writeTo(ModelFileWriter writer, String prefix) {
    write(writer, prefix + type() + ".json", new Saved(layout.vocabularySize(), layout.maxLength(), outputs(),
        multiLabel()), prefix + type() + "-network.zip");
  }

  /** Builds a model of one type from its parts (the constructor of the concrete class). */
  @FunctionalInterface
  interface Factory<M extends TokenSequenceModel> {
    M create(ComputationGraph graph, Layout layout, int outputs, boolean multiLabel);
  }

  /**
   * Reads a model of {@code type} written by {@link #writeTo} under {@code prefix}.
   *
   * @param second what the network reads besides the token ids (see {@link Layout})
   * @throws io.mercato.core.ModelFileException naming the file and entry when an entry is missing or inconsistent
   */
  static <M extends TokenSequenceModel> M read(ModelFileReader reader, String prefix, String type,
      SecondInput second, Factory<M> factory) {
    String config = prefix + type + ".json";
    Saved saved = reader.json(config, Saved.class);
    saved.check(reader, config);
    ComputationGraph graph = Dl4jNetworks.read(reader, prefix + type + "-network.zip", CnnTrainer.EMBEDDING,
        saved.vocabularySize(), saved.outputs());
    return factory.create(graph, new Layout(saved.vocabularySize(), saved.maxLength(), second), saved.outputs(),
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

  /** What a network over token ids reads as its second input, under the ids' mask. */
  enum SecondInput {
    /** Nothing: the ids alone. */
    NONE,
    /** Each position's index (0, 1, 2, ...), for a position embedding. */
    POSITIONS,
    /**
     * The same ids, each text reversed within its own (cut) length and padded at the end, for a
     * backward recurrent layer that must meet the padding only after the text.
     */
    REVERSED_IDS
  }

  /**
   * Turns token id sequences into the network's [rows x length] id matrix and mask: length is the
   * batch's longest text, capped at {@code maxLength} (longer texts are cut); padding and id 0 are
   * masked; ids outside the vocabulary read as unknown (1). An empty text reads as one padding
   * token so that pooling has a position to pool. A {@link SecondInput} other than {@code NONE}
   * adds a second [rows x length] input with its own mask.
   */
  record Layout(int vocabularySize, int maxLength, SecondInput second) {

    /** A layout of token ids alone. */
    Layout(int vocabularySize, int maxLength) {
      this(vocabularySize, maxLength, SecondInput.NONE);
    }

    Dl4jNetworks.Inputs encode(List<EncodedText> rows) {
      int length = 1;
      for (EncodedText text : rows) {
        length = Math.max(length, Math.min(maxLength, text.length()));
      }
      float[] ids = new float[rows.size() * length];
      float[] mask = new float[rows.size() * length];
      int[] kept = new int[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        EncodedText text = rows.get(r);
        int offset = r * length;
        int n = Math.min(maxLength, text.length());
        kept[r] = Math.max(1, n);
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
          kept[r] = 1;
        }
      }
      long[] shape = {rows.size(), length};
      INDArray idMatrix = Nd4j.create(ids, shape, DataType.FLOAT);
      INDArray maskMatrix = Nd4j.create(mask, shape, DataType.FLOAT);
      return switch (second) {
        case NONE -> new Dl4jNetworks.Inputs(new INDArray[] {idMatrix}, new INDArray[] {maskMatrix});
        case POSITIONS -> {
          float[] index = new float[rows.size() * length];
          for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < length; j++) {
              index[r * length + j] = j;
            }
          }
          yield new Dl4jNetworks.Inputs(new INDArray[] {idMatrix, Nd4j.create(index, shape, DataType.FLOAT)},
              new INDArray[] {maskMatrix, maskMatrix});
        }
        case REVERSED_IDS -> {
          float[] reversed = new float[ids.length];
          float[] reversedMask = new float[ids.length];
          for (int r = 0; r < rows.size(); r++) {
            int offset = r * length;
            for (int j = 0; j < kept[r]; j++) {
              reversed[offset + j] = ids[offset + kept[r] - 1 - j];
              reversedMask[offset + j] = mask[offset + kept[r] - 1 - j];
            }
          }
          yield new Dl4jNetworks.Inputs(new INDArray[] {idMatrix, Nd4j.create(reversed, shape, DataType.FLOAT)},
              new INDArray[] {maskMatrix, Nd4j.create(reversedMask, shape, DataType.FLOAT)});
        }
      };
    }
  }
}
