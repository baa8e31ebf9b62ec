package io.mercato.text.tokenize;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable set of stop words that a tokenizer drops. The built-in lists are small and curated for
 * classification: they remove function words but deliberately keep negations and intensifiers
 * ("not", "no", "never", "very", 不, 没, 很) because those carry sentiment. Matching is exact on the
 * normalized token (lower-case it in the normalizer if the list is lower-case).
 */
public final class StopWords {

  private static final StopWords NONE = new StopWords(Set.of());

  private static final List<String> ENGLISH = List.of(
      "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
      "into", "onto", "about", "over", "under", "than", "then", "so", "if", "because", "while", "until",
      "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
      "has", "have", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might",
      "must", "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours",
      "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs",
      "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "whose",
      "when", "where", "how", "also", "just", "s", "t", "d", "ll", "m", "re", "ve",
      "i'm", "it's", "i've", "i'd", "i'll", "you're", "we're", "they're", "that's", "there's");

  private static final List<String> CHINESE = List.of(
      "的", "了", "是", "在", "和", "与", "及", "或", "而", "就", "都", "也", "着", "过", "之", "于",
      "把", "被", "给", "对", "从", "向", "这", "那", "这个", "那个", "这些", "那些", "一个",
      "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "啊", "呀", "吧", "呢",
      "嘛", "哦", "啦", "么", "得", "地", "等", "其", "并", "且", "以", "为", "所", "个");

  private final Set<String> words;

  private StopWords(Set<String> words) {
    this.words = Set.copyOf(words);
  }

  /** The built-in English list: articles, pronouns, auxiliaries, prepositions (no negations). */
  public static StopWords english() {
    return new StopWords(Set.copyOf(ENGLISH));
  }

  /** The built-in Chinese list: particles, pronouns, common function characters (no negations). */
  public static StopWords chinese() {
    return new StopWords(Set.copyOf(CHINESE));
  }

  /** No stop words (the default of {@link UnicodeTokenizer}). */
  public static StopWords none() {
    return NONE;
  }

  /** A custom list. */
  public static StopWords of(Collection<String> words) {
    Objects.requireNonNull(words, "words");
    return new StopWords(Set.copyOf(words));
  }

  /** A custom list. */
  public static StopWords of(String... words) {
    return of(List.of(words));
  }

  /** This list plus the words of {@code other}. */
  public StopWords plus(StopWords other) {
    return plus(other.words);
  }

  /** This list plus {@code more}. */
  public StopWords plus(Collection<String> more) {
    Set<String> union = new TreeSet<>(words);
    union.addAll(more);
    return new StopWords(union);
  }

  /** This list plus {@code more}. */
  public StopWords plus(String... more) {
    return plus(List.of(more));
  }

  /** Whether {@code token} is a stop word. */
  public boolean contains(String token) {
    return words.contains(token);
  }

  /** The words, sorted (for display and persistence). */
  public List<String> words() {
    return List.copyOf(new TreeSet<>(words));
  }

  /** Whether the list is empty. */
  public boolean isEmpty() {
    return words.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StopWords other && words.equals(other.words);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }

  @Override
  public String toString() {
    return "StopWords" + words();
  }
}
