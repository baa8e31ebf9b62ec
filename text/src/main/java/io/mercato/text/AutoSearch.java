package io.mercato.text;

/**
 * How widely {@link ModelType#AUTO} searches. Every candidate is scored on held-out parts of the
 * training data only; the test data a user keeps aside is never seen.
 */
public enum AutoSearch {
  /**
   * The linear SVM at three costs and with naive Bayes feature scaling: trains in about the time
   * fastText takes and was at least as accurate as scikit-learn and fastText on our benchmark sets (default).
   */
  FAST,
  /**
   * FAST's candidates plus logistic regression at two strengths and the fastText-style model: picks the
   * model type too, at several times the training cost.
   */
  THOROUGH
}
