package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.embed.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CnnEmbeddingsTest {

  private static final int DIMENSION = 8;
  private static final TrainingOptions OPTIONS = new TrainingOptions(7L, 6, 64, 3, TrainingListener.NONE);

  /** The keyword data with token strings: id i is "w" + i (ids 0 and 1 have none). */
  private static TrainingSet train;
  /** Vectors for every token but w3, all distinct. */
  private static WordVectors vectors;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    TrainingSet plain = Dl4jTexts.keywordClasses(240, 3, 1);
    List<String> tokens = new ArrayList<>();
    tokens.add(null);
    tokens.add(null);
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    Random random = new Random(11);
    for (int id = 2; id < Dl4jTexts.VOCABULARY; id++) {
      tokens.add("w" + id);
      if (id != 3) {
        words.add("w" + id);
        float[] v = new float[DIMENSION];
        for (int k = 0; k < DIMENSION; k++) {
          v[k] = (float) random.nextGaussian();
        }
        rows.add(v);
      }
    }
    train = new TrainingSet(plain.inputs(), plain.labels(), null, 3, null, plain.featureDimension(),
        plain.vocabularySize(), tokens);
    vectors = WordVectors.of(words, rows);
  }

  private static CnnTrainer trainer(boolean trainable) {
    return CnnTrainer.builder().filterWidths(2).filters(16).learningRate(0.05).embeddings(vectors, trainable).build();
  }

  /** The trained embedding matrix, read back from the saved network. */
  private float[][] embedding(CnnModel model, String name) throws IOException {
    Path file = dir.resolve(name);
    try (ModelFileWriter writer = ModelFileWriter.create(file, "test-model", 1, Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      model.writeTo(writer, "m/");
      writer.commit();
    }
    try (ModelFileReader reader = ModelFileReader.open(file, "test-model", 1)) {
      return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(reader.bytes("m/cnn-network.zip")), false)
          .getLayer(CnnTrainer.EMBEDDING).getParam("W").toFloatMatrix();
    }
  }

  @Test
  void frozenVectorsStayExactlyAsLoadedThroughTraining() throws IOException {
    CnnModel oneEpoch = trainer(false).fit(train, null, OPTIONS.withMaxEpochs(1));
    CnnModel twelveEpochs = trainer(false).fit(train, null, OPTIONS.withMaxEpochs(12));
    float[][] after1 = embedding(oneEpoch, "a.mercato");
    float[][] after12 = embedding(twelveEpochs, "b.mercato");

    assertThat(after12).isDeepEqualTo(after1);   // rows without a vector (0, 1, w3) are frozen too
    for (int id = 2; id < Dl4jTexts.VOCABULARY; id++) {
      if (id != 3) {
        assertThat(after12[id]).as("row " + id).containsExactly(vectors.vector("w" + id));
      }
    }
    assertThat(Dl4jTexts.accuracy(twelveEpochs.predict(train.inputs()), train.labels())).isGreaterThan(0.75);   // chance: 1/3
  }

  @Test
  void trainableVectorsAreFineTuned() throws IOException {
    CnnModel model = trainer(true).fit(train, null, OPTIONS);
    float[][] after = embedding(model, "c.mercato");
    int keyword = Dl4jTexts.FIRST_KEYWORD;
    assertThat(after[keyword]).hasSize(DIMENSION);
    double moved = 0;
    for (int k = 0; k < DIMENSION; k++) {
      moved += Math.abs(after[keyword][k] - vectors.vector("w" + keyword)[k]);
    }
    assertThat(moved).isGreaterThan(1e-3);
    assertThat(trainer(true).hyperParameters()).containsEntry("embeddingSize", "8")
        .containsEntry("embeddingsTrainable", "true").containsEntry("embeddings", "in-memory vectors (43 x 8)");
  }

  @Test
  void savedModelPredictsTheSameAfterLoading() {
    CnnModel model = trainer(false).fit(train, null, OPTIONS.withMaxEpochs(2));
    CnnModel loaded = Dl4jTexts.saveAndLoad(model, dir, CnnModel::readFrom);
    assertThat(loaded.predict(train.inputs())).isDeepEqualTo(model.predict(train.inputs()));
  }

  @Test
  void theEmbeddingSizeFollowsTheVectorsAndAConflictingSizeFailsAtBuild() {
    assertThat(CnnTrainer.builder().embeddingSize(8).embeddings(vectors, true).build().hyperParameters())
        .containsEntry("embeddingSize", "8");
    assertThatThrownBy(() -> CnnTrainer.builder().embeddingSize(16).embeddings(vectors, true).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'embeddingSize' = 16").hasMessageContaining("have dimension 8");
  }

  @Test
  void vectorsWithoutTheTrainingSetsTokensFailClearly() {
    TrainingSet noTokens = Dl4jTexts.keywordClasses(30, 3, 1);
    assertThatThrownBy(() -> trainer(true).fit(noTokens, null, OPTIONS.withMaxEpochs(1)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("need the training set's tokens");
  }
}
