package io.mercato.text.model;

import io.mercato.core.ConfigurationException;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;

/**
 * Encoded examples with their targets, as every {@link TextModelTrainer} receives them.
 *
 * <p>Exactly one of {@code labels} (single-label: the class index of each example, in
 * {@code [0, outputs)}) and {@code labelSets} (multi-label: {@code labelSets[i][c]} is true when
 * example {@code i} carries label {@code c}) is non-null. {@code exampleWeights} (nullable: all 1)
 * multiplies each example's loss; the trainer uses it for balanced class weights. Arrays are
 * shared, not copied: callers must not modify them after construction.
 *
 * @param inputs           the encoded texts (sparse features and token ids)
 * @param labels           single-label targets, or null when multi-label
 * @param labelSets        multi-label targets, or null when single-label
 * @param outputs          number of classes (single-label) or labels (multi-label)
 * @param exampleWeights   per-example loss weights, or null for all 1
 * @param featureDimension dimension of every {@code inputs.get(i).features()}
 * @param vocabularySize   number of token ids (ids are in {@code [0, vocabularySize)}; 0 pad, 1 unknown)
 * @param tokens           the token of each id (null for padding and unknown), for models that start from
 *                         pretrained word vectors; null when not known
 */
public record TrainingSet(List<EncodedText> inputs, int[] labels, boolean[][] labelSets, int outputs,
                          double[] exampleWeights, int featureDimension, int vocabularySize, List<String> tokens) {

  /** Probabilities are clipped at this value before taking logarithms. */
  private static final double MIN_PROBABILITY = 1e-15;

  /** A training set whose token strings are not known. */
  public TrainingSet(List<EncodedText> inputs, int[] labels, boolean[][] labelSets, int outputs,
      double[] exampleWeights, int featureDimension, int vocabularySize) {
    this(inputs, labels, labelSets, outputs, exampleWeights, featureDimension, vocabularySize, null);
  }

  /** Validates shapes and ranges. */
  public TrainingSet {
    inputs = List.copyOf(inputs);
    if (tokens != null && tokens.size() != vocabularySize) {
      throw ConfigurationException.invalid("tokens.size()", tokens.size(), "must equal vocabularySize " + vocabularySize);
    }
    tokens = tokens == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tokens));
    if ((labels == null) == (labelSets == null)) {
      throw new ConfigurationException("a training set needs exactly one of labels (single-label) or labelSets (multi-label)");
    }
    if (outputs < 2 && labels != null) {
      throw ConfigurationException.invalid("outputs", outputs, "a single-label problem needs at least 2 classes");
    }
    if (outputs < 1) {
      throw ConfigurationException.invalid("outputs", outputs, "must be at least 1");
    }
    int n = inputs.size();
    if (labels != null) {
      if (labels.length != n) {
        throw ConfigurationException.invalid("labels.length", labels.length, "must equal the number of inputs " + n);
      }
      for (int y : labels) {
        if (y < 0 || y >= outputs) {
          throw ConfigurationException.invalid("label", y, "must be in [0, " + outputs + ")");
        }
      }
    } else {
      if (labelSets.length != n) {
        throw ConfigurationException.invalid("labelSets.length", labelSets.length, "must equal the number of inputs " + n);
      }
      for (boolean[] set : labelSets) {
        if (set.length != outputs) {
          throw ConfigurationException.invalid("labelSets[i].length", set.length, "must equal outputs " + outputs);
        }
      }
    }
    if (exampleWeights != null && exampleWeights.length != n) {
      throw ConfigurationException.invalid("exampleWeights.length", exampleWeights.length, "must equal the number of inputs " + n);
    }
  }

  /** Number of examples. */
  public int size() {
    return inputs.size();
  }

  /** True when targets are label sets (independent sigmoid outputs). */
  public boolean multiLabel() {
    return labelSets != null;
  }

  /** Loss weight of example {@code i} (1 when no weights were given). */
  public double weight(int i) {
    return exampleWeights == null ? 1.0 : exampleWeights[i];
  }

  /**
   * The examples at {@code rows}, in that order (for holdout splits and cross-validation).
   *
   * @param rows example indices, each in {@code [0, size())}
   * @return a training set over those examples with the same outputs and dimensions
   */
  public TrainingSet subset(int[] rows) {
    EncodedText[] in = new EncodedText[rows.length];
    int[] y = labels == null ? null : new int[rows.length];
    boolean[][] sets = labelSets == null ? null : new boolean[rows.length][];
    double[] w = exampleWeights == null ? null : new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      in[i] = inputs.get(r);
      if (y != null) {
        y[i] = labels[r];
      }
      if (sets != null) {
        sets[i] = labelSets[r];
      }
      if (w != null) {
        w[i] = exampleWeights[r];
      }
    }
    return new TrainingSet(List.of(in), y, sets, outputs, w, featureDimension, vocabularySize, tokens);
  }

  /**
   * Weighted mean cross-entropy of predicted probabilities against this set's targets: categorical
   * for single-label, summed binary cross-entropy over labels for multi-label. Trainers use it as
   * the validation loss for early stopping.
   *
   * @param probabilities one row per example, as returned by {@link TextModel#predict}
   * @return the weighted mean loss (lower is better)
   */
  public double meanLoss(double[][] probabilities) {
    double total = 0;
    double weights = 0;
    for (int i = 0; i < size(); i++) {
      double w = weight(i);
      double loss = 0;
      if (labels != null) {
        loss = -Math.log(Math.max(probabilities[i][labels[i]], MIN_PROBABILITY));
      } else {
        for (int c = 0; c < outputs; c++) {
          double p = probabilities[i][c];
          loss -= Math.log(Math.max(labelSets[i][c] ? p : 1 - p, MIN_PROBABILITY));
        }
      }
      total += w * loss;
      weights += w;
    }
    return weights == 0 ? 0 : total / weights;
  }
}
