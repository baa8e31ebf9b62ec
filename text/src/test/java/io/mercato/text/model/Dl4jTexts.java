package io.mercato.text.model;

import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import io.mercato.core.linalg.SparseVector;
import io.mercato.text.pipeline.EncodedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Synthetic texts for the DL4J model tests, with known answers: token ids 2..41 are filler words
 * drawn at random, ids 42.. are keywords; a text's class (or label set) is decided only by which
 * keywords it contains. Features are l2-normalized term counts over the token ids.
 */
final class Dl4jTexts {

  static final int FILLERS = 40;
  static final int FIRST_KEYWORD = 2 + FILLERS;
  static final int KEYWORDS = 4;
  static final int VOCABULARY = FIRST_KEYWORD + KEYWORDS;


  private Dl4jTexts() {
  }

  /** A text with these token ids; its features are the l2-normalized counts of the ids. */
  static EncodedText text(int... tokenIds) {
    Map<Integer, Double> counts = new TreeMap<>();
    for (int id : tokenIds) {
      counts.merge(id, 1.0, Double::sum);
    }
    return new EncodedText(SparseVector.fromMap(VOCABULARY, counts).l2Normalized(), tokenIds);
  }

  /** 4 to 12 random filler ids with {@code keywords} inserted at random positions. */
  static int[] tokens(Random random, List<Integer> keywords) {
    List<Integer> ids = new ArrayList<>();
    int fillers = 4 + random.nextInt(9);
    for (int i = 0; i < fillers; i++) {
      ids.add(2 + random.nextInt(FILLERS));
    }
    for (int k : keywords) {
      ids.add(random.nextInt(ids.size() + 1), k);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Example {@code i} has class {@code i % classes}, marked by keyword {@code FIRST_KEYWORD + class}. */
  static TrainingSet keywordClasses(int n, int classes, long seed) {
    Random random = new Random(seed);
    List<EncodedText> inputs = new ArrayList<>();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
      inputs.add(text(tokens(random, List.of(FIRST_KEYWORD + labels[i]))));
    }
    return new TrainingSet(inputs, labels, null, classes, null, VOCABULARY, VOCABULARY);
  }

  /** Each of {@code labels} keywords is present with probability 1/2; the label set is the keywords present. */
  static TrainingSet keywordLabelSets(int n, int labels, long seed) {
    Random random = new Random(seed);
    List<EncodedText> inputs = new ArrayList<>();
    boolean[][] sets = new boolean[n][labels];
    for (int i = 0; i < n; i++) {
      List<Integer> keywords = new ArrayList<>();
      for (int c = 0; c < labels; c++) {
        sets[i][c] = random.nextBoolean();
        if (sets[i][c]) {
          keywords.add(FIRST_KEYWORD + c);
        }
      }
      inputs.add(text(tokens(random, keywords)));
    }
    return new TrainingSet(inputs, null, sets, labels, null, VOCABULARY, VOCABULARY);
  }

  /**
   * Every text holds the two keywords A and B next to each other: class 0 when A comes first, class
   * 1 when B does. The bags of words of both classes have the same distribution; only order tells.
   */
  static TrainingSet keywordOrder(int n, long seed) {
    return keywordOrder(n, seed, true);
  }

  /**
   * Every text holds the two keywords A and B, next to each other when {@code adjacent}, else at
   * random positions among the fillers: class 0 when A comes first, class 1 when B does. The bags
   * of words of both classes have the same distribution; only order tells.
   */
  static TrainingSet keywordOrder(int n, long seed, boolean adjacent) {
    Random random = new Random(seed);
    List<EncodedText> inputs = new ArrayList<>();
    int[] labels = new int[n];
    int a = FIRST_KEYWORD;
    int b = FIRST_KEYWORD + 1;
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      int first = labels[i] == 0 ? a : b;
      int second = labels[i] == 0 ? b : a;
      List<Integer> ids = new ArrayList<>();
      if (adjacent) {
        for (int id : tokens(random, List.of(-1))) {
          if (id == -1) {
            ids.add(first);
            ids.add(second);
          } else {
            ids.add(id);
          }
        }
      } else {
        for (int id : tokens(random, List.of())) {
          ids.add(id);
        }
        int p = random.nextInt(ids.size() + 1);
        ids.add(p, first);
        ids.add(p + 1 + random.nextInt(ids.size() - p), second);
      }
      inputs.add(text(ids.stream().mapToInt(Integer::intValue).toArray()));
    }
    return new TrainingSet(inputs, labels, null, 2, null, VOCABULARY, VOCABULARY);
  }

  /** The keyword-class data both DL4J model tests train, validate and test on. */
  record KeywordSplits(TrainingSet train, TrainingSet validation, TrainingSet test) {
  }

  /** 240 training, 60 validation and 150 test texts of 3 keyword classes, each drawn with its own seed. */
  static KeywordSplits keywordSplits() {
    return new KeywordSplits(keywordClasses(240, 3, 1), keywordClasses(60, 3, 2), keywordClasses(150, 3, 3));
  }

  /** Fraction of rows whose highest probability is at the true class. */
  static double accuracy(double[][] probabilities, int[] labels) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < probabilities[i].length; c++) {
        if (probabilities[i][c] > probabilities[i][best]) {
          best = c;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }

  /** Fraction of (example, label) pairs where "probability &gt; 0.5" matches membership. */
  static double labelAccuracy(double[][] probabilities, boolean[][] sets) {
    int correct = 0;
    int total = 0;
    for (int i = 0; i < sets.length; i++) {
      for (int c = 0; c < sets[i].length; c++) {
        correct += (probabilities[i][c] > 0.5) == sets[i][c] ? 1 : 0;
        total++;
      }
    }
    return (double) correct / total;
  }

  /** Writes {@code model} into a model file under {@code dir} and reads it back with {@code reader}. */
  static <M extends TextModel> M saveAndLoad(TextModel model, Path dir, BiFunction<ModelFileReader, String, M> reader) {
    Path file = dir.resolve("model.mercato");
    Provenance provenance = Provenance.now("", 0, 0, Map.of(), Map.of());
    try (ModelFileWriter writer = ModelFileWriter.create(file, "test-model", 1, provenance)) {
      model.writeTo(writer, "model/");
      writer.commit();
    }
    try (ModelFileReader reader2 = ModelFileReader.open(file, "test-model", 1)) {
      return reader.apply(reader2, "model/");
    }
  }

  /**
   * Predicts from 8 threads at once, many times, single texts and the whole batch in random order,
   * and counts results that differ in any bit from the single-threaded ones.
   */
  static int concurrentMismatches(TextModel model, List<EncodedText> texts) throws Exception {
    double[][] batchReference = model.predict(texts);
    double[][] singleReference = new double[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      singleReference[i] = model.predict(List.of(texts.get(i)))[0];
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        results.add(pool.submit(() -> {
          Random random = new Random(seed);
          int mismatches = 0;
          for (int call = 0; call < 60; call++) {
            if (call % 10 == 0) {
              double[][] batch = model.predict(texts);
              for (int i = 0; i < texts.size(); i++) {
                mismatches += java.util.Arrays.equals(batch[i], batchReference[i]) ? 0 : 1;
              }
            } else {
              int i = random.nextInt(texts.size());
              mismatches += java.util.Arrays.equals(model.predict(List.of(texts.get(i)))[0], singleReference[i]) ? 0 : 1;
            }
          }
          return mismatches;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}
