package io.mercato.text.model;

import io.mercato.core.io.ModelFileReader;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained convolutional text classifier over token ids (see {@link CnnTrainer}). Immutable and
 * safe to share between threads: predictions run on pooled copies of the DL4J network.
 */
public final class CnnModel extends TokenSequenceModel {

  /** The type name written to model files. */
  public static final String TYPE = "cnn";

  CnnModel(ComputationGraph graph, Layout layout, int outputs, boolean multiLabel) {
    super(TYPE, graph, layout, outputs, multiLabel);
  }

  /**
   * Reads a model written by {@link #writeTo} under {@code prefix}.
   *
   * @param reader an open model file
   * @param prefix the entry name prefix given to {@link #writeTo}
   * @return the model, predicting exactly as the one that was written
   */
  public static CnnModel readFrom(ModelFileReader reader, String prefix) {
    return read(reader, prefix, TYPE, SecondInput.NONE, CnnModel::new);
  }
}
