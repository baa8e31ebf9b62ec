package io.mercato.text.vectorize;

import io.mercato.core.linalg.SparseVector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * A fitted vectorizer: turns the bag-of-words terms of one document into a sparse feature vector.
 * Obtained from {@link VectorizerConfig#fit}. Immutable and thread-safe.
 */
public interface Vectorizer {

  /** The feature vector of one document's terms (unknown terms are ignored in vocabulary mode). */
  SparseVector transform(List<String> terms);

  /** Number of features (vocabulary size, or the number of hashing buckets). */
  int dimension();

  /** The term of a feature, or {@code "#<bucket>"} in hashing mode. */
  String featureName(int index);

  /** The feature index of {@code term}: its vocabulary index or -1, or its hashing bucket. */
  int featureIndex(String term);

  /** The inverse document frequency of a feature (1 unless the weighting is TF-IDF). */
  double idf(int index);

  /** The configuration this vectorizer was fitted with. */
  VectorizerConfig config();

  /** Writes the fitted state (vocabulary and idf; not the configuration) for {@link #read}. */
  void write(DataOutput out) throws IOException;

  /**
   * Reads a vectorizer written by {@link #write} with configuration {@code config}.
   *
   * @throws IOException if the data is malformed
   */
  static Vectorizer read(DataInput in, VectorizerConfig config) throws IOException {
    return FittedVectorizer.read(in, config);
  }
}
