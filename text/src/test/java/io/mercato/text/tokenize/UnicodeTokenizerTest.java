package io.mercato.text.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnicodeTokenizerTest {

  private static final UnicodeTokenizer UNIGRAMS = UnicodeTokenizer.builder().wordNgrams(1).build();

  @Test
  void splitsLatinWordsOnBoundariesKeepingApostrophesAndDecimals() {
    assertThat(UNIGRAMS.tokenize("i don't like it, costs 3.50 - really?"))
        .containsExactly("i", "don't", "like", "it", "costs", "3.50", "really", "?");
    assertThat(UNIGRAMS.tokenize("well-made, e-mail")).containsExactly("well", "made", "e", "mail");
    assertThat(UNIGRAMS.tokenize("café naïve")).containsExactly("café", "naïve");
    assertThat(UNIGRAMS.tokenize("it\u2019s")).containsExactly("it's");
  }

  @Test
  void cjkRunsBecomeCharacterUnigramsAndBigramsLikeLucenesCjkAnalyzer() {
    // run 很好用 -> unigrams 很 好 用, bigrams 很好 好用 (by hand)
    TokenizedText t = UnicodeTokenizer.builder().wordNgrams(1).build().analyze("很好用");
    assertThat(t.tokens()).containsExactly("很", "好", "用");
    assertThat(t.terms()).containsExactlyInAnyOrder("很", "好", "用", "很好", "好用");
  }

  @Test
  void bigramsNeverCrossPunctuationOrLatinWords() {
    TokenizedText t = UNIGRAMS.analyze("房间好。服务差");
    assertThat(t.terms()).containsExactlyInAnyOrder("房", "间", "好", "服", "务", "差", "房间", "间好", "服务", "务差");
  }

  @Test
  void mixedChineseAndEnglishText() {
    TokenizedText t = UnicodeTokenizer.standard().analyze("iphone很好用 but expensive");
    assertThat(t.tokens()).containsExactly("iphone", "很", "好", "用", "but", "expensive");
    // word bigrams only within the Latin stretch after the CJK run; CJK bigrams within the run; one
    // cross-script bigram at each edge of the run
    assertThat(t.terms()).containsExactlyInAnyOrder(
        "iphone", "很", "好", "用", "but", "expensive", "很好", "好用", "but expensive", "iphone 很", "用 but");
    TokenizedText without = UnicodeTokenizer.builder().crossScriptBigrams(false).build()
        .analyze("iphone很好用 but expensive");
    assertThat(without.terms()).containsExactlyInAnyOrder(
        "iphone", "很", "好", "用", "but", "expensive", "很好", "好用", "but expensive");
  }

  @Test
  void theCrossScriptSettingSurvivesToBuilderAndCountsInEqualityOnlyWhereItActs() {
    UnicodeTokenizer off = UnicodeTokenizer.builder().crossScriptBigrams(false).build();
    assertThat(off.toBuilder().build()).isEqualTo(off);
    assertThat(off.toBuilder().build().crossScriptBigrams()).isFalse();
    assertThat(off).isNotEqualTo(UnicodeTokenizer.standard());
    assertThat(off.toString()).contains("crossScriptBigrams=false");
    // with unigrams only it forms nothing, so both settings tokenize alike and are equal
    UnicodeTokenizer unigramsOff = UnicodeTokenizer.builder().wordNgrams(1).crossScriptBigrams(false).build();
    assertThat(unigramsOff).isEqualTo(UNIGRAMS).hasSameHashCodeAs(UNIGRAMS);
    assertThat(unigramsOff.terms("3星 ok")).isEqualTo(UNIGRAMS.terms("3星 ok"));
  }

  @Test
  void crossScriptBigramsJoinACjkCharacterAndTheWordOrSymbolNextToIt() {
    // 早餐OK，3星 好! -> tokens 早 餐 ok 3 星 好 !; by hand: CJK bigrams 早餐 (星 and 好 are separate runs),
    // word bigram ok 3 (across the comma, as English word bigrams are), cross-script 餐 ok, 3 星, 好 !
    TokenizedText t = UnicodeTokenizer.standard().analyze("早餐ok，3星 好!");
    assertThat(t.tokens()).containsExactly("早", "餐", "ok", "3", "星", "好", "!");
    assertThat(t.terms()).containsExactlyInAnyOrder(
        "早", "餐", "ok", "3", "星", "好", "!", "早餐", "ok 3", "餐 ok", "3 星", "好 !");
    // they are word bigrams: none with unigrams only, and stop words are skipped before pairing
    assertThat(UNIGRAMS.terms("3星")).containsExactlyInAnyOrder("3", "星");
    assertThat(UnicodeTokenizer.builder().stopWords(StopWords.of("very")).build().terms("ok very好"))
        .containsExactlyInAnyOrder("ok", "好", "ok 好");
  }

  @Test
  void japaneseAndKoreanScriptsAreCjk() {
    assertThat(UNIGRAMS.tokenize("東京タワー 서울")).containsExactly("東", "京", "タ", "ワ", "ー", "서", "울");
  }

  @Test
  void wordNgramsUpToN() {
    UnicodeTokenizer trigrams = UnicodeTokenizer.builder().wordNgrams(3).build();
    assertThat(trigrams.terms("a b c d")).containsExactlyInAnyOrder(
        "a", "b", "c", "d", "a b", "b c", "c d", "a b c", "b c d");
  }

  @Test
  void stopWordsAreDroppedBeforeNgramsAreFormed() {
    UnicodeTokenizer t = UnicodeTokenizer.builder().stopWords(StopWords.english().plus(StopWords.chinese())).build();
    assertThat(t.terms("the room is not clean")).containsExactlyInAnyOrder(
        "room", "not", "clean", "room not", "not clean");
    // 的 is a stop word: dropped as a unigram; bigrams containing it are not stop words and stay
    assertThat(t.analyze("我的房间").tokens()).containsExactly("房", "间");
    assertThat(t.terms("我的房间")).contains("房间", "的房").doesNotContain("的", "我");
  }

  @Test
  void placeholdersAndSymbolsAreTokens() {
    assertThat(UNIGRAMS.tokenize("win $100 now!! <URL> 😍")).containsExactly(
        "win", "$", "100", "now", "!", "!", "<URL>", "😍");
    UnicodeTokenizer noSymbols = UnicodeTokenizer.builder().wordNgrams(1).symbols(false).build();
    assertThat(noSymbols.tokenize("win $100 now!! <URL> 😍")).containsExactly("win", "100", "now", "<URL>");
    assertThat(UNIGRAMS.tokenize("a <b c> d")).containsExactly("a", "b", "c", "d");
    assertThat(UNIGRAMS.tokenize("nice<br>fit <ID_CARD>")).containsExactly("nice", "br", "fit", "<ID_CARD>");
  }

  @Test
  void characterNgramsMatchScikitLearnCharWb() {
    UnicodeTokenizer chars = UnicodeTokenizer.builder().wordNgrams(1).charNgrams(2, 3).build();
    // reference: sklearn 1.2.1 CountVectorizer(analyzer='char_wb', ngram_range=(2,3)).build_analyzer()("hi there")
    List<String> sklearn = List.of(" h", "hi", "i ", " hi", "hi ", " t", "th", "he", "er", "re", "e ", " th",
        "the", "her", "ere", "re ");
    List<String> expected = new java.util.ArrayList<>(List.of("hi", "there"));
    sklearn.forEach(g -> expected.add("[" + g + "]"));
    assertThat(chars.terms("hi there")).containsExactlyInAnyOrderElementsOf(expected);
    // sklearn char_wb (3,5) of "go": [' go', 'go ', ' go '] (a short word counts once)
    UnicodeTokenizer longer = UnicodeTokenizer.builder().wordNgrams(1).charNgrams(3, 5).build();
    assertThat(longer.terms("go")).containsExactlyInAnyOrder("go", "[ go]", "[go ]", "[ go ]");
  }

  @Test
  void emptyAndSeparatorOnlyTextGivesNoTokens() {
    assertThat(UnicodeTokenizer.standard().terms("")).isEmpty();
    assertThat(UnicodeTokenizer.standard().terms(" ,.;- \n")).isEmpty();
  }

  @Test
  void tokenizeIsTheTokenViewOfAnalyze() {
    UnicodeTokenizer t = UnicodeTokenizer.builder().wordNgrams(2).charNgrams(1, 2).build();
    String text = "great hotel 房间很干净 !";
    assertThat(t.tokenize(text)).isEqualTo(t.analyze(text).tokens());
    assertThat(t.terms(text)).isEqualTo(t.analyze(text).terms());
  }

  @Test
  void validatesSettings() {
    assertThatThrownBy(() -> UnicodeTokenizer.builder().wordNgrams(6).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("wordNgrams").hasMessageContaining("6");
    assertThatThrownBy(() -> UnicodeTokenizer.builder().wordNgrams(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("wordNgrams");
    assertThatThrownBy(() -> UnicodeTokenizer.builder().charNgrams(3, 2).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("charNgrams.max");
    assertThatThrownBy(() -> UnicodeTokenizer.builder().charNgrams(0, 2).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("charNgrams.min");
    assertThatThrownBy(() -> UnicodeTokenizer.builder().stopWords(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("stopWords");
  }
}
