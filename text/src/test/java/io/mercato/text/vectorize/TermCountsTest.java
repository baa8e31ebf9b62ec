package io.mercato.text.vectorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TermCountsTest {

  @Test
  void documentFrequencyCountsADocumentOnceAndTotalsEveryOccurrence() {
    Map<String, int[]> counts = TermCounts.of(List.of(
        Arrays.asList("good", "good", "movie"), Arrays.asList("bad", "movie"), List.of()));
    assertThat(counts).hasSize(3);
    assertThat(counts.get("good")).startsWith(1, 2);
    assertThat(counts.get("movie")).startsWith(2, 2);
    assertThat(counts.get("bad")).startsWith(1, 1);
  }

  @Test
  void countsAreMergedAcrossBlocksOfDocuments() {
    // 10,000 documents (three counting blocks): document d holds "all" twice, "even" when d is even
    // and "d<d mod 7>" once; so df(all) = 10,000 with 20,000 occurrences, df(even) = 5,000 and
    // df(d0) = ceil(10,000 / 7) = 1,429
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < 10_000; d++) {
      List<String> doc = new ArrayList<>(List.of("all", "all", "d" + d % 7));
      if (d % 2 == 0) {
        doc.add("even");
      }
      docs.add(doc);
    }
    Map<String, int[]> counts = TermCounts.of(docs);
    assertThat(counts).hasSize(9);
    assertThat(counts.get("all")).startsWith(10_000, 20_000);
    assertThat(counts.get("even")).startsWith(5_000, 5_000);
    assertThat(counts.get("d0")).startsWith(1_429, 1_429);
    assertThat(counts.get("d6")).startsWith(1_428, 1_428);
  }
}
