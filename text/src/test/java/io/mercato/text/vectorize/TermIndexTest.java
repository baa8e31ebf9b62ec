package io.mercato.text.vectorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermIndexTest {

  @Test
  void idsArePositionsAndUnknownTermsAreMinusOne() {
    TermIndex index = new TermIndex(List.of("good", "不错", "not good", "😍"));
    assertThat(index.size()).isEqualTo(4);
    assertThat(index.indexOf("good")).isZero();
    assertThat(index.indexOf("不错")).isEqualTo(1);
    assertThat(index.indexOf("not good")).isEqualTo(2);
    assertThat(index.indexOf("😍")).isEqualTo(3);
    assertThat(index.indexOf("bad")).isEqualTo(-1);
    assertThat(index.indexOf("")).isEqualTo(-1);
    // prefixes and extensions of stored terms share characters but not the length
    assertThat(index.indexOf("goo")).isEqualTo(-1);
    assertThat(index.indexOf("goods")).isEqualTo(-1);
    assertThat(index.indexOf("不")).isEqualTo(-1);
    assertThat(new TermIndex(List.of("", "a")).indexOf("")).isZero();
    assertThat(index.term(2)).isEqualTo("not good");
    assertThat(new TermIndex(List.of()).indexOf("x")).isEqualTo(-1);
  }

  @Test
  void termsWithEqualHashCodesAreKeptApart() {
    // "Aa" and "BB" share String.hashCode 2112, and so do all 2^k concatenations of them
    List<String> terms = new ArrayList<>();
    for (int mask = 0; mask < 64; mask++) {
      StringBuilder sb = new StringBuilder();
      for (int bit = 0; bit < 6; bit++) {
        sb.append((mask >> bit & 1) == 0 ? "Aa" : "BB");
      }
      terms.add(sb.toString());
    }
    assertThat(terms.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
    TermIndex index = new TermIndex(terms.subList(0, 32));
    for (int i = 0; i < 32; i++) {
      assertThat(index.indexOf(terms.get(i))).isEqualTo(i);
    }
    for (int i = 32; i < 64; i++) {
      assertThat(index.indexOf(terms.get(i))).isEqualTo(-1);
    }
  }

  @Test
  void manyTermsRoundTrip() {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      terms.add("t" + i);
    }
    TermIndex index = new TermIndex(terms);
    for (int i = 0; i < 10_000; i++) {
      assertThat(index.indexOf("t" + i)).isEqualTo(i);
    }
    assertThat(index.indexOf("t10000")).isEqualTo(-1);
  }

  @Test
  void repeatedOrNullTermsAreRefused() {
    assertThatThrownBy(() -> new TermIndex(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated term: a");
    assertThatThrownBy(() -> new TermIndex(List.of("a", "hotel room", "b", "hotel room")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated term: hotel room");
    assertThatThrownBy(() -> new TermIndex(java.util.Arrays.asList("a", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
  }

  @Test
  void distinctTermsWithTheSameHashAreKeptApart() {
    // "Aa" and "BB" share String.hashCode 2112, as do "AaAa", "AaBB", "BBAa" and "BBBB"
    TermIndex index = new TermIndex(List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"));
    assertThat(index.indexOf("BB")).isEqualTo(1);
    assertThat(index.indexOf("BBAa")).isEqualTo(4);
    assertThat(index.indexOf("BBBB")).isEqualTo(5);
    assertThat(index.indexOf("AaAaAa")).isEqualTo(-1);
  }
}
