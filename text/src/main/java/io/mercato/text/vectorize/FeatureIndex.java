package io.mercato.text.vectorize;

/** Maps terms to feature indices: a fitted vocabulary or feature hashing. */
interface FeatureIndex {

  /** The index of {@code term}, or -1 if it has none. */
  int indexOf(String term);

  int dimension();

  String name(int index);
}
