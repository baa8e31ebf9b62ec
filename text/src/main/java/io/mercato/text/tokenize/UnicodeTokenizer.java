package io.mercato.text.tokenize;

import io.mercato.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default tokenizer: Unicode-aware, dictionary-free, good for English, Chinese and mixed text.
 *
 * <ul>
 *   <li>Letters and digits of non-CJK scripts form words, split on everything else. An apostrophe between
 *       letters stays inside the word ({@code don't}); a dot or comma between digits stays inside the
 *       number ({@code 3.5}).</li>
 *   <li>Each run of CJK characters (Han, Hiragana, Katakana, Hangul) becomes one token per character;
 *       adjacent characters of a run also become bigram terms, as in Lucene's CJK analyzer, so Chinese
 *       works without a word dictionary.</li>
 *   <li>Placeholders written {@code <NAME>} in capitals (from the normalizer or the PII masker) stay one
 *       token; other angle brackets (HTML such as {@code <br>}) are separators.</li>
 *   <li>With {@link Builder#symbols(boolean) symbols} on (the default), emoji and other symbols,
 *       currency signs, {@code !} and {@code ?} are one-character tokens: they carry sentiment and spam
 *       signal.</li>
 *   <li>Stop words are dropped from the tokens and from the terms; word n-grams are formed after that.
 *       Word n-grams join words with a space and never cross a CJK run.</li>
 *   <li>With word n-grams of at least 2 and {@link Builder#crossScriptBigrams cross-script bigrams} on
 *       (the default), a CJK character and the word or symbol token right before or after it form a
 *       bigram joined by a space, {@code "3 星"} or {@code "好 !"}: mixed-script pairs such as ratings,
 *       brands and exclamations carry meaning that the two separate tokens lose. Like word n-grams they
 *       pair across punctuation and line breaks; they are bigrams only, whatever the word n-gram
 *       length.</li>
 *   <li>Character n-grams (off by default) are taken inside each word padded with spaces (scikit-learn's
 *       {@code char_wb}) and written in brackets, e.g. {@code [ lo]}, so they never collide with words.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class UnicodeTokenizer implements Tokenizer {

  private static final int MAX_WORD_NGRAMS = 5;
  private static final int MAX_CHAR_NGRAM = 10;

  private final int wordNgrams;
  private final int charNgramMin;
  private final int charNgramMax;
  private final StopWords stopWords;
  private final boolean cjkBigrams;
  private final boolean crossScriptBigrams;
  private final boolean symbols;

  private UnicodeTokenizer(Builder b) {
    this.wordNgrams = b.wordNgrams;
    this.charNgramMin = b.charNgramMin;
    this.charNgramMax = b.charNgramMax;
    this.stopWords = b.stopWords;
    this.cjkBigrams = b.cjkBigrams;
    this.crossScriptBigrams = b.crossScriptBigrams;
    this.symbols = b.symbols;
  }

  /**
   * A builder with the defaults: word uni+bigrams, CJK bigrams, cross-script bigrams, symbols, no char
   * n-grams, no stop words.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The default tokenizer ({@code builder().build()}). */
  public static UnicodeTokenizer standard() {
    return builder().build();
  }

  /** Largest word n-gram length (1 = unigrams only). */
  public int wordNgrams() {
    return wordNgrams;
  }

  /** A builder initialized with this tokenizer's settings. */
  public Builder toBuilder() {
    return new Builder().wordNgrams(wordNgrams).charNgrams(charNgramMin, charNgramMax).stopWords(stopWords)
        .cjkBigrams(cjkBigrams).crossScriptBigrams(crossScriptBigrams).symbols(symbols);
  }

  /** Smallest character n-gram length, 0 when character n-grams are off. */
  public int charNgramMin() {
    return charNgramMin;
  }

  /** Largest character n-gram length, 0 when character n-grams are off. */
  public int charNgramMax() {
    return charNgramMax;
  }

  /** The stop words dropped. */
  public StopWords stopWords() {
    return stopWords;
  }

  /** Whether adjacent CJK characters also become bigram terms. */
  public boolean cjkBigrams() {
    return cjkBigrams;
  }

  /**
   * Whether a CJK character and a word or symbol token next to it form a bigram term (with word
   * n-grams of at least 2): {@code 3星} gives {@code "3 星"}, {@code 好!} gives {@code "好 !"}.
   */
  public boolean crossScriptBigrams() {
    return crossScriptBigrams;
  }

  /** Whether symbols, emoji, currency signs, '!' and '?' become tokens. */
  public boolean symbols() {
    return symbols;
  }

  @Override
  public List<String> tokenize(String normalizedText) {
    return scan(normalizedText, false, true).tokens();
  }

  @Override
  public List<String> terms(String normalizedText) {
    return scan(normalizedText, true, false).terms();
  }

  @Override
  public TokenizedText analyze(String normalizedText) {
    return scan(normalizedText, true, true);
  }

  // ---------------------------------------------------------------- scanning

  private static final int NONE = 0;
  private static final int WORD = 1;
  private static final int CJK = 2;

  /** Tokens, and terms when {@code withTerms}; {@code keepTokens}: the caller keeps the token list. */
  private TokenizedText scan(String text, boolean withTerms, boolean keepTokens) {
    Objects.requireNonNull(text, "text");
    // sized for one token and one n-gram per character (CJK text), so they rarely grow; kept tokens are
    // trimmed at the end when far fewer (Latin text), as fitting holds them for every text
    int capacity = Math.min(text.length(), 1 << 16) + 1;
    ArrayList<String> tokens = new ArrayList<>(capacity);
    List<String> ngrams = withTerms ? new ArrayList<>(capacity) : null;
    // word tokens of the current non-CJK stretch (for word n-grams); cleared at each CJK run
    List<String> wordRun = new ArrayList<>();
    Boundary boundary = withTerms && formsCrossScriptBigrams() ? new Boundary() : null;
    int n = text.length();
    int i = 0;
    int cjkStart = -1; // start of the current CJK run, -1 outside
    while (i < n) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      int kind = kindOf(cp);
      if (kind == CJK) {
        if (cjkStart < 0) {
          flushWordRun(wordRun, ngrams);
          cjkStart = i;
        }
        i += len;
        continue;
      }
      if (cjkStart >= 0) {
        emitCjkRun(text, cjkStart, i, tokens, ngrams, boundary);
        cjkStart = -1;
      }
      if (kind == WORD) {
        int end = wordEnd(text, i);
        String word = text.substring(i, end).replace('\u2019', '\'');
        addWordToken(word, tokens, wordRun, ngrams, boundary, true);
        i = end;
      } else if (cp == '<') {
        int end = placeholderEnd(text, i);
        if (end > 0) {
          addWordToken(text.substring(i, end), tokens, wordRun, ngrams, boundary, false);
          i = end;
        } else {
          i += len;
        }
      } else if (symbols && isSymbol(cp)) {
        addWordToken(text.substring(i, i + len), tokens, wordRun, ngrams, boundary, false);
        i += len;
      } else {
        i += len;
      }
    }
    if (cjkStart >= 0) {
      emitCjkRun(text, cjkStart, n, tokens, ngrams, boundary);
    }
    flushWordRun(wordRun, ngrams);
    if (keepTokens && tokens.size() < capacity / 2) {
      tokens.trimToSize();
    }
    if (!withTerms) {
      return new TokenizedText(tokens, tokens);
    }
    List<String> terms = new ArrayList<>(tokens.size() + ngrams.size());
    terms.addAll(tokens);
    terms.addAll(ngrams);
    return new TokenizedText(tokens, terms);
  }

  /** The last token of a scan and whether it is CJK, for the bigram of a CJK character and a neighbouring word. */
  private static final class Boundary {
    private String token;
    private boolean cjk;

    void next(String t, boolean isCjk, List<String> ngrams) {
      if (token != null && cjk != isCjk) {
        ngrams.add(token + ' ' + t);
      }
      token = t;
      cjk = isCjk;
    }
  }

  private void addWordToken(String word, List<String> tokens, List<String> wordRun, List<String> ngrams,
      Boundary boundary, boolean charNgramsApply) {
    if (stopWords.contains(word)) {
      return;
    }
    tokens.add(word);
    if (boundary != null) {
      boundary.next(word, false, ngrams);
    }
    if (ngrams == null) {
      return;
    }
    wordRun.add(word);
    if (charNgramsApply && charNgramMax > 0) {
      addCharNgrams(word, ngrams);
    }
  }

  private void flushWordRun(List<String> wordRun, List<String> ngrams) {
    if (ngrams != null && wordNgrams > 1) {
      StringBuilder sb = new StringBuilder();
      int size = wordRun.size();
      for (int order = 2; order <= wordNgrams; order++) {
        for (int start = 0; start + order <= size; start++) {
          sb.setLength(0);
          sb.append(wordRun.get(start));
          for (int k = 1; k < order; k++) {
            sb.append(' ').append(wordRun.get(start + k));
          }
          ngrams.add(sb.toString());
        }
      }
    }
    wordRun.clear();
  }

  private void emitCjkRun(String text, int start, int end, List<String> tokens, List<String> ngrams,
      Boundary boundary) {
    int prevStart = -1;
    int i = start;
    while (i < end) {
      int len = Character.charCount(text.codePointAt(i));
      String unigram = text.substring(i, i + len);
      if (!stopWords.contains(unigram)) {
        tokens.add(unigram);
        if (boundary != null) {
          boundary.next(unigram, true, ngrams);
        }
      }
      if (ngrams != null && cjkBigrams && prevStart >= 0) {
        String bigram = text.substring(prevStart, i + len);
        if (!stopWords.contains(bigram)) {
          ngrams.add(bigram);
        }
      }
      prevStart = i;
      i += len;
    }
  }

  /** scikit-learn's char_wb n-grams of one word, in brackets. */
  private void addCharNgrams(String word, List<String> ngrams) {
    // "[ word ]": every n-gram of the space-padded word is cut from this as "[" + n-gram + "]"
    int length = word.length() + 2;
    char[] framed = new char[length + 2];
    framed[0] = '[';
    framed[1] = ' ';
    word.getChars(0, word.length(), framed, 2);
    framed[length] = ' ';
    framed[length + 1] = ']';
    char[] ngram = new char[charNgramMax + 2];
    ngram[0] = '[';
    for (int order = charNgramMin; order <= charNgramMax; order++) {
      int size = Math.min(order, length);
      int lastOffset = length - size;
      for (int offset = 0; offset <= lastOffset; offset++) {
        System.arraycopy(framed, 1 + offset, ngram, 1, size);
        ngram[size + 1] = ']';
        ngrams.add(new String(ngram, 0, size + 2));
      }
      if (lastOffset == 0) { // a word shorter than the n-gram counts once
        break;
      }
    }
  }

  private static int kindOf(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ? WORD : NONE;
    }
    if (isCjk(cp)) {
      return CJK;
    }
    return Character.isLetterOrDigit(cp) ? WORD : NONE;
  }

  /**
   * Whether {@code cp} belongs to the Han, Hiragana, Katakana or Hangul script, or is one of the kana
   * block's marks (e.g. the prolonged sound mark U+30FC, script Common, but part of Katakana words).
   */
  static boolean isCjk(int cp) {
    if (cp < 0x1100) {
      return false;
    }
    // fast paths for the common blocks: CJK Unified Ideographs, Hiragana + Katakana, Hangul syllables
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB)
        || (cp >= 0xAC00 && cp <= 0xD7A3)) {
      return true;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }

  private static boolean isWordPart(int cp) {
    int type = Character.getType(cp);
    return kindOf(cp) == WORD || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** End (exclusive) of the word starting at {@code start}. */
  private static int wordEnd(String text, int start) {
    int n = text.length();
    int i = start;
    int prev = -1;
    while (i < n) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      if (isWordPart(cp) && !isCjk(cp)) {
        prev = cp;
        i += len;
        continue;
      }
      if (i + len < n && prev >= 0) {
        int next = text.codePointAt(i + len);
        boolean apostrophe = (cp == '\'' || cp == '\u2019') && Character.isLetter(prev) && Character.isLetter(next)
            && !isCjk(next);
        boolean decimal = (cp == '.' || cp == ',') && Character.isDigit(prev) && Character.isDigit(next);
        if (apostrophe || decimal) {
          i += len;
          continue;
        }
      }
      break;
    }
    return i;
  }

  /** End (exclusive) of a {@code <NAME>} placeholder (capitals and underscores) at {@code start}, or -1. */
  private static int placeholderEnd(String text, int start) {
    int n = text.length();
    int i = start + 1;
    while (i < n) {
      char c = text.charAt(i);
      if ((c >= 'A' && c <= 'Z') || c == '_') {
        i++;
      } else {
        break;
      }
    }
    return i > start + 1 && i < n && text.charAt(i) == '>' ? i + 1 : -1;
  }

  private static boolean isSymbol(int cp) {
    if (cp == '!' || cp == '?' || cp == '$' || cp == '%' || cp == '&') {
      return true;
    }
    if (cp < 0x80) {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.OTHER_SYMBOL || type == Character.CURRENCY_SYMBOL;
  }

  /** Cross-script bigrams take effect only with word n-grams of at least 2. */
  private boolean formsCrossScriptBigrams() {
    return crossScriptBigrams && wordNgrams > 1;
  }

  /** Equal when they tokenize alike: a cross-script setting without effect ({@code wordNgrams = 1}) does not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof UnicodeTokenizer t && wordNgrams == t.wordNgrams && charNgramMin == t.charNgramMin
        && charNgramMax == t.charNgramMax && cjkBigrams == t.cjkBigrams
        && formsCrossScriptBigrams() == t.formsCrossScriptBigrams() && symbols == t.symbols
        && stopWords.equals(t.stopWords);
  }

  @Override
  public int hashCode() {
    return Objects.hash(wordNgrams, charNgramMin, charNgramMax, cjkBigrams, formsCrossScriptBigrams(), symbols,
        stopWords);
  }

  @Override
  public String toString() {
    return "UnicodeTokenizer{wordNgrams=" + wordNgrams + ", charNgrams=" + charNgramMin + ".." + charNgramMax
        + ", cjkBigrams=" + cjkBigrams + ", crossScriptBigrams=" + crossScriptBigrams + ", symbols=" + symbols
        + ", stopWords=" + stopWords.words().size() + "}";
  }

  /** Fluent, validating builder of {@link UnicodeTokenizer}. */
  public static final class Builder {
    private int wordNgrams = 2;
    private int charNgramMin;
    private int charNgramMax;
    private StopWords stopWords = StopWords.none();
    private boolean cjkBigrams = true;
    private boolean crossScriptBigrams = true;
    private boolean symbols = true;

    private Builder() {}

    /** Word n-grams of length 1..{@code max} (1 = unigrams only); {@code max} in [1, 5]. Default 2. */
    public Builder wordNgrams(int max) {
      this.wordNgrams = max;
      return this;
    }

    /** Character n-grams of length {@code min..max} inside words; {@code (0, 0)} = off (the default). */
    public Builder charNgrams(int min, int max) {
      this.charNgramMin = min;
      this.charNgramMax = max;
      return this;
    }

    /** Stop words to drop. Default none. */
    public Builder stopWords(StopWords stopWords) {
      this.stopWords = stopWords;
      return this;
    }

    /** Whether adjacent CJK characters also become bigram terms. Default true. */
    public Builder cjkBigrams(boolean cjkBigrams) {
      this.cjkBigrams = cjkBigrams;
      return this;
    }

    /**
     * Whether a CJK character and a word or symbol token next to it form a bigram term ({@code "3 星"}),
     * which needs word n-grams of at least 2. Default true. (Models saved before this setting existed
     * read back with it off, as they were fitted.)
     */
    public Builder crossScriptBigrams(boolean crossScriptBigrams) {
      this.crossScriptBigrams = crossScriptBigrams;
      return this;
    }

    /** Whether emoji, symbols, currency signs, '!' and '?' become tokens. Default true. */
    public Builder symbols(boolean symbols) {
      this.symbols = symbols;
      return this;
    }

    /** Validates and builds. */
    public UnicodeTokenizer build() {
      if (wordNgrams < 1 || wordNgrams > MAX_WORD_NGRAMS) {
        throw ConfigurationException.invalid("wordNgrams", wordNgrams, "must be in [1, " + MAX_WORD_NGRAMS + "]");
      }
      boolean off = charNgramMin == 0 && charNgramMax == 0;
      if (!off) {
        if (charNgramMin < 1 || charNgramMin > MAX_CHAR_NGRAM) {
          throw ConfigurationException.invalid("charNgrams.min", charNgramMin,
              "must be in [1, " + MAX_CHAR_NGRAM + "] (or min = max = 0 for off)");
        }
        if (charNgramMax < charNgramMin || charNgramMax > MAX_CHAR_NGRAM) {
          throw ConfigurationException.invalid("charNgrams.max", charNgramMax,
              "must be in [min = " + charNgramMin + ", " + MAX_CHAR_NGRAM + "]");
        }
      }
      if (stopWords == null) {
        throw ConfigurationException.invalid("stopWords", null, "must not be null (use StopWords.none())");
      }
      return new UnicodeTokenizer(this);
    }
  }
}
