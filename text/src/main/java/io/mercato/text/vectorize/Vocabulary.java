package io.mercato.text.vectorize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fixed vocabulary: feature {@code i} is the {@code i}-th term (terms sorted, as scikit-learn does). */
final class Vocabulary implements FeatureIndex {

  private final String[] terms;
  private final Map<String, Integer> index;

  Vocabulary(List<String> sortedTerms) {
    this.terms = sortedTerms.toArray(new String[0]);
    this.index = new HashMap<>(terms.length * 2);
    for (int i = 0; i < terms.length; i++) {
      if (index.put(terms[i], i) != null) {
        throw new IllegalArgumentException("duplicate term in vocabulary: " + terms[i]);
      }
    }
  }

  @Override
  public int indexOf(String term) {
    Integer i = index.get(term);
    return i == null ? -1 : i;
  }

  @Override
  public int dimension() {
    return terms.length;
  }

  @Override
  public String name(int i) {
    return terms[i];
  }

  List<String> terms() {
    return List.of(terms);
  }
}
