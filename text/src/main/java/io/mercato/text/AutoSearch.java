package io.mercato.text;

/**
 * How widely {@link ModelType#AUTO} searches. Every candidate is scored by seeded, stratified 3-fold
 * cross-validation on the training data only (on a stratified sample of 50,000 texts of larger sets);
 * the test data a user keeps aside is never seen.
 */
public enum AutoSearch {
  /**
   * The linear SVM at cost 1, on small corpora also with character n-grams; within a work budget (one
   * fit's nonzero features times one-vs-rest problems) also the SVM at costs 0.3 and 3 and one-vs-rest
   * logistic regression (the same dual solver) at costs 10 and 100; from 10,000 texts also a compact
   * fastText-style model and its average with the SVM, kept only when significantly better on the held-out
   * folds. Trains in about the time fastText takes (default).
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
