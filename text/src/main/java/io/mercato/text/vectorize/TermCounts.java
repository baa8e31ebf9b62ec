package io.mercato.text.vectorize;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The distinct terms of a corpus with their document frequencies and total counts, and every document
 * rewritten as term ids, so that fitting a vocabulary and encoding the documents it was fitted on need
 * no second look-up of any term. Term ids follow the order of first occurrence in the corpus. Counted in
 * parallel over blocks of documents whose results are merged in block order, so the ids and counts are
 * the same whatever the thread count or timing. Immutable.
 */
public final class TermCounts {

  /** Fewest documents per counting block: enough that merging a block's distinct terms costs little. */
  private static final int MIN_BLOCK = 512;
  /** Blocks per core at most, so that the dictionaries held until the merge stay few on any corpus size. */
  private static final int BLOCKS_PER_CORE = 2;

  private final String[] terms;
  private final int[] documentFrequency;
  private final int[] totalCount;
  private final int documents;
  /** Per document its terms as ids, or null when counted by {@link #frequenciesOf}. */
  private final int[][] termIds;

  private TermCounts(String[] terms, int[] documentFrequency, int[] totalCount, int documents, int[][] termIds) {
    this.terms = terms;
    this.documentFrequency = documentFrequency;
    this.totalCount = totalCount;
    this.documents = documents;
    this.termIds = termIds;
  }

  /** Counts the terms of {@code documents} and keeps every document as term ids ({@link #termIds}). */
  public static TermCounts of(List<? extends List<String>> documents) {
    return of(documents, defaultBlocks(documents.size()), true);
  }

  /** Counts the terms of {@code documents} without keeping the documents as term ids (less memory). */
  public static TermCounts frequenciesOf(List<? extends List<String>> documents) {
    return of(documents, defaultBlocks(documents.size()), false);
  }

  private static int defaultBlocks(int n) {
    return Math.max(1, Math.min((n + MIN_BLOCK - 1) / MIN_BLOCK,
        BLOCKS_PER_CORE * Runtime.getRuntime().availableProcessors()));
  }

