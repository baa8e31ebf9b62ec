package io.mercato.text.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopWordsTest {

  @Test
  void builtInListsDropFunctionWordsButKeepNegationsAndIntensifiers() {
    StopWords en = StopWords.english();
    assertThat(en.contains("the")).isTrue();
    assertThat(en.contains("is")).isTrue();
    assertThat(en.contains("not")).isFalse();
    assertThat(en.contains("no")).isFalse();
    assertThat(en.contains("never")).isFalse();
    assertThat(en.contains("very")).isFalse();
    StopWords zh = StopWords.chinese();
    assertThat(zh.contains("的")).isTrue();
    assertThat(zh.contains("了")).isTrue();
    assertThat(zh.contains("不")).isFalse();
    assertThat(zh.contains("没")).isFalse();
    assertThat(zh.contains("很")).isFalse();
  }

  @Test
  void customListsCombine() {
    StopWords custom = StopWords.of("foo").plus("bar").plus(StopWords.of("baz"));
    assertThat(custom.words()).containsExactly("bar", "baz", "foo");
    assertThat(StopWords.none().isEmpty()).isTrue();
    assertThat(StopWords.none().contains("the")).isFalse();
    assertThat(StopWords.english().plus(StopWords.chinese()).contains("的")).isTrue();
    assertThat(StopWords.of("a", "b")).isEqualTo(StopWords.of("b", "a"));
  }
}
