package io.mercato.text.model;

import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What the two DL4J text models ({@link MlpModel}, {@link CnnModel}) share once trained: the output
 * shape, prediction on a pooled, thread-safe copy of the network, and the saved form (a JSON
 * configuration entry next to the network's own zip entry).
 */
abstract class Dl4jModel implements TextModel {
  private final String type;
  private final int outputs;
  private final boolean multiLabel;
  private final Dl4jNetworks.SharedNetwork network;

  Dl4jModel(String type, ComputationGraph graph, Dl4jNetworks.Encoder encoder, int outputs, boolean multiLabel) {
    this.type = type;
    this.outputs = outputs;
    this.multiLabel = multiLabel;
    this.network = new Dl4jNetworks.SharedNetwork(graph, encoder);
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final int outputs() {
    return outputs;
  }

  @Override
  public final boolean multiLabel() {
    return multiLabel;
  }

  @Override
  public final double[][] predict(List<EncodedText> batch) {
    return network.predict(batch);
  }

  /** Writes {@code config} as JSON entry {@code configEntry} and the network as entry {@code networkEntry}. */
  final void write(ModelFileWriter writer, String configEntry, Object config, String networkEntry) {
    writer.putJson(configEntry, config);
    writer.putBytes(networkEntry, network.toBytes());
  }
}
