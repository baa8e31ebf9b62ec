package io.mercato.text.vectorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermCountsTest {

  @Test
  void documentFrequencyCountsADocumentOnceAndTotalsEveryOccurrence() {
    TermCounts counts = TermCounts.of(List.of(
        Arrays.asList("good", "good", "movie"), Arrays.asList("bad", "movie"), List.of()));
    assertThat(counts.size()).isEqualTo(3);
    assertThat(counts.documents()).isEqualTo(3);
    // ids in order of first occurrence: good 0, movie 1, bad 2
    assertThat(List.of(counts.term(0), counts.term(1), counts.term(2))).containsExactly("good", "movie", "bad");
    assertThat(new int[] {counts.documentFrequency(0), counts.documentFrequency(1), counts.documentFrequency(2)})
        .containsExactly(1, 2, 1);
    assertThat(new int[] {counts.totalCount(0), counts.totalCount(1), counts.totalCount(2)}).containsExactly(2, 2, 1);
    assertThat(counts.termIds(0)).containsExactly(0, 0, 1);
    assertThat(counts.termIds(1)).containsExactly(2, 1);
    assertThat(counts.termIds(2)).isEmpty();
  }

  @Test
  void termIdsAreCopies() {
    TermCounts counts = TermCounts.of(List.of(List.of("a", "b")));
    counts.termIds(0)[0] = 7;
    assertThat(counts.termIds(0)).containsExactly(0, 1);
  }

  @Test
  void frequenciesWithoutIdsAreTheSameCounts() {
    List<List<String>> docs = List.of(List.of("x", "y", "x"), List.of("y", "z"));
    TermCounts light = TermCounts.frequenciesOf(docs);
    TermCounts full = TermCounts.of(docs);
    for (int id = 0; id < full.size(); id++) {
      assertThat(light.term(id)).isEqualTo(full.term(id));
      assertThat(light.documentFrequency(id)).isEqualTo(full.documentFrequency(id));
      assertThat(light.totalCount(id)).isEqualTo(full.totalCount(id));
    }
    assertThatThrownBy(() -> light.termIds(0)).isInstanceOf(IllegalStateException.class);
  }

  /**
   * Every block count gives the same ids and counts: 1,000 documents, document d holding "all", its own
   * term "t<d>" and "m<d mod 3>"; counted independently here by a plain sequential scan.
   */
  @Test
  void theBlockCountChangesNothing() {
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < 1_000; d++) {
      docs.add(List.of("all", "t" + d, "m" + d % 3, "all"));
    }
    List<String> firstOccurrence = new ArrayList<>();
    java.util.Map<String, Integer> df = new java.util.HashMap<>();
    for (List<String> doc : docs) {
      for (String term : doc) {
        if (!df.containsKey(term)) {
          firstOccurrence.add(term);
          df.put(term, 0);
        }
      }
      for (String term : new java.util.HashSet<>(doc)) {
        df.merge(term, 1, Integer::sum);
      }
    }
    for (int blocks : new int[] {1, 2, 3, 7, 1_000}) {
      TermCounts counts = TermCounts.of(docs, blocks, true);
      assertThat(counts.size()).as("blocks %d", blocks).isEqualTo(firstOccurrence.size());
      for (int id = 0; id < counts.size(); id++) {
        assertThat(counts.term(id)).as("blocks %d, id %d", blocks, id).isEqualTo(firstOccurrence.get(id));
        assertThat(counts.documentFrequency(id)).isEqualTo(df.get(counts.term(id)));
      }
      assertThat(counts.totalCount(0)).isEqualTo(2_000);
      for (int d = 0; d < docs.size(); d++) {
        int[] ids = counts.termIds(d);
        for (int i = 0; i < ids.length; i++) {
          assertThat(counts.term(ids[i])).isEqualTo(docs.get(d).get(i));
        }
      }
    }
  }

  @Test
  void countsAndIdsAreMergedAcrossBlocksOfDocuments() {
    // 10,000 documents (several counting blocks): document d holds "all" twice, "even" when d is even,
    // "d<d mod 7>" once, and from d = 9,000 on "late"; so df(all) = 10,000 with 20,000 occurrences,
    // df(even) = 5,000, df(d0) = ceil(10,000 / 7) = 1,429, df(late) = 1,000, and the first-occurrence
    // order is all, d0, even, d1, ..., d6, late whatever the blocks
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < 10_000; d++) {
      List<String> doc = new ArrayList<>(List.of("all", "all", "d" + d % 7));
      if (d % 2 == 0) {
        doc.add("even");
      }
      if (d >= 9_000) {
        doc.add("late");
      }
      docs.add(doc);
    }
    TermCounts counts = TermCounts.of(docs);
    List<String> terms = new ArrayList<>();
    for (int id = 0; id < counts.size(); id++) {
      terms.add(counts.term(id));
    }
    assertThat(terms).containsExactly("all", "d0", "even", "d1", "d2", "d3", "d4", "d5", "d6", "late");
    assertThat(counts.documentFrequency(0)).isEqualTo(10_000);
    assertThat(counts.totalCount(0)).isEqualTo(20_000);
    assertThat(counts.documentFrequency(1)).isEqualTo(1_429);
    assertThat(counts.documentFrequency(2)).isEqualTo(5_000);
    assertThat(counts.documentFrequency(8)).isEqualTo(1_428);
    assertThat(counts.documentFrequency(9)).isEqualTo(1_000);
    // document 9,999: all all d3 late (9,999 mod 7 = 3, odd)
    assertThat(counts.termIds(9_999)).containsExactly(0, 0, 5, 9);
    // document 9,002: all all d0 even late (9,002 mod 7 = 0)
    assertThat(counts.termIds(9_002)).containsExactly(0, 0, 1, 2, 9);
  }
}