  /** Counts in {@code blocks} blocks of consecutive documents; the result does not depend on {@code blocks}. */
  static TermCounts of(List<? extends List<String>> documents, int blocks, boolean keepTermIds) {
    int n = documents.size();
    int block = Math.max(1, (n + blocks - 1) / blocks);
    int[][] ids = keepTermIds ? new int[n][] : null;
    Dictionary[] partial = new Dictionary[blocks];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      Dictionary counts = new Dictionary();
      for (int d = b * block; d < Math.min(n, (b + 1) * block); d++) {
        int[] termIds = counts.add(documents.get(d), d);
        if (ids != null) {
          ids[d] = termIds;
        }
      }
      partial[b] = counts;
    });
    // block 0's ids stand; every later block's terms are renumbered into it in order of first occurrence
    Dictionary total = partial[0];
    int[][] renumbering = new int[blocks][];
    for (int b = 1; b < blocks; b++) {
      renumbering[b] = total.merge(partial[b]);
      partial[b] = null;
    }
    if (ids != null) {
      IntStream.range(1, blocks).parallel().forEach(b -> {
        int[] to = renumbering[b];
        for (int d = b * block; d < Math.min(n, (b + 1) * block); d++) {
          int[] doc = ids[d];
          for (int i = 0; i < doc.length; i++) {
            doc[i] = to[doc[i]];
          }
        }
      });
    }
    return new TermCounts(Arrays.copyOf(total.terms, total.size),
        Arrays.copyOf(total.documentFrequency, total.size), Arrays.copyOf(total.totalCount, total.size), n, ids);
  }

  /** The number of distinct terms. */
  public int size() {
    return terms.length;
  }

  /** The term with id {@code id} (ids in order of first occurrence). */
  public String term(int id) {
    return terms[id];
  }

  /** The number of documents holding term {@code id}. */
  public int documentFrequency(int id) {
    return documentFrequency[id];
  }

  /** The number of occurrences of term {@code id} in the corpus. */
  public int totalCount(int id) {
    return totalCount[id];
  }

  /**
   * Of the terms {@code ids}, the {@code limit} most frequent by total count (all when {@code limit} is 0),
   * most frequent first, ties in alphabetical order.
   */
  public int[] mostFrequent(int[] ids, int limit) {
    return Arrays.stream(ids).boxed()
        .sorted(Comparator.<Integer>comparingInt(id -> -totalCount[id]).thenComparing(id -> terms[id]))
        .limit(limit == 0 ? ids.length : limit).mapToInt(Integer::intValue).toArray();
  }

  /** The number of documents. */
  public int documents() {
    return documents;
  }

  /**
   * The terms of document {@code d} as ids, in document order (a fresh copy).
   *
   * @throws IllegalStateException if counted by {@link #frequenciesOf}, which keeps no ids
   */
  public int[] termIds(int d) {
    if (termIds == null) {
      throw new IllegalStateException("term ids were not kept: count with TermCounts.of");
    }
    return termIds[d].clone();
  }

  /**
   * A growing open-addressing map from terms to ids in order of insertion, with per-id counts. Keeps each
   * term's hash beside it so that a probe rarely touches a string. Not thread-safe.
   */
  private static final class Dictionary {
    private String[] keys = new String[1024];
    private int[] hashes = new int[1024];
    private int[] slotIds = new int[1024];
    private String[] terms = new String[512];
    private int[] documentFrequency = new int[512];
    private int[] totalCount = new int[512];
    private int[] lastDocument = new int[512];
    private int size;

    /** Adds the terms of document {@code d} (documents in increasing order); returns them as ids. */
    int[] add(List<String> document, int d) {
      int[] out = new int[document.size()];
      for (int i = 0; i < out.length; i++) {
        int id = idOf(document.get(i));
        totalCount[id]++;
        if (lastDocument[id] != d) {
          lastDocument[id] = d;
          documentFrequency[id]++;
        }
        out[i] = id;
      }
      return out;
    }

    /** Adds {@code other}'s terms and counts (of later documents); returns its ids renumbered into this. */
    int[] merge(Dictionary other) {
      int[] renumbered = new int[other.size];
      for (int id = 0; id < other.size; id++) {
        int into = idOf(other.terms[id]);
        documentFrequency[into] += other.documentFrequency[id];
        totalCount[into] += other.totalCount[id];
        renumbered[id] = into;
      }
      return renumbered;
    }

    /** The id of {@code term}, added with zero counts if new. */
    private int idOf(String term) {
      int hash = term.hashCode();
      int mask = keys.length - 1;
      int slot = TermIndex.spread(hash) & mask;
      while (keys[slot] != null) {
        if (hashes[slot] == hash && keys[slot].equals(term)) {
          return slotIds[slot];
        }
        slot = (slot + 1) & mask;
      }
      int id = size++;
      if (id == terms.length) {
        int capacity = terms.length * 2;
        terms = Arrays.copyOf(terms, capacity);
        documentFrequency = Arrays.copyOf(documentFrequency, capacity);
        totalCount = Arrays.copyOf(totalCount, capacity);
        lastDocument = Arrays.copyOf(lastDocument, capacity);
      }
      terms[id] = term;
      lastDocument[id] = -1;
      keys[slot] = term;
      hashes[slot] = hash;
      slotIds[slot] = id;
      if (size * 2 > keys.length) {
        rehash();
      }
      return id;
    }

    private void rehash() {
      int capacity = keys.length * 2;
      String[] oldKeys = keys;
      int[] oldHashes = hashes;
      int[] oldIds = slotIds;
      keys = new String[capacity];
      hashes = new int[capacity];
      slotIds = new int[capacity];
      int mask = capacity - 1;
      for (int s = 0; s < oldKeys.length; s++) {
        if (oldKeys[s] != null) {
          int slot = TermIndex.spread(oldHashes[s]) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[s];
          hashes[slot] = oldHashes[s];
          slotIds[slot] = oldIds[s];
        }
      }
    }
  }
}
