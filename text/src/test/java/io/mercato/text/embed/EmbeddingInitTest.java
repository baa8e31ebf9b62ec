package io.mercato.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EmbeddingInitTest {

  private static final List<String> TOKENS = Arrays.asList(null, null, "good", "Bad", "酒店", "zzz");
  private static final WordVectors VECTORS = WordVectors.of(List.of("good", "bad", "酒店", "unused"),
      List.of(new float[] {1, 2, 3}, new float[] {-1, -2, -3}, new float[] {0.5f, 0.25f, 0.125f}, new float[] {9, 9, 9}));

  private static ComputationGraph graph(boolean sequence, int vocabulary, int dimension) {
    Layer embedding = sequence
        ? new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(dimension).hasBias(false).build()
        : new EmbeddingLayer.Builder().nIn(vocabulary).nOut(dimension).hasBias(false).build();
    var b = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).graphBuilder()
        .addInputs("ids").addLayer("emb", embedding, "ids");
    String last = "emb";
    if (sequence) {
      b.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "emb");
      last = "pool";
    }
    b.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(dimension).nOut(2)
        .activation(Activation.SOFTMAX).build(), last);
    ComputationGraph g = new ComputationGraph(b.setOutputs("out").build());
    g.init();
    return g;
  }

  @Test
  void copiesKnownVectorsIntoRowsAndLeavesTheOthersAsInitialized() {
    for (boolean sequence : new boolean[] {true, false}) {
      ComputationGraph g = graph(sequence, TOKENS.size(), 3);
      float[][] before = g.getLayer("emb").getParam("W").toFloatMatrix();

      EmbeddingInit.Coverage coverage = EmbeddingInit.apply(g, "emb", VECTORS, TOKENS);

      float[][] after = g.getLayer("emb").getParam("W").toFloatMatrix();
      assertThat(after[2]).containsExactly(1, 2, 3);
      assertThat(after[3]).containsExactly(-1, -2, -3);          // "Bad" found as "bad"
      assertThat(after[4]).containsExactly(0.5f, 0.25f, 0.125f);   // CJK token
      assertThat(after[0]).containsExactly(before[0]);
      assertThat(after[1]).containsExactly(before[1]);
      assertThat(after[5]).containsExactly(before[5]);             // no vector for "zzz"
      assertThat(coverage).isEqualTo(new EmbeddingInit.Coverage(4, 3, 1));
      assertThat(coverage.fraction()).isEqualTo(0.75);
      assertThat(coverage.toString()).isEqualTo("3 of 4 tokens (75.0%) have a pretrained vector, 1 of them by case");
    }
  }

  @Test
  void shapeMismatchesNameBothNumbers() {
    assertThatThrownBy(() -> EmbeddingInit.apply(graph(true, TOKENS.size(), 4), "emb", VECTORS, TOKENS))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("the vectors have dimension 3 but the embedding layer 'emb' has dimension 4");
    assertThatThrownBy(() -> EmbeddingInit.apply(graph(true, 7, 3), "emb", VECTORS, TOKENS))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("6 tokens").hasMessageContaining("has 7 rows");
    assertThatThrownBy(() -> EmbeddingInit.apply(graph(true, 6, 3), "embedding", VECTORS, TOKENS))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'embedding layer' = embedding");
  }
}
