package io.mercato.text.normalize;

import java.util.Objects;

/**
 * Cleans raw text before tokenization: Unicode NFKC, full-width to half-width, lower-casing, and optional
 * placeholders for URLs ({@code <URL>}), numbers ({@code <NUM>}) and emoji ({@code <EMOJI>}).
 *
 * <p>Steps run in this order: NFKC, full-width folding, URL, emoji and number placeholders, lower-casing.
 * Lower-casing leaves placeholders ({@code <NAME>} in capitals, also those of the PII masker) untouched.
 * Pure ASCII text skips the NFKC step (it cannot change). Immutable and thread-safe.
 */
public final class Normalizer {

  /** Placeholder for a URL. */
  public static final String URL = "<URL>";
  /** Placeholder for a number. */
  public static final String NUMBER = "<NUM>";
  /** Placeholder for a run of emoji. */
  public static final String EMOJI = "<EMOJI>";

  private final boolean nfkc;
  private final boolean fullWidthToHalfWidth;
  private final boolean lowerCase;
  private final boolean urlPlaceholder;
  private final boolean numberPlaceholder;
  private final boolean emojiPlaceholder;

  private Normalizer(Builder b) {
    this.nfkc = b.nfkc;
    this.fullWidthToHalfWidth = b.fullWidthToHalfWidth;
    this.lowerCase = b.lowerCase;
    this.urlPlaceholder = b.urlPlaceholder;
    this.numberPlaceholder = b.numberPlaceholder;
    this.emojiPlaceholder = b.emojiPlaceholder;
  }

  /**
   * A builder with the defaults: NFKC, full-width folding, lower-casing and URL placeholders on; number
   * and emoji placeholders off (numbers and individual emoji often carry signal).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The default normalizer ({@code builder().build()}). */
  public static Normalizer standard() {
    return builder().build();
  }

  /** Whether Unicode NFKC is applied. */
  public boolean nfkc() {
    return nfkc;
  }

  /** Whether full-width ASCII variants and the ideographic space are folded to ASCII. */
  public boolean fullWidthToHalfWidth() {
    return fullWidthToHalfWidth;
  }

  /** Whether text is lower-cased (placeholders excepted). */
  public boolean lowerCase() {
    return lowerCase;
  }

  /** Whether URLs become {@link #URL}. */
  public boolean urlPlaceholder() {
    return urlPlaceholder;
  }

  /** Whether numbers become {@link #NUMBER}. */
  public boolean numberPlaceholder() {
    return numberPlaceholder;
  }

  /** Whether runs of emoji become {@link #EMOJI}. */
  public boolean emojiPlaceholder() {
    return emojiPlaceholder;
  }

