package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPersistenceTest {

  @TempDir
  Path dir;

  private TextModel roundTrip(TextModel model) {
    Path file = dir.resolve(model.type() + ".bin");
    try (ModelFileWriter w = ModelFileWriter.create(file, "test-model", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      model.writeTo(w, "m/");
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, "test-model", 1)) {
      return TextModels.readFrom(r, "m/", model.type());
    }
  }

  @Test
  void linearAndFastTextModelsReadBackWithIdenticalProbabilities() {
    TrainingSet train = Synthetic.blocks(90, 3, 4, new Random(2));
    TrainingOptions options = new TrainingOptions(1, 5, 0, 1, e -> { });
    for (TextModelTrainer trainer : new TextModelTrainer[] {LinearModelTrainer.builder().build(),
        FastTextModelTrainer.builder().dimension(8).build()}) {
      TextModel model = trainer.fit(train, null, options);
      TextModel again = roundTrip(model);
      assertThat(again.type()).isEqualTo(trainer.type());
      assertThat(again.outputs()).isEqualTo(3);
      assertThat(again.predict(train.inputs())).isDeepEqualTo(model.predict(train.inputs()));
    }
  }

  @Test
  void inconsistentShapesAreAModelFileError() {
    Path file = dir.resolve("bad.bin");
    try (ModelFileWriter w = ModelFileWriter.create(file, "test-model", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      w.put("m/linear.bin", out -> {
        out.writeInt(3);
        out.writeInt(2);
        out.writeBoolean(false);
        io.mercato.core.io.BinaryArrays.writeFloats(out, new float[5]); // 3 x 2 needs 6
        io.mercato.core.io.BinaryArrays.writeFloats(out, new float[2]);
      });
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, "test-model", 1)) {
      assertThatThrownBy(() -> TextModels.readFrom(r, "m/", "linear"))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("inconsistent linear model shape");
      assertThatThrownBy(() -> TextModels.readFrom(r, "m/", "fasttext"))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("missing entry 'm/fasttext.bin'");
    }
  }
}
