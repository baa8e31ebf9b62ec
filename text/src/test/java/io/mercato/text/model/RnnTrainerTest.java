package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RnnTrainerTest extends TokenSequenceTrainerContract<RnnModel> {

  @Override
  RnnTrainer trainer() {
    return RnnTrainer.builder().embeddingSize(16).hiddenSize(16).learningRate(0.02).build();
  }

  @Override
  RnnTrainer trainerWithMaxLength(int maxLength) {
    return RnnTrainer.builder().embeddingSize(8).hiddenSize(8).maxLength(maxLength).build();
  }

  @Override
  BiFunction<ModelFileReader, String, RnnModel> reader() {
    return RnnModel::readFrom;
  }

  @Override
  String type() {
    return RnnModel.TYPE;
  }

  @Test
  void builderNamesTheBadSettingValueAndRange() {
    assertThatThrownBy(() -> RnnTrainer.builder().hiddenSize(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'hiddenSize' = 0").hasMessageContaining("[1, 1024]");
    assertThatThrownBy(() -> RnnTrainer.builder().layers(5).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'layers' = 5").hasMessageContaining("[1, 4]");
    assertThatThrownBy(() -> RnnTrainer.builder().embeddingSize(2000).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'embeddingSize' = 2000").hasMessageContaining("[1, 1024]");
    assertThatThrownBy(() -> RnnTrainer.builder().maxLength(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxLength' = 0");
    assertThatThrownBy(() -> RnnTrainer.builder().pooling(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'pooling'");
    assertThatThrownBy(() -> RnnTrainer.builder().dropout(1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'dropout' = 1.0");
    assertThatThrownBy(() -> RnnTrainer.builder().learningRate(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'learningRate' = 0.0");
    assertThat(RnnTrainer.builder().build().hyperParameters())
        .containsEntry("hiddenSize", "32").containsEntry("layers", "1").containsEntry("pooling", "MAX_AND_MEAN");
  }

  @Test
  void stackedLayersAndEachPoolingTrain() {
    for (SequencePooling pooling : SequencePooling.values()) {
      RnnModel stacked = RnnTrainer.builder().embeddingSize(8).hiddenSize(8).layers(2).pooling(pooling)
          .learningRate(0.02).build().fit(train, null, OPTIONS.withMaxEpochs(15));
      assertThat(Dl4jTexts.accuracy(stacked.predict(test.inputs()), test.labels())).as(pooling.name())
          .isGreaterThanOrEqualTo(0.9);
    }
  }

  /**
   * The trained network (embedding 16, 16 units per direction), read back from the saved file: its
   * one LSTM layer has 32 units, each gate's first 16 the forward direction, reading the first 16
   * input features (the forward embedding); every weight between the directions must be zero.
   */
  @Test
  void theTwoDirectionsShareNoWeightAfterTrainingAndSaving(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rnn.mercato");
    try (ModelFileWriter writer = ModelFileWriter.create(file, "test-model", 1,
        Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      model.writeTo(writer, "m/");
      writer.commit();
    }
    ComputationGraph graph;
    try (ModelFileReader reader = ModelFileReader.open(file, "test-model", 1)) {
      graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(reader.bytes("m/rnn-network.zip")),
          false);
    }
    for (String param : new String[] {"W", "RW"}) {
      float[][] w = graph.getLayer("bilstm1").getParam(param).toFloatMatrix();
      assertThat(w).as(param).hasNumberOfRows(32);
      assertThat(w[0]).as(param).hasSize(4 * 32);
      int within = 0;
      for (int r = 0; r < 32; r++) {
        for (int c = 0; c < 4 * 32; c++) {
          boolean sameDirection = (r < 16) == (c % 32 < 16);
          if (!sameDirection) {
            assertThat(w[r][c]).as(param + "[" + r + "][" + c + "]").isZero();
          } else if (w[r][c] != 0) {
            within++;
          }
        }
      }
      assertThat(within).as(param + " weights within a direction that are not zero").isGreaterThan(32 * 64 / 2);
    }
  }
}
