package io.mercato.text.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizerTest {

  private static final Normalizer ALL = Normalizer.builder().numberPlaceholder(true).emojiPlaceholder(true).build();

  @Test
  void nfkcFoldsCompatibilityCharacters() {
    Normalizer nfkcOnly = Normalizer.builder().lowerCase(false).urlPlaceholder(false).fullWidthToHalfWidth(false).build();
    // U+FB01 LATIN SMALL LIGATURE FI -> "fi"; U+2460 CIRCLED DIGIT ONE -> "1"; full-width Ａ (U+FF21) -> A
    assertThat(nfkcOnly.normalize("\uFB01ne \u2460 \uFF21")).isEqualTo("fine 1 A");
  }

  @Test
  void fullWidthFoldingWorksWithoutNfkc() {
    Normalizer widthOnly = Normalizer.builder().nfkc(false).lowerCase(false).build();
    // U+FF28 U+FF49 = full-width "Hi", U+3000 ideographic space, U+FF01 full-width '!'
    assertThat(widthOnly.normalize("\uFF28\uFF49\u3000\uFF01")).isEqualTo("Hi !");
    assertThat(Normalizer.builder().nfkc(false).fullWidthToHalfWidth(false).lowerCase(false).build()
        .normalize("\uFF28")).isEqualTo("\uFF28");
  }

  @Test
  void lowerCasingLeavesPlaceholdersAlone() {
    assertThat(Normalizer.standard().normalize("Call <PHONE> NOW, <EMAIL>!")).isEqualTo("call <PHONE> now, <EMAIL>!");
    assertThat(Normalizer.standard().normalize("ÉTÉ Straße")).isEqualTo("été straße");
  }

  @Test
  void urlsBecomePlaceholdersWithoutTrailingPunctuation() {
    assertThat(Normalizer.standard().normalize("see https://Example.com/a?b=1. or www.shop.cn, ok"))
        .isEqualTo("see  <URL> . or  <URL> , ok");
    assertThat(Normalizer.builder().urlPlaceholder(false).build().normalize("see http://x.org"))
        .isEqualTo("see http://x.org");
    assertThat(Normalizer.standard().normalize("nohttp://x")).isEqualTo("nohttp://x");
  }

  @Test
  void numbersBecomePlaceholdersUnlessGluedToLetters() {
    assertThat(ALL.normalize("win 1,000 or 3.5 mp3 4g 2nd")).isEqualTo("win  <NUM>  or  <NUM>  mp3 4g 2nd");
    assertThat(ALL.normalize("ABC123")).isEqualTo("abc123");
    assertThat(ALL.normalize("价格99元")).isEqualTo("价格 <NUM> 元");
  }

  @Test
  void emojiRunsBecomeOnePlaceholder() {
    // 😍 U+1F60D twice, then 👍🏽 (thumbs up + skin tone modifier), then ❤️ (U+2764 + VS16)
    assertThat(ALL.normalize("love it 😍😍 👍🏽 ❤️")).isEqualTo("love it  <EMOJI>   <EMOJI>   <EMOJI> ");
    assertThat(Normalizer.standard().normalize("love it 😍")).isEqualTo("love it 😍");
  }

  @Test
  void asciiTextWithNothingToDoIsReturnedAsIs() {
    String text = "already clean text";
    assertThat(Normalizer.standard().normalize(text)).isSameAs(text);
  }
}
