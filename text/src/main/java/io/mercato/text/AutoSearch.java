package io.mercato.text;

/**
 * How widely {@link ModelType#AUTO} searches. Every candidate is scored on held-out parts of the
 * training data only; the test data a user keeps aside is never seen.
 */
public enum AutoSearch {
  /**
   * The linear SVM at costs 0.3, 1 and 3, and on small corpora also with character n-grams; from 10,000
   * texts also a compact fastText-style model and its average with the SVM, kept only when significantly
   * better on the holdout. Trains in about the time fastText takes (default).
   */
  FAST,
  /**
   * FAST's candidates plus NBSVM, logistic regression at two strengths, the fastText-style model and its
   * average with the SVM, on data of any size: picks the model type too, at several times the training
   * cost. As in FAST, an early-stopped candidate (fastText-style, or an average with one) must be
   * significantly better than the best of the others on the held-out decisions (McNemar, one-sided 5 %,
   * each tested on its own, without a correction for testing several).
   */
  THOROUGH
}
