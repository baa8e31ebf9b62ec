package io.mercato.text.model;

import io.mercato.core.linalg.SparseVector;
import io.mercato.text.pipeline.EncodedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated training sets with known answers for the model tests. */
final class Synthetic {

  private Synthetic() {
  }

  /**
   * Class {@code c} draws 1-3 of its own {@code perClass} features (ids {@code c*perClass ..}); token ids
   * are the feature ids + 2. Perfectly separable by features and by tokens.
   */
  static TrainingSet blocks(int n, int classes, int perClass, Random random) {
    List<EncodedText> inputs = new ArrayList<>();
    int[] y = new int[n];
    int dim = classes * perClass;
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      y[i] = c;
      java.util.TreeSet<Integer> features = new java.util.TreeSet<>();
      int k = 1 + random.nextInt(Math.min(3, perClass));
      while (features.size() < k) {
        features.add(c * perClass + random.nextInt(perClass));
      }
      int[] idx = features.stream().mapToInt(Integer::intValue).toArray();
      double[] val = new double[idx.length];
      int[] tokens = new int[idx.length];
      for (int j = 0; j < idx.length; j++) {
        val[j] = 1 / Math.sqrt(idx.length);
        tokens[j] = idx[j] + 2;
      }
      inputs.add(new EncodedText(SparseVector.of(dim, idx, val), tokens));
    }
    return new TrainingSet(inputs, y, null, classes, null, dim, dim + 2);
  }

  /**
   * Two classes over 4 features; the rare class (fraction {@code rareFraction}) has feature 0 with
   * probability 0.7, the common one with probability 0.2; features 1-3 are noise.
   */
  static TrainingSet overlapping(int n, double rareFraction, Random random) {
    List<EncodedText> inputs = new ArrayList<>();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < rareFraction ? 1 : 0;
      List<Integer> idx = new ArrayList<>();
      if (random.nextDouble() < (y[i] == 1 ? 0.7 : 0.2)) {
        idx.add(0);
      }
      for (int f = 1; f < 4; f++) {
        if (random.nextDouble() < 0.5) {
          idx.add(f);
        }
      }
      double[] val = new double[idx.size()];
      java.util.Arrays.fill(val, 1.0);
      inputs.add(new EncodedText(SparseVector.of(4, idx.stream().mapToInt(Integer::intValue).toArray(), val), new int[] {2}));
    }
    return new TrainingSet(inputs, y, null, 2, null, 4, 3);
  }

  static double accuracy(TextModel model, TrainingSet test) {
    double[][] p = model.predict(test.inputs());
    int correct = 0;
    for (int i = 0; i < p.length; i++) {
      if (argmax(p[i]) == test.labels()[i]) {
        correct++;
      }
    }
    return correct / (double) p.length;
  }

  static double recall(TextModel model, TrainingSet test, int c) {
    double[][] p = model.predict(test.inputs());
    int hit = 0;
    int total = 0;
    for (int i = 0; i < p.length; i++) {
      if (test.labels()[i] == c) {
        total++;
        hit += argmax(p[i]) == c ? 1 : 0;
      }
    }
    return hit / (double) total;
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
