package io.mercato.text.vectorize;

import java.util.List;

/**
 * An immutable map from terms to dense ids {@code 0..size-1} (the position in the list it was built from),
 * tuned for the hot path of vectorization: one open-addressing array of {@code (hash, id)} pairs, so that a
 * lookup usually touches one cache line, and the term itself is compared only when the hashes agree.
 * Thread-safe.
 */
public final class TermIndex {

  private final String[] terms;
  /** Slot: high 32 bits = the term's hash, low 32 bits = id + 1; 0 = empty. */
  private final long[] slots;
  private final int mask;

  /**
   * Indexes {@code terms}; the id of {@code terms.get(i)} is {@code i}.
   *
   * @throws IllegalArgumentException if a term is null or repeated
   */
  public TermIndex(List<String> terms) {
    this.terms = terms.toArray(new String[0]);
    int capacity = Integer.highestOneBit(Math.max(4, this.terms.length * 2 + 1) - 1) << 1;
    this.slots = new long[capacity];
    this.mask = capacity - 1;
    for (int id = 0; id < this.terms.length; id++) {
      String term = this.terms[id];
      if (term == null) {
        throw new IllegalArgumentException("null term at position " + id);
      }
      if (indexOf(term) >= 0) {
        throw new IllegalArgumentException("repeated term: " + term);
      }
      int hash = term.hashCode();
      int slot = spread(hash) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = ((long) hash << 32) | (id + 1L);
    }
  }

  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The id of {@code term}, or -1. */
  public int indexOf(String term) {
    int hash = term.hashCode();
    int slot = spread(hash) & mask;
    long entry;
    while ((entry = slots[slot]) != 0) {
      if ((int) (entry >>> 32) == hash) {
        int id = (int) entry - 1;
        if (terms[id].equals(term)) {
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The term with id {@code id}. */
  public String term(int id) {
    return terms[id];
  }

  /** The number of terms. */
  public int size() {
    return terms.length;
  }

  /** The terms in id order. */
  public List<String> terms() {
    return List.of(terms);
  }
}
