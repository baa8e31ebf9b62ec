package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleModelTest {

  @TempDir
  Path dir;

  @Test
  void averagesMemberProbabilitiesAndReadsBack() {
    TrainingSet train = Synthetic.blocks(60, 3, 4, new Random(1));
    TrainingOptions options = new TrainingOptions(2, 3, 0, 1, e -> { });
    TextModel linear = LinearModelTrainer.builder().build().fit(train, null, options);
    TextModel fast = FastTextModelTrainer.builder().dimension(8).build().fit(train, null, options);
    EnsembleModel ensemble = new EnsembleModel(List.of(linear, fast));
    // the linear member reads features, the fastText-style one token ids: the average needs both
    assertThat(linear.reads()).isEqualTo(io.mercato.text.pipeline.EncodedText.Views.FEATURES);
    assertThat(fast.reads()).isEqualTo(io.mercato.text.pipeline.EncodedText.Views.TOKEN_IDS);
    assertThat(ensemble.reads()).isEqualTo(io.mercato.text.pipeline.EncodedText.Views.BOTH);
    double[][] a = linear.predict(train.inputs());
    double[][] b = fast.predict(train.inputs());
    double[][] e = ensemble.predict(train.inputs());
    for (int i = 0; i < e.length; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(e[i][c]).isCloseTo((a[i][c] + b[i][c]) / 2, within(1e-15));
      }
    }
    Path file = dir.resolve("ensemble.bin");
    try (ModelFileWriter w = ModelFileWriter.create(file, "test-model", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      ensemble.writeTo(w, "m/");
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, "test-model", 1)) {
      TextModel again = TextModels.readFrom(r, "m/", EnsembleModel.TYPE);
      assertThat(again.predict(train.inputs())).isDeepEqualTo(e);
    }
  }

  @Test
  void needsAgreeingMembers() {
    TrainingSet three = Synthetic.blocks(30, 3, 2, new Random(1));
    TrainingSet two = Synthetic.blocks(30, 2, 2, new Random(1));
    TrainingOptions options = new TrainingOptions(2, 1, 0, 1, e -> { });
    TextModel a = LinearModelTrainer.builder().build().fit(three, null, options);
    TextModel b = LinearModelTrainer.builder().build().fit(two, null, options);
    assertThatThrownBy(() -> new EnsembleModel(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear (3 outputs)").hasMessageContaining("linear (2 outputs)");
    assertThatThrownBy(() -> new EnsembleModel(List.of(a))).isInstanceOf(IllegalArgumentException.class);
  }

  /** A file whose members disagree fails naming the file and entry, not with a bare argument error. */
  @Test
  void aFileWithDisagreeingMembersFailsClearly() {
    TrainingOptions options = new TrainingOptions(2, 1, 0, 1, e -> { });
    TextModel a = LinearModelTrainer.builder().build().fit(Synthetic.blocks(30, 3, 2, new Random(1)), null, options);
    TextModel b = LinearModelTrainer.builder().build().fit(Synthetic.blocks(30, 2, 2, new Random(1)), null, options);
    Path file = dir.resolve("mismatch.bin");
    try (ModelFileWriter w = ModelFileWriter.create(file, "test-model", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      w.put("m/ensemble.bin", out -> io.mercato.core.io.BinaryArrays.writeStrings(out, List.of("linear", "linear")));
      a.writeTo(w, "m/member0/");
      b.writeTo(w, "m/member1/");
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, "test-model", 1)) {
      assertThatThrownBy(() -> TextModels.readFrom(r, "m/", EnsembleModel.TYPE))
          .isInstanceOf(io.mercato.core.ModelFileException.class).hasMessageContaining("mismatch.bin")
          .hasMessageContaining("m/ensemble.bin").hasMessageContaining("linear (2 outputs)");
    }
  }
}
