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

/** Pretrained vectors start the word embedding of the RNN and attention models as they do the CNN's. */
class SequenceEmbeddingsTest {

  private static final int DIMENSION = 8;
  private static final TrainingOptions OPTIONS = new TrainingOptions(7L, 2, 64, 3, TrainingListener.NONE);

  private static TrainingSet train;
  /** Vectors for every token id >= 2 but w3. */
  private static WordVectors vectors;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    TrainingSet plain = Dl4jTexts.keywordClasses(120, 3, 1);
    List<String> tokens = new ArrayList<>(java.util.Arrays.asList(null, null));
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    Random random = new Random(5);
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

  /** The word embedding matrix of a trained sequence model, read back from its saved network. */
  private float[][] embedding(TokenSequenceModel model, String name) throws IOException {
    Path file = dir.resolve(name);
    try (ModelFileWriter writer = ModelFileWriter.create(file, "test-model", 1,
        Provenance.now("", 0, 0, Map.of(), Map.of()))) {
      model.writeTo(writer, "m/");
      writer.commit();
    }
    try (ModelFileReader reader = ModelFileReader.open(file, "test-model", 1)) {
      return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(
              reader.bytes("m/" + model.type() + "-network.zip")), false)
          .getLayer(TokenSequenceTrainer.EMBEDDING_LAYER).getParam("W").toFloatMatrix();
    }
  }

  private void assertFrozenRowsAreTheVectors(float[][] after) {
    assertThat(after).hasNumberOfRows(Dl4jTexts.VOCABULARY);
    for (int id = 2; id < Dl4jTexts.VOCABULARY; id++) {
      if (id != 3) {
        assertThat(after[id]).as("row " + id).containsExactly(vectors.vector("w" + id));
      }
    }
  }

  @Test
  void frozenVectorsStayAsLoadedInTheRnn() throws IOException {
    RnnTrainer trainer = RnnTrainer.builder().hiddenSize(8).embeddings(vectors, false).build();
    assertFrozenRowsAreTheVectors(embedding(trainer.fit(train, null, OPTIONS), "rnn.mercato"));
    assertThat(trainer.hyperParameters()).containsEntry("embeddingSize", "8")
        .containsEntry("embeddingsTrainable", "false");
  }

  @Test
  void frozenVectorsStayAsLoadedInTheAttentionModel() throws IOException {
    AttentionTrainer trainer = AttentionTrainer.builder().embeddings(vectors, false).build();
    assertFrozenRowsAreTheVectors(embedding(trainer.fit(train, null, OPTIONS), "attention.mercato"));
  }

  @Test
  void trainableVectorsMoveInTheRnn() throws IOException {
    float[][] after = embedding(RnnTrainer.builder().hiddenSize(8).learningRate(0.05).embeddings(vectors, true)
        .build().fit(train, null, OPTIONS), "rnn-tuned.mercato");
    int keyword = Dl4jTexts.FIRST_KEYWORD;
    double moved = 0;
    for (int k = 0; k < DIMENSION; k++) {
      moved += Math.abs(after[keyword][k] - vectors.vector("w" + keyword)[k]);
    }
    assertThat(moved).isGreaterThan(1e-4);
  }

  @Test
  void aConflictingEmbeddingSizeFailsAtBuild() {
    assertThatThrownBy(() -> RnnTrainer.builder().embeddingSize(16).embeddings(vectors, true).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'embeddingSize' = 16").hasMessageContaining("have dimension 8");
  }
}
