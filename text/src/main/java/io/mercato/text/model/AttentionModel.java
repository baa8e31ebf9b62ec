package io.mercato.text.model;

import io.mercato.core.io.ModelFileReader;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained self-attention text classifier over token ids (see {@link AttentionTrainer}): word and
 * position embeddings, self-attention blocks, masked pooling, softmax (or sigmoids). Immutable and safe to share
 * between threads: predictions run on pooled copies of the DL4J network.
 */
public final class AttentionModel extends TokenSequenceModel {

  /** The type name written to model files. */
  public static final String TYPE = "attention";

  AttentionModel(ComputationGraph graph, Layout layout, int outputs, boolean multiLabel) {
    super(TYPE, graph, layout, outputs, multiLabel);
  }

  /**
   * Reads a model written by {@link #writeTo} under {@code prefix}.
   *
   * @param reader an open model file
   * @param prefix the entry name prefix given to {@link #writeTo}
   * @return the model, predicting exactly as the one that was written
   */
  public static AttentionModel readFrom(ModelFileReader reader, String prefix) {
    return read(reader, prefix, TYPE, SecondInput.POSITIONS, AttentionModel::new);
  }
}
