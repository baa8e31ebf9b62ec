package io.mercato.text.vectorize;

import java.util.List;

/** A fixed vocabulary: feature {@code i} is the {@code i}-th term. */
final class Vocabulary implements FeatureIndex {

  private final TermIndex index;

  Vocabulary(List<String> terms) {
    this.index = new TermIndex(terms);
  }

  @Override
  public int indexOf(String term) {
    return index.indexOf(term);
  }

  @Override
  public int dimension() {
    return index.size();
  }

  @Override
  public String name(int i) {
    return index.term(i);
  }

  List<String> terms() {
    return index.terms();
  }
}
