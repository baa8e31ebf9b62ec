package io.mercato.text.vectorize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Document frequency and total count of every term of a corpus, counted in parallel over blocks of
 * documents and merged (sums, so the result does not depend on the thread count or timing).
 */
public final class TermCounts {

  /** Fewest documents per counting block: enough that merging the blocks' maps costs little. */
  private static final int MIN_BLOCK = 4096;
  /** Blocks per core at most, so that the maps held until the merge stay few on any corpus size. */
  private static final int BLOCKS_PER_CORE = 2;

  private TermCounts() {
  }

  /**
   * Counts the terms of {@code documents}.
   *
   * @return per term an array whose first two elements are its document frequency and total count
   */
  public static Map<String, int[]> of(List<? extends List<String>> documents) {
    int n = documents.size();
    int blocks = Math.max(1, Math.min((n + MIN_BLOCK - 1) / MIN_BLOCK,
        BLOCKS_PER_CORE * Runtime.getRuntime().availableProcessors()));
    int block = (n + blocks - 1) / blocks;
    @SuppressWarnings("unchecked")
    Map<String, int[]>[] partial = new Map[blocks];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      Map<String, int[]> counts = new HashMap<>();
      int end = Math.min(n, (b + 1) * block);
      for (int d = b * block; d < end; d++) {
        for (String term : documents.get(d)) {
          // {document frequency, total count, last document seen}
          int[] s = counts.computeIfAbsent(term, t -> new int[] {0, 0, -1});
          s[1]++;
          if (s[2] != d) {
            s[2] = d;
            s[0]++;
          }
        }
      }
      partial[b] = counts;
    });
    Map<String, int[]> total = partial[0];
    for (int b = 1; b < blocks; b++) {
      for (Map.Entry<String, int[]> e : partial[b].entrySet()) {
        int[] into = total.putIfAbsent(e.getKey(), e.getValue());
        if (into != null) {
          into[0] += e.getValue()[0];
          into[1] += e.getValue()[1];
        }
      }
    }
    return total;
  }
}
