package io.mercato.text.vectorize;

/** How a term's count in a document becomes its feature value (before optional l2 normalization). */
public enum Weighting {
  /** The raw count (or 1 + ln count with sublinear tf). */
  COUNT,
  /** 1 if the term occurs, else 0. */
  BINARY,
  /** Term frequency (raw or sublinear) times inverse document frequency. */
  TFIDF
}
