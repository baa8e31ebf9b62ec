package io.mercato.text.vectorize;

import java.util.List;

/**
 * An immutable map from terms to dense ids {@code 0..size-1} (the position in the list it was built from),
 * tuned for the hot path of vectorization, where lookups are bound by memory latency: one open-addressing
 * table whose slot holds the term's hash, id, length and its characters (up to two, as CJK unigrams and
 * bigrams are) or their offset in one shared character array. A hit costs one cache miss for a short
 * term and two for a longer one, rather than three for a String key (slot, String, its bytes). Thread-safe.
 */
public final class TermIndex {

  /** Ints per slot: hash, id + 1 (0 = empty), characters (see {@link #inline}) or offset into {@link #chars}, length. */
  private static final int SLOT = 4;
  /** Terms of at most this many characters keep them in their slot. */
  private static final int INLINE = 2;

  private final String[] terms;
  private final int[] table;
  /** The characters of every term longer than {@link #INLINE}, back to back in id order. */
  private final char[] chars;
  private final int mask;

  /**
   * Indexes {@code terms}; the id of {@code terms.get(i)} is {@code i}.
   *
   * @throws IllegalArgumentException if a term is null or repeated
   */
  public TermIndex(List<String> terms) {
    this.terms = terms.toArray(new String[0]);
    long stored = 0;
    for (int id = 0; id < this.terms.length; id++) {
      if (this.terms[id] == null) {
        throw new IllegalArgumentException("null term at position " + id);
      }
      stored += this.terms[id].length() > INLINE ? this.terms[id].length() : 0;
    }
    this.chars = new char[Math.toIntExact(stored)];
    int capacity = Integer.highestOneBit(Math.max(4, this.terms.length * 2 + 1) - 1) << 1;
    this.table = new int[Math.multiplyExact(capacity, SLOT)];
    this.mask = capacity - 1;
    int offset = 0;
    for (int id = 0; id < this.terms.length; id++) {
      String term = this.terms[id];
      int length = term.length();
      int hash = term.hashCode();
      int slot = spread(hash) & mask;
      while (table[slot * SLOT + 1] != 0) {
        if (table[slot * SLOT] == hash && this.terms[table[slot * SLOT + 1] - 1].equals(term)) {
          throw new IllegalArgumentException("repeated term: " + term);
        }
        slot = (slot + 1) & mask;
      }
      int base = slot * SLOT;
      table[base] = hash;
      table[base + 1] = id + 1;
      table[base + 3] = length;
      if (length <= INLINE) {
        table[base + 2] = inline(term);
      } else {
        table[base + 2] = offset;
        term.getChars(0, length, chars, offset);
        offset += length;
      }
    }
  }

  /** Spreads a string hash over an open-addressing table (the low bits of string hashes alone cluster). */
  static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The id of {@code term}, or -1. */
  public int indexOf(String term) {
    int hash = term.hashCode();
    int length = term.length();
    int slot = spread(hash) & mask;
    while (true) {
      int base = slot * SLOT;
      int idPlusOne = table[base + 1];
      if (idPlusOne == 0) {
        return -1;
      }
      if (table[base] == hash && table[base + 3] == length
          && (length <= INLINE ? table[base + 2] == inline(term) : sameCharacters(term, table[base + 2], length))) {
        return idPlusOne - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The characters of a term of at most {@link #INLINE} characters packed into one int. */
  private static int inline(String term) {
    int packed = 0;
    for (int i = 0; i < term.length(); i++) {
      packed = (packed << 16) | term.charAt(i);
    }
    return packed;
  }

  private boolean sameCharacters(String term, int offset, int length) {
    for (int i = 0; i < length; i++) {
      if (chars[offset + i] != term.charAt(i)) {
        return false;
      }
    }
    return true;
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
