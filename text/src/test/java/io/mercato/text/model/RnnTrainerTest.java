package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

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
          .learningRate(0.02).build().fit(train, null, OPTIONS.withMaxEpochs(8));
      assertThat(Dl4jTexts.accuracy(stacked.predict(test.inputs()), test.labels())).as(pooling.name())
          .isGreaterThanOrEqualTo(0.9);
    }
  }
}
