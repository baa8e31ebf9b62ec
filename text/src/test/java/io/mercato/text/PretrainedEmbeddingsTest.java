package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.text.embed.WordVectors;
import io.mercato.text.model.CnnTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task only pretrained vectors can solve: each class is told by one of its "concept" words, every
 * concept has four synonyms that share (almost) one vector, the training texts use synonyms 0 and 1,
 * the test texts only synonyms 2 and 3, which the training texts never hold. Without vectors a test
 * text is fillers and unknown tokens (chance); with the vectors' words in the vocabulary the unseen
 * synonyms read as the vectors of the seen ones.
 */
class PretrainedEmbeddingsTest {

  private static final int DIMENSION = 16;
  private static final int CONCEPTS_PER_CLASS = 5;
  private static final int SYNONYMS = 4;
  private static final int FILLERS = 30;

  private static WordVectors vectors;
  private static List<LabeledText> train;
  private static List<LabeledText> test;

  @TempDir
  Path dir;

  /** An alphabetic word for {@code i} (the tokenizer keeps it whole, the normalizer leaves it). */
  private static String word(String prefix, int i) {
    StringBuilder sb = new StringBuilder(prefix);
    do {
      sb.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return sb.toString();
  }

  private static String synonym(int label, int concept, int s) {
    return word("con", (label * CONCEPTS_PER_CLASS + concept) * SYNONYMS + s);
  }

  @BeforeAll
  static void data() {
    Random random = new Random(21);
    List<String> words = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int label = 0; label < 2; label++) {
      for (int c = 0; c < CONCEPTS_PER_CLASS; c++) {
        float[] concept = gaussian(random, 1);
        for (int s = 0; s < SYNONYMS; s++) {
          float[] v = concept.clone();
          float[] noise = gaussian(random, 0.05);
          for (int k = 0; k < DIMENSION; k++) {
            v[k] += noise[k];
          }
          words.add(synonym(label, c, s));
          rows.add(v);
        }
      }
    }
    for (int f = 0; f < FILLERS; f++) {
      words.add(word("fil", f));
      rows.add(gaussian(random, 1));
    }
    vectors = WordVectors.of(words, rows);
    train = texts(300, new int[] {0, 1}, random);
    test = texts(150, new int[] {2, 3}, random);
  }

  private static float[] gaussian(Random random, double scale) {
    float[] v = new float[DIMENSION];
    for (int k = 0; k < DIMENSION; k++) {
      v[k] = (float) (scale * random.nextGaussian());
    }
    return v;
  }

  private static List<LabeledText> texts(int n, int[] synonyms, Random random) {
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      List<String> tokens = new ArrayList<>();
      int fillers = 4 + random.nextInt(5);
      for (int f = 0; f < fillers; f++) {
        tokens.add(word("fil", random.nextInt(FILLERS)));
      }
      String key = synonym(label, random.nextInt(CONCEPTS_PER_CLASS), synonyms[random.nextInt(synonyms.length)]);
      tokens.add(random.nextInt(tokens.size() + 1), key);
      out.add(LabeledText.of(String.join(" ", tokens), label == 0 ? "neg" : "pos"));
    }
    return out;
  }

  private static TextClassifierTrainer.Builder cnn() {
    return TextClassifier.builder().modelType(ModelType.CNN).seed(3).maxEpochs(10).batchSize(75).validationFraction(0);
  }

  @Test
  void vectorsCarryTrainingToSynonymsTheTrainingTextsNeverHeld() {
    TextClassifier without = cnn().build().fit(train);
    TextClassifier with = cnn().embeddings(vectors).freezeEmbeddings(true).embeddingWordsInVocabulary(true)
        .build().fit(train);

    double accuracyWithout = without.evaluate(test).accuracy();
    double accuracyWith = with.evaluate(test).accuracy();
    assertThat(accuracyWithout).isLessThan(0.65);      // the test synonyms are unknown tokens: about chance
    assertThat(accuracyWith).isGreaterThan(0.9);
    assertThat(with.pipeline().tokenId(synonym(0, 0, 3))).isGreaterThan(1);   // in the vocabulary
    assertThat(without.pipeline().tokenId(synonym(0, 0, 3))).isEqualTo(1);    // unknown
    assertThat(with.provenance().hyperParameters()).containsEntry("embeddingsTrainable", "false");
    // every token is a vector word: the fillers and all synonyms (the unseen ones were added)
    assertThat(with.provenance().metrics()).containsEntry("embeddings coverage", 1.0)
        .containsEntry("embeddings tokens found", (double) vectors.size());

    // the embedding is in the network's parameters: a reloaded model predicts the same without the vectors
    Path file = dir.resolve("cnn.mercato");
    with.save(file);
    TextClassifier again = TextClassifier.load(file);
    List<String> texts = test.stream().map(LabeledText::text).toList();
    assertThat(again.predictAll(texts)).isEqualTo(with.predictAll(texts));
  }

  @Test
  void modelTypesWithoutAnEmbeddingLayerRejectVectorsAtBuild() {
    for (ModelType type : new ModelType[] {ModelType.LINEAR, ModelType.MLP, ModelType.FASTTEXT}) {
      assertThatThrownBy(() -> TextClassifier.builder().modelType(type).embeddings(vectors).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("model type " + type.name().toLowerCase(java.util.Locale.ROOT)
              + " has no embedding layer");
    }
    assertThatThrownBy(() -> TextClassifier.builder().embeddings(vectors).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("model type auto");
    assertThatThrownBy(() -> TextClassifier.builder().model(CnnTrainer.builder().build()).embeddings(vectors).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("custom model trainer");
  }
}
