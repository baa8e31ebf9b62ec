package io.mercato.text.privacy;

import com.google.common.net.InetAddresses;
import io.mercato.core.ConfigurationException;
import io.mercato.text.normalize.Normalizer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data desensitization: replaces personal data in raw text by typed placeholders ({@code <EMAIL>},
 * {@code <PHONE>}, {@code <ID_CARD>}, ...; see {@link PiiKind} for what each kind catches and leaves)
 * before anything else sees it, so that no personal data reaches a vocabulary, a model file or a log.
 *
 * <p>Every text model masks with {@link #standard()} unless told otherwise ({@link #none()} turns it off).
 * Each kind is a candidate pattern plus a validator, so that look-alikes survive: resident ids must carry a
 * known province code, a real birth date and the right check character; cards must pass the Luhn check and
 * start like a real card; IBANs must pass MOD 97-10; IPs must parse. Full-width ASCII ({@code １３８…}) is
 * folded to ASCII first so that it cannot hide a number. Not recognized: numbers written in words, and
 * anything {@link PiiKind} does not list.
 *
 * <p>Immutable and thread-safe.
 */
public final class PiiMasker {

  private static final String NOT_ALNUM_BEFORE = "(?<![0-9A-Za-z])";
  private static final String NOT_ALNUM_AFTER = "(?![0-9A-Za-z])";

  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
          + "\\.[A-Za-z]{2,24}" + NOT_ALNUM_AFTER);
  private static final String COMMON_TLD =
      "(?:com|cn|net|org|edu|gov|io|co|uk|de|fr|jp|hk|tw|sg|info|biz|me|us|ca|au|ru|in|nl|it|es)";
  private static final Pattern OBFUSCATED_EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])"
      + "[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
      + "(?:\\s*(?:\\[at]|\\(at\\)|\\{at}|<at>|@|艾特)\\s*|\\s+at\\s+)"
      + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
      + "(?:\\s*(?:\\[dot]|\\(dot\\)|\\{dot}|<dot>|点)\\s*|\\s+dot\\s+|\\.))+"
      + COMMON_TLD + NOT_ALNUM_AFTER, Pattern.CASE_INSENSITIVE);
  private static final Pattern IBAN = Pattern.compile(NOT_ALNUM_BEFORE
      + "[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?" + NOT_ALNUM_AFTER);
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![0-9A-Za-z.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9A-Za-z]|\\.\\d)");
  /** Starts after a non-address character, or after a label colon ("ip:fe80::1", "信息：fe80::1"). */
  private static final Pattern IPV6_CANDIDATE = Pattern.compile(
      "(?:(?<![0-9A-Za-z:.])|(?<=(?:^|[^0-9A-Fa-f:.]):))(?:::|[0-9A-Fa-f])[0-9A-Fa-f:.]{1,44}(?<=[0-9A-Fa-f:])"
          + "(?![0-9A-Za-z:])");
  private static final Pattern ID_CARD_18 = Pattern.compile(NOT_ALNUM_BEFORE + "[1-9]\\d{16}[0-9Xx]" + NOT_ALNUM_AFTER);
  private static final Pattern ID_CARD_15 = Pattern.compile(NOT_ALNUM_BEFORE + "[1-9]\\d{14}" + NOT_ALNUM_AFTER);
  private static final Pattern BANK_CARD = Pattern.compile(NOT_ALNUM_BEFORE
      + "(?:\\d{13,19}|\\d{4}(?:[ -]\\d{4}){3}(?:[ -]\\d{1,3})?|\\d{4}[ -]\\d{6}[ -]\\d{5})" + NOT_ALNUM_AFTER);
  private static final Pattern PASSPORT = Pattern.compile(NOT_ALNUM_BEFORE
      + "(?:[EG]\\d{8}|E[A-HJ-NP-Z]\\d{7}|[HM]\\d{8}(?:\\d{2})?)" + NOT_ALNUM_AFTER);
  /** Group 1 is the number; the word before it is kept. */
  private static final Pattern PASSPORT_AFTER_WORD = Pattern.compile(
      "(?<![A-Za-z])(?:passport|护照)(?:\\s|[:#.]|no|number|号码|号|是|为){0,4}([A-Z0-9]{6,9})" + NOT_ALNUM_AFTER,
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z+])(?:"
      + "(?:(?:\\+|00)86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}"            // mainland China mobile
      + "|\\+[1-9]\\d{0,2}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}"             // international, E.164 style
      + "|\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}"                               // North America (415) 555-2671
      + "|\\d{3}[-.]\\d{3}[-.]\\d{4}"                                     // North America 415-555-2671
      + "|0\\d{2,3}[ -]\\d{3,4}[ -]?\\d{4}"                              // trunk prefix: 010-12345678, 020 7946 0958
      + "|\\(0\\d{2,3}\\) ?\\d{3,4}[ -]?\\d{4}"                          // (0755) 8888-6666
      + ")" + NOT_ALNUM_AFTER);
  /** Group 1 is the number; the word before it is kept. */
  private static final Pattern LOCAL_PHONE_AFTER_WORD = Pattern.compile(
      "(?<![A-Za-z])(?:电话|手机|座机|致电|热线|传真|tel|phone|call|fax|mobile|cell)(?:\\s|[.:]|no|号码|号|是|为){0,4}"
          + "(\\d{3,4}[ -]?\\d{4})" + NOT_ALNUM_AFTER, Pattern.CASE_INSENSITIVE);
  private static final Pattern ADDRESS = Pattern.compile(
      NOT_ALNUM_BEFORE + "\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][A-Za-z'.-]*\\s+){1,4}"
          + "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Way"
          + "|Parkway|Pkwy|Square|Sq|Highway|Hwy)(?![A-Za-z])\\.?"
          + "|(?:[\\u4e00-\\u9fa5]{1,6}(?:省|市|区|县))*[\\u4e00-\\u9fa5]{1,6}(?:路|街|大道|巷|弄)\\d{1,5}[号號]"
          + "(?:之?(?:[A-Za-z]\\d{0,4}|\\d{1,4})(?:栋|幢|座|号楼|单元|楼|层|室|号))*");

  /** ISO 7064 MOD 11-2 weights of the first 17 digits of a Chinese resident id (2^(17-i) mod 11). */
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  /** Check character for each remainder 0..10 of the weighted sum mod 11. */
  private static final String ID_CHECK = "10X98765432";
  /** The first two digits of a Chinese resident id: the province-level division (GB/T 2260), 81-83 permits. */
  private static final Set<Integer> PROVINCES = Set.of(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36,
      37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83);
  /** IBAN length of every country in the ISO 13616 registry ("DE22": Germany, 22 characters). */
  private static final Map<String, Integer> IBAN_LENGTHS = java.util.Arrays.stream((
      "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20").split(" ")).collect(java.util.stream.Collectors.toUnmodifiableMap(
          e -> e.substring(0, 2), e -> Integer.parseInt(e.substring(2))));
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  /** One pattern of one kind, run only when its cheap guard says the text might hold a match. */
  private record Rule(PiiKind kind, Pattern pattern, Predicate<Signals> guard, Validator validator) {
  }

  /** How much of a candidate match is personal data: its length, a shorter prefix, or -1 for none. */
  @FunctionalInterface
  private interface Validator {
    int validLength(String candidate);
  }

  private static final Validator WHOLE = String::length;

  /** The rules in the order they run: a span masked by an earlier rule is no longer seen by later ones. */
  private static final List<Rule> RULES = List.of(
      new Rule(PiiKind.EMAIL, EMAIL, g -> g.at, WHOLE),
      new Rule(PiiKind.EMAIL, OBFUSCATED_EMAIL, g -> g.at || g.obfuscatedAt, WHOLE),
      new Rule(PiiKind.IBAN, IBAN, g -> g.ibanStart, PiiMasker::ibanLength),
      new Rule(PiiKind.IP, IPV6_CANDIDATE, g -> g.colons >= 2, PiiMasker::ipv6Length),
      new Rule(PiiKind.IP, IPV4, g -> g.maxDotsInDigitRun >= 3, WHOLE),
      new Rule(PiiKind.ID_CARD, ID_CARD_18, g -> g.maxDigitRun >= 17, m -> isValidResidentId(m) ? m.length() : -1),
      new Rule(PiiKind.ID_CARD, ID_CARD_15, g -> g.maxDigitRun >= 15,
          m -> isValidLegacyResidentId(m) ? m.length() : -1),
      new Rule(PiiKind.BANK_CARD, BANK_CARD, g -> g.maxGroupedDigits >= 13, PiiMasker::bankCardLength),
      new Rule(PiiKind.PASSPORT, PASSPORT, g -> g.maxDigitRun >= 7, WHOLE),
      new Rule(PiiKind.PASSPORT, PASSPORT_AFTER_WORD, g -> g.passportWord,
          m -> digitsOf(m).length() >= 6 ? m.length() : -1),
      new Rule(PiiKind.PHONE, PHONE, g -> g.maxGroupedDigits >= 7, PiiMasker::phoneLength),
      new Rule(PiiKind.PHONE, LOCAL_PHONE_AFTER_WORD, g -> g.maxGroupedDigits >= 7, WHOLE),
      new Rule(PiiKind.ADDRESS, ADDRESS, g -> g.houseNumberThenCapital || g.cjkRoadNumber, WHOLE));

  private static final PiiMasker NONE = new PiiMasker(EnumSet.noneOf(PiiKind.class));
  private static final PiiMasker STANDARD = new PiiMasker(EnumSet.allOf(PiiKind.class));

  private final Set<PiiKind> kinds;
  private final List<Rule> rules;

  private PiiMasker(Set<PiiKind> kinds) {
    this.kinds = Set.copyOf(kinds);
    this.rules = RULES.stream().filter(r -> kinds.contains(r.kind())).toList();
  }

  /** A masker for every kind: the default of every text pipeline. */
  public static PiiMasker standard() {
    return STANDARD;
  }

  /**
   * A masker that masks nothing: the explicit opt-out. Models trained with it record so, and say so with a
   * warning when loaded.
   */
  public static PiiMasker none() {
    return NONE;
  }

  /** A builder to choose the kinds (all by default). */
  public static Builder builder() {
    return new Builder();
  }

  /** The kinds masked (empty for {@link #none()}). */
  public Set<PiiKind> kinds() {
    return kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds);
  }

  /** Whether this masker masks nothing ({@link #none()}). */
  public boolean masksNothing() {
    return kinds.isEmpty();
  }

  /**
   * {@code text} with every recognized piece of personal data replaced by its kind's placeholder ({@code text}
   * itself when there is none). One cheap scan of the characters decides which patterns can match at all,
   * so that the common text without personal data costs little more than reading it.
   */
  public String mask(String text) {
    Objects.requireNonNull(text, "text");
    if (rules.isEmpty()) {
      return text;
    }
    Signals signals = new Signals(text);
    String folded = null;
    String s = null;
    for (Rule rule : rules) {
      if (rule.guard().test(signals)) {
        if (s == null) {
          s = folded = Normalizer.foldFullWidth(text);
        }
        s = replace(s, rule);   // the same string when nothing matched
      }
    }
    return s == folded ? text : s;
  }

  /**
   * What one pass over a text's characters says about which patterns can match (full-width digits and
   * letters count as ASCII, as the rules see them after folding).
   */
  private static final class Signals {
    boolean at;
    boolean obfuscatedAt;
    boolean ibanStart;
    boolean passportWord;
    boolean houseNumberThenCapital;
    boolean cjkRoadNumber;
    int colons;
    int maxDigitRun;
    int maxGroupedDigits;
    int maxDotsInDigitRun;

    Signals(String text) {
      int n = text.length();
      boolean wordAt = false;
      boolean wordDot = false;
      int digitRun = 0;
      int groupedDigits = 0;
      int separatorsInARow = 0;
      int dotsInRun = 0;
      boolean inDigitDotRun = false;
      char prev2 = ' ';
      char prev = ' ';
      for (int i = 0; i < n; i++) {
        char c = fold(text.charAt(i));
        boolean digit = c >= '0' && c <= '9';
        if (digit) {
          digitRun++;
          groupedDigits++;
          separatorsInARow = 0;
          if (!inDigitDotRun) {
            inDigitDotRun = true;
            dotsInRun = 0;
          }
          maxDigitRun = Math.max(maxDigitRun, digitRun);
          maxGroupedDigits = Math.max(maxGroupedDigits, groupedDigits);
        } else {
          digitRun = 0;
          if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+') {
            if (++separatorsInARow > 2) {
              groupedDigits = 0;
            }
          } else {
            groupedDigits = 0;
            separatorsInARow = 0;
          }
          if (c == '.' && inDigitDotRun && prev >= '0' && prev <= '9') {
            maxDotsInDigitRun = Math.max(maxDotsInDigitRun, ++dotsInRun);
          } else if (c != '.') {
            inDigitDotRun = false;
          }
        }
        switch (c) {
          case '@' -> at = true;
          case ':' -> colons++;
          case '号', '號' -> cjkRoadNumber |= prev >= '0' && prev <= '9';
          case '特' -> obfuscatedAt |= prev == '艾';
          case '照' -> passportWord |= prev == '护';
          default -> { }
        }
        if (i + 1 < n) {
          char next = fold(text.charAt(i + 1));
          char after = i + 2 < n ? fold(text.charAt(i + 2)) : ' ';
          if ((c | 0x20) == 'a' && (next | 0x20) == 't' && !isLetter(prev) && !isLetter(after)) {
            boolean bracket = prev == '[' || prev == '(' || prev == '{' || prev == '<';
            obfuscatedAt |= bracket;
            wordAt |= !bracket && Character.isWhitespace(prev) && Character.isWhitespace(after);
          }
          if ((c | 0x20) == 'd' && (next | 0x20) == 'o' && (after | 0x20) == 't' && !isLetter(prev)) {
            wordDot = true;
          }
          if ((c | 0x20) == 'p' && text.regionMatches(true, i, "passport", 0, 8)) {
            passportWord = true;
          }
          if (c >= 'A' && c <= 'Z' && next >= 'A' && next <= 'Z' && !isLetterOrDigit(prev) && i + 3 < n) {
            char d1 = fold(text.charAt(i + 2));
            char d2 = fold(text.charAt(i + 3));
            ibanStart |= d1 >= '0' && d1 <= '9' && d2 >= '0' && d2 <= '9';
          }
          if (Character.isWhitespace(c) && next >= 'A' && next <= 'Z'
              && (prev >= '0' && prev <= '9' || (isLetter(prev) && prev2 >= '0' && prev2 <= '9'))) {
            houseNumberThenCapital = true;
          }
        }
        prev2 = prev;
        prev = c;
      }
      obfuscatedAt |= wordAt && wordDot;
    }

    private static char fold(char c) {
      return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
    }

    private static boolean isLetter(char c) {
      return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static boolean isLetterOrDigit(char c) {
      return isLetter(c) || (c >= '0' && c <= '9');
    }
  }

  /** Replaces each validated match (group 1 if the pattern has one: the rest is context) by the placeholder. */
  private static String replace(String s, Rule rule) {
    Matcher m = rule.pattern().matcher(s);
    int group = m.groupCount() > 0 ? 1 : 0;
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      int length = rule.validator().validLength(m.group(group));
      if (length <= 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, m.start(group)).append(rule.kind().placeholder());
      copied = m.start(group) + length;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  private static int ipv6Length(String candidate) {
    int colons = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (candidate.charAt(i) == ':') {
        colons++;
      }
    }
    return colons >= 2 && InetAddresses.isInetAddress(candidate) ? candidate.length() : -1;
  }

  /**
   * Whether an 18-character id has a known province code, a real birth date (1900 to 2099) and the right
   * ISO 7064 MOD 11-2 check character.
   */
  static boolean isValidResidentId(String id) {
    if (id.length() != 18 || !isDigits(id, 0, 17) || !hasResidentIdPrefix(id, 8)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return Character.toUpperCase(id.charAt(17)) == ID_CHECK.charAt(sum % 11);
  }

  /** Whether a 15-digit number is a legacy resident id: known province code and a real 19YYMMDD birth date. */
  static boolean isValidLegacyResidentId(String id) {
    return id.length() == 15 && isDigits(id, 0, 15) && hasResidentIdPrefix(id, 6);
  }

  /**
   * Whether {@code id} starts with a known province code and carries a real birth date at position 6, of
   * {@code yearDigits} 8 (YYYYMMDD, 1900-2099) or 6 (YYMMDD, 19YY).
   */
  private static boolean hasResidentIdPrefix(String id, int yearDigits) {
    if (!PROVINCES.contains(Integer.parseInt(id.substring(0, 2)))) {
      return false;
    }
    int dateEnd = 6 + yearDigits;
    int year = Integer.parseInt(id.substring(6, dateEnd - 4)) + (yearDigits == 6 ? 1900 : 0);
    int month = Integer.parseInt(id.substring(dateEnd - 4, dateEnd - 2));
    int day = Integer.parseInt(id.substring(dateEnd - 2, dateEnd));
    return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1
        && day <= java.time.YearMonth.of(year, month).lengthOfMonth();
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether a string of digits passes the Luhn (mod 10) check. */
  static boolean passesLuhn(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** Whether the digits of a number start the way a payment card of a real network does, for its length. */
  static boolean hasCardPrefix(String digits) {
    int n = digits.length();
    int two = Integer.parseInt(digits.substring(0, 2));
    int four = Integer.parseInt(digits.substring(0, 4));
    return switch (digits.charAt(0)) {
      case '4' -> n == 13 || n == 16 || n == 19;                           // Visa
      case '5' -> n >= 16;                                                 // Mastercard 51-55, Maestro 50/56-59
      case '2' -> n == 16 && four >= 2221 && four <= 2720;                 // Mastercard 2-series
      case '3' -> two == 34 || two == 37 ? n == 15                         // Amex
          : (two == 30 || two == 36 || two == 38 || two == 39) ? n >= 14   // Diners
          : two == 35 && n >= 16;                                          // JCB
      case '6' -> n >= 16;                                                 // UnionPay, Discover, Maestro
      default -> false;
    };
  }

  /**
   * The whole candidate if it is a card number; else, for grouped numbers, the candidate without its last
   * group if that is. An 18-digit number shaped like a resident id (province and birth date) is not a card.
   */
  private static int bankCardLength(String candidate) {
    int end = candidate.length();
    while (end > 0) {
      String digits = digitsOf(candidate.substring(0, end));
      if (digits.length() < 13) {
        return -1;
      }
      if (digits.length() <= 19 && passesLuhn(digits) && hasCardPrefix(digits)
          && !(digits.length() == 18 && hasResidentIdPrefix(digits, 8))) {
        return end;
      }
      end = Math.max(candidate.lastIndexOf(' ', end - 1), candidate.lastIndexOf('-', end - 1));
    }
    return -1;
  }

  /** The candidate's length if it is an IBAN: a registry country, its length, and MOD 97-10 = 1. */
  private static int ibanLength(String candidate) {
    String iban = candidate.replace(" ", "");
    Integer expected = IBAN_LENGTHS.get(iban.substring(0, 2));
    if (expected == null || iban.length() != expected) {
      return -1;
    }
    StringBuilder numeric = new StringBuilder(iban.length() * 2);
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      numeric.append(c >= 'A' && c <= 'Z' ? Integer.toString(c - 'A' + 10) : String.valueOf(c));
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1 ? candidate.length() : -1;
  }

  private static int phoneLength(String candidate) {
    int count = digitsOf(candidate).length();
    return count >= 7 && count <= 15 ? candidate.length() : -1;
  }

  private static String digitsOf(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PiiMasker p && kinds.equals(p.kinds);
  }

  @Override
  public int hashCode() {
    return kinds.hashCode();
  }

  @Override
  public String toString() {
    return kinds.isEmpty() ? "PiiMasker.none" : "PiiMasker" + kinds();
  }

  /** Chooses the kinds to mask. */
  public static final class Builder {
    private final EnumSet<PiiKind> kinds = EnumSet.allOf(PiiKind.class);

    private Builder() {}

    /** Mask exactly these kinds. */
    public Builder kinds(PiiKind... chosen) {
      kinds.clear();
      kinds.addAll(List.of(chosen));
      return this;
    }

    /** Also mask {@code kind}. */
    public Builder mask(PiiKind kind) {
      kinds.add(Objects.requireNonNull(kind, "kind"));
      return this;
    }

    /** Do not mask {@code kind}. */
    public Builder keep(PiiKind kind) {
      kinds.remove(Objects.requireNonNull(kind, "kind"));
      return this;
    }

    /** Builds; at least one kind must be chosen (use {@link PiiMasker#none()} to mask nothing). */
    public PiiMasker build() {
      if (kinds.isEmpty()) {
        throw ConfigurationException.invalid("kinds", new ArrayList<>(kinds),
            "at least one of " + List.of(PiiKind.values()) + " (use PiiMasker.none() to mask nothing)");
      }
      return new PiiMasker(kinds);
    }
  }
}