  /** The normalized form of {@code text}. */
  public String normalize(String text) {
    Objects.requireNonNull(text, "text");
    String s = text;
    if (nfkc && !isAscii(s)) {
      s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC);
    }
    if (fullWidthToHalfWidth) {
      s = foldFullWidth(s);
    }
    if (urlPlaceholder) {
      s = replaceUrls(s);
    }
    if (emojiPlaceholder) {
      s = replaceEmoji(s);
    }
    if (numberPlaceholder) {
      s = replaceNumbers(s);
    }
    if (lowerCase) {
      s = lowerCaseOutsidePlaceholders(s);
    }
    return s;
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Full-width ASCII variants (U+FF01..U+FF5E) to ASCII and the ideographic space (U+3000) to a space;
   * returns {@code s} itself when nothing changes. Also used by the PII masker so that full-width digits
   * cannot hide a phone number.
   */
  public static String foldFullWidth(String s) {
    char[] chars = null;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      char folded = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
      if (folded != c) {
        if (chars == null) {
          chars = s.toCharArray();
        }
        chars[i] = folded;
      }
    }
    return chars == null ? s : new String(chars);
  }

  /**
   * A copy of a string with some spans replaced by {@code " PLACEHOLDER "} (spaced so the placeholder
   * stays a token of its own), spans given left to right; allocates only at the first replacement.
   */
  private static final class SpanReplacer {
    private final String s;
    private StringBuilder out;
    private int copied;

    SpanReplacer(String s) {
      this.s = s;
    }

    /** Replaces {@code s[start, end)}, which must not overlap an earlier span. */
    void replace(int start, int end, String placeholder) {
      if (out == null) {
        out = new StringBuilder(s.length() + 8);
      }
      out.append(s, copied, start).append(' ').append(placeholder).append(' ');
      copied = end;
    }

    /** The string with the replacements made: {@code s} itself when there were none. */
    String result() {
      return out == null ? s : out.append(s, copied, s.length()).toString();
    }
  }

  // ---------------------------------------------------------------- URLs

  private static String replaceUrls(String s) {
    SpanReplacer out = new SpanReplacer(s);
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int prefix = c == 'h' || c == 'H' || c == 'w' || c == 'W' ? urlPrefixLength(s, i) : 0;
      if (prefix > 0 && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
        int end = i + prefix;
        while (end < n && isUrlChar(s.charAt(end))) {
          end++;
        }
        while (end > i + prefix && isTrailingPunctuation(s.charAt(end - 1))) {
          end--;
        }
        if (end > i + prefix) {
          out.replace(i, end, URL);
          i = end;
          continue;
        }
      }
      i++;
    }
    return out.result();
  }

  private static int urlPrefixLength(String s, int i) {
    if (s.regionMatches(true, i, "https://", 0, 8)) {
      return 8;
    }
    if (s.regionMatches(true, i, "http://", 0, 7)) {
      return 7;
    }
    if (s.regionMatches(true, i, "www.", 0, 4)) {
      return 4;
    }
    return 0;
  }

  private static boolean isUrlChar(char c) {
    return c > ' ' && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\'' && c != '`';
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ',' || c == ')' || c == '!' || c == '?' || c == ';' || c == ':';
  }

  // ---------------------------------------------------------------- emoji

  /** Whether {@code cp} is an emoji (pictographs, emoticons, dingbats, flags) or an emoji modifier. */
  static boolean isEmoji(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
        || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x3030;
  }

  private static boolean isEmojiJoiner(int cp) {
    return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
  }

  private static String replaceEmoji(String s) {
    SpanReplacer out = new SpanReplacer(s);
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      if (isEmoji(cp)) {
        int end = i;
        while (end < n) {
          int c = s.codePointAt(end);
          if (!isEmoji(c) && !isEmojiJoiner(c)) {
            break;
          }
          end += Character.charCount(c);
        }
        out.replace(i, end, EMOJI);
        i = end;
      } else {
        i += Character.charCount(cp);
      }
    }
    return out.result();
  }

  // ---------------------------------------------------------------- numbers

  /**
   * Runs of ASCII digits (with inner '.' or ',' between digits) that are not glued to a Latin letter:
   * "3.5" and "100" become placeholders, "mp3" and "4g" stay.
   */
  private static String replaceNumbers(String s) {
    SpanReplacer out = new SpanReplacer(s);
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isLatinLetter(c)) {
        i = endOfWord(s, i);
      } else if (isDigit(c)) {
        int end = i + 1;
        while (end < n && (isDigit(s.charAt(end))
            || ((s.charAt(end) == '.' || s.charAt(end) == ',') && end + 1 < n && isDigit(s.charAt(end + 1))))) {
          end++;
        }
        if (end < n && isLatinLetter(s.charAt(end))) {
          end = endOfWord(s, end);
        } else {
          out.replace(i, end, NUMBER);
        }
        i = end;
      } else {
        i++;
      }
    }
    return out.result();
  }

  /** End (exclusive) of the run of Latin letters and ASCII digits starting at {@code i}. */
  private static int endOfWord(String s, int i) {
    int end = i;
    while (end < s.length() && (isLatinLetter(s.charAt(end)) || isDigit(s.charAt(end)))) {
      end++;
    }
    return end;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLatinLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  // ---------------------------------------------------------------- case

  private static String lowerCaseOutsidePlaceholders(String s) {
    int n = s.length();
    StringBuilder out = null;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '<') {
        int end = placeholderEnd(s, i);
        if (end > 0) {
          if (out != null) {
            out.append(s, i, end);
          }
          i = end;
          continue;
        }
      }
      if (c < 0x80) {
        char lowerAscii = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        if (lowerAscii != c && out == null) {
          out = new StringBuilder(n);
          out.append(s, 0, i);
        }
        if (out != null) {
          out.append(lowerAscii);
        }
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      int lower = Character.toLowerCase(cp);
      if (lower != cp && out == null) {
        out = new StringBuilder(n);
        out.append(s, 0, i);
      }
      if (out != null) {
        out.appendCodePoint(lower);
      }
      i += len;
    }
    return out == null ? s : out.toString();
  }

  /** End (exclusive) of a placeholder {@code <CAPITALS_OR_UNDERSCORES>} at {@code start}, or -1. */
  private static int placeholderEnd(String s, int start) {
    int i = start + 1;
    int n = s.length();
    while (i < n && ((s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') || s.charAt(i) == '_')) {
      i++;
    }
    return i > start + 1 && i < n && s.charAt(i) == '>' ? i + 1 : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalizer x && nfkc == x.nfkc && fullWidthToHalfWidth == x.fullWidthToHalfWidth
        && lowerCase == x.lowerCase && urlPlaceholder == x.urlPlaceholder
        && numberPlaceholder == x.numberPlaceholder && emojiPlaceholder == x.emojiPlaceholder;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nfkc, fullWidthToHalfWidth, lowerCase, urlPlaceholder, numberPlaceholder, emojiPlaceholder);
  }

  @Override
  public String toString() {
    return "Normalizer{nfkc=" + nfkc + ", fullWidthToHalfWidth=" + fullWidthToHalfWidth + ", lowerCase="
        + lowerCase + ", url=" + urlPlaceholder + ", number=" + numberPlaceholder + ", emoji=" + emojiPlaceholder
        + "}";
  }

  /** Fluent builder of {@link Normalizer}; every combination of switches is valid. */
  public static final class Builder {
    private boolean nfkc = true;
    private boolean fullWidthToHalfWidth = true;
    private boolean lowerCase = true;
    private boolean urlPlaceholder = true;
    private boolean numberPlaceholder;
    private boolean emojiPlaceholder;

    private Builder() {}

    /** Unicode NFKC compatibility normalization (default on). */
    public Builder nfkc(boolean on) {
      this.nfkc = on;
      return this;
    }

    /** Full-width ASCII variants and U+3000 to ASCII (default on; NFKC already does this). */
    public Builder fullWidthToHalfWidth(boolean on) {
      this.fullWidthToHalfWidth = on;
      return this;
    }

    /** Lower-casing, placeholders excepted (default on). */
    public Builder lowerCase(boolean on) {
      this.lowerCase = on;
      return this;
    }

    /** URLs (http://, https://, www.) to {@code <URL>} (default on). */
    public Builder urlPlaceholder(boolean on) {
      this.urlPlaceholder = on;
      return this;
    }

    /** Numbers to {@code <NUM>} (default off). */
    public Builder numberPlaceholder(boolean on) {
      this.numberPlaceholder = on;
      return this;
    }

    /** Runs of emoji to {@code <EMOJI>} (default off). */
    public Builder emojiPlaceholder(boolean on) {
      this.emojiPlaceholder = on;
      return this;
    }

    /** Builds the normalizer. */
    public Normalizer build() {
      return new Normalizer(this);
    }
  }
}
