package io.mercato.text;

/**
 * The model behind a {@link TextClassifier}. {@link #AUTO} (the default) picks the type and its
 * main hyper-parameters by 3-fold cross-validation on the training data.
 */
public enum ModelType {
  /**
   * Chosen by validation on the training data alone (see {@link AutoSearch}): by default the linear SVM
   * on word n-grams, or on words and character n-grams for small corpora, at a cost from a log grid, or
   * one-vs-rest logistic regression; on large data a compact fastText-style model, or its average with the
   * SVM, when the held-out folds say it is significantly better.
   */
  AUTO(null),
  /** Linear softmax (multinomial logistic regression) with L2 on the sparse features. */
  LINEAR("linear"),
  /** Multi-layer perceptron on DL4J over the sparse features. */
  MLP("mlp"),
  /** fastText-style embedding bag over token and hashed bigram ids. */
  FASTTEXT("fasttext"),
  /** Convolutional network over word embeddings (Kim 2014) on DL4J. */
  CNN("cnn"),
  /** Bidirectional LSTM over word embeddings with masked pooling on DL4J. */
  RNN("rnn"),
  /** Self-attention blocks over word and position embeddings with masked pooling on DL4J. */
  ATTENTION("attention");

  private final String typeName;

  ModelType(String typeName) {
    this.typeName = typeName;
  }

  /** The model type name used in model files ({@code null} for {@link #AUTO}). */
  public String typeName() {
    return typeName;
  }
}
