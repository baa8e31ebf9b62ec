package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class AttentionTrainerTest extends TokenSequenceTrainerContract<AttentionModel> {

  @Override
  AttentionTrainer trainer() {
    return AttentionTrainer.builder().embeddingSize(16).heads(2).feedForwardSize(16).learningRate(0.01).build();
  }

  @Override
  AttentionTrainer trainerWithMaxLength(int maxLength) {
    return AttentionTrainer.builder().embeddingSize(8).heads(2).feedForwardSize(0).maxLength(maxLength).build();
  }

  @Override
  BiFunction<ModelFileReader, String, AttentionModel> reader() {
    return AttentionModel::readFrom;
  }

  @Override
  String type() {
    return AttentionModel.TYPE;
  }

  @Test
  void builderNamesTheBadSettingValueAndRange() {
    assertThatThrownBy(() -> AttentionTrainer.builder().embeddingSize(30).heads(4).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'heads' = 4").hasMessageContaining("divide embeddingSize 30");
    assertThatThrownBy(() -> AttentionTrainer.builder().heads(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'heads' = 0").hasMessageContaining("[1, 64]");
    assertThatThrownBy(() -> AttentionTrainer.builder().blocks(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'blocks' = 0").hasMessageContaining("[1, 4]");
    assertThatThrownBy(() -> AttentionTrainer.builder().feedForwardSize(-1).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'feedForwardSize' = -1").hasMessageContaining("[0, 4096]");
    assertThatThrownBy(() -> AttentionTrainer.builder().maxLength(20_000).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxLength' = 20000");
    assertThatThrownBy(() -> AttentionTrainer.builder().l2(-1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'l2' = -1.0");
    assertThat(AttentionTrainer.builder().build().hyperParameters())
        .containsEntry("heads", "4").containsEntry("blocks", "1").containsEntry("embeddingSize", "64");
  }

  @Test
  void twoBlocksWithoutFeedForwardTrain() {
    AttentionModel deeper = AttentionTrainer.builder().embeddingSize(16).heads(2).blocks(2).feedForwardSize(0)
        .learningRate(0.01).build().fit(train, null, OPTIONS.withMaxEpochs(12));
    assertThat(Dl4jTexts.accuracy(deeper.predict(test.inputs()), test.labels())).isGreaterThanOrEqualTo(0.9);
  }
}
