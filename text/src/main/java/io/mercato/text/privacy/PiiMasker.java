package io.mercato.text.privacy;

import com.google.common.net.InetAddresses;
import io.mercato.core.ConfigurationException;
import io.mercato.text.normalize.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
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
  /** Group 1 is the number; the word before it is kept. */
  private static final Pattern LOCAL_PHONE_AFTER_WORD = Pattern.compile(
      "(?<![A-Za-z])(?:电话|手机|座机|致电|热线|传真|tel|phone|call|fax|mobile|cell)(?:\\s|[.:]|no|号码|号|是|为){0,4}"
          + "(\\d{3,4}[ -]?\\d{4})" + NOT_ALNUM_AFTER, Pattern.CASE_INSENSITIVE);
  private static final String STREET_TYPES = "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court"
      + "|Ct|Place|Pl|Terrace|Way|Parkway|Pkwy|Square|Sq|Highway|Hwy";
  private static final List<String> STREET_TYPE_WORDS = List.of(STREET_TYPES.split("\\|"));
  private static final Pattern ENGLISH_ADDRESS = Pattern.compile(
      NOT_ALNUM_BEFORE + "\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][A-Za-z'.-]*\\s+){1,4}(?:" + STREET_TYPES + ")(?![A-Za-z])\\.?");
  private static final Pattern CHINESE_ADDRESS = Pattern.compile(
      "(?:[\\u4e00-\\u9fa5]{1,6}(?:省|市|区|县))*[\\u4e00-\\u9fa5]{1,6}(?:路|街|大道|巷|弄)\\d{1,5}[号號]"
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

  /**
   * Where a rule's matcher tries: every place a match can start or lie, found by a cheap scan so that the
   * pattern never runs over the rest of the text. Each scope finds what a search of the whole text would.
   */
  @FunctionalInterface
  private interface Scope {
    void search(String s, Signals signals, Masking out);

    /** Where {@code canStart} holds, anywhere. */
    static Scope startingAt(StartTest canStart) {
      return (s, signals, out) -> out.findAllStartingAt(0, s.length(), canStart);
    }

    /**
     * In the run of Chinese characters before each number of 1 to 5 digits that a road character (路 街 道 巷
     * 弄) precedes and 号 or 號 follows: a Chinese address is such a run (road and the divisions before it),
     * the number and 号, so none starts elsewhere.
     */
    Scope IN_RUNS_BEFORE_ROAD_NUMBERS = (s, signals, out) -> {
      for (int i = signals.firstNumberSign, n = s.length(); i < n; i++) {
        char c = s.charAt(i);
        if (c == '号' || c == '號') {
          int digits = i;
          while (digits > 0 && isAsciiDigit(s.charAt(digits - 1))) {
            digits--;
          }
          if (digits < i && i - digits <= 5 && digits > 0 && "路街道巷弄".indexOf(s.charAt(digits - 1)) >= 0) {
            int from = digits - 1;
            while (from > 0 && isCjkIdeograph(s.charAt(from - 1))) {
              from--;
            }
            for (int start = from; start < digits - 1; start++) {
              out.matchAt(start);
            }
          }
        }
      }
    };

    /** Exactly where a phone word starts shortly before a digit group ({@link Signals#phoneWordStarts}). */
    Scope AT_PHONE_WORDS = (s, signals, out) -> signals.phoneWordStarts(s, out::matchAt);

    /** The local part before each {@code @}, from its first character not yet replaced: a plain e-mail. */
    Scope BEFORE_AT_SIGNS = (s, signals, out) -> {
      for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
        int start = Math.max(localPartStart(s, at), out.ruleMaskedUpTo());
        if (start < at) {
          out.matchAt(start);
        }
      }
    };

    /**
     * The start of the local part before each written-out at ({@code @}, 艾特, {@code [at]}, " at ", ...) and
     * the spaces before it: the only place an obfuscated e-mail, which needs no local character before it,
     * can start.
     */
    Scope BEFORE_AT_WORDS = (s, signals, out) -> {
      int previous = -1;
      for (int i = 0, n = s.length(); i < n; i++) {
        char c = s.charAt(i);
        int end;
        if (c == '@' || c == '艾' && i + 1 < n && s.charAt(i + 1) == '特') {
          end = i;
        } else if ((c | 0x20) == 'a' && i > 0 && i + 1 < n && (s.charAt(i + 1) | 0x20) == 't'
            && !isLocalPartChar(s.charAt(i - 1))) {
          end = "[({<".indexOf(s.charAt(i - 1)) >= 0 ? i - 1 : i;
        } else {
          continue;
        }
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
          end--;
        }
        int start = localPartStart(s, end);
        if (start < end && start != previous) {
          out.matchAt(start);
          previous = start;
        }
      }
    };

    /**
     * Each place two capitals, two digits start after a non-alphanumeric: the country and check of an IBAN
     * (from the first place the pre-scan saw two capitals before two digits).
     */
    Scope AT_IBAN_STARTS = (s, signals, out) -> {
      for (int i = signals.firstIbanStart, n = s.length(); i + 3 < n; i++) {
        if (isAsciiUpper(s.charAt(i)) && isAsciiUpper(s.charAt(i + 1)) && isAsciiDigit(s.charAt(i + 2))
            && isAsciiDigit(s.charAt(i + 3)) && (i == 0 || !isAsciiAlnum(s.charAt(i - 1)))) {
          out.matchAt(i);
        }
      }
    };

    /**
     * Around each run of 7+ grouped digits: every match holds such a run and starts at most
     * {@code contextBeforeDigits} characters before it, where {@code canStart} holds.
     */
    static Scope nearDigitGroups(int contextBeforeDigits, StartTest canStart) {
      return (s, signals, out) -> {   // the windows around the groups not masked yet, overlapping ones merged
        int[] groups = signals.digitGroups;
        int w = nextUnmaskedGroup(s, signals, 0);
        while (w < signals.digitGroupCount) {
          int from = Math.max(0, groups[2 * w] - contextBeforeDigits);
          int to = Math.min(s.length(), groups[2 * w + 1] + 1);
          while ((w = nextUnmaskedGroup(s, signals, w + 1)) < signals.digitGroupCount
              && groups[2 * w] - contextBeforeDigits <= to) {
            to = Math.min(s.length(), groups[2 * w + 1] + 1);
          }
          out.findAllStartingAt(from, to, canStart);
        }
      };
    }

    /** The first digit group from {@code g} on whose first or last digit an earlier rule did not mask. */
    private static int nextUnmaskedGroup(String s, Signals signals, int g) {
      while (g < signals.digitGroupCount && s.charAt(signals.digitGroups[2 * g]) == Masking.MASKED
          && s.charAt(signals.digitGroups[2 * g + 1] - 1) == Masking.MASKED) {
        g++;
      }
      return g;
    }

    /**
     * Inside each run of {@code member} characters that holds at least {@code minMarkers} {@code marker}s: for a
     * pattern that consumes only such characters (look-arounds still see the whole text).
     */
    static Scope runsHolding(IntPredicate member, char marker, int minMarkers) {
      return (s, signals, out) -> {
        for (int i = s.indexOf(marker); i >= 0; i = s.indexOf(marker, i)) {
          int from = i;
          while (from > 0 && member.test(s.charAt(from - 1))) {
            from--;
          }
          int markers = 0;
          for (; i < s.length() && member.test(s.charAt(i)); i++) {
            markers += s.charAt(i) == marker ? 1 : 0;
          }
          if (markers >= minMarkers) {
            out.findAll(from, i);
          }
        }
      };
    }
  }

  /** Whether a match of a rule's pattern can start at {@code p} of the text searched. */
  @FunctionalInterface
  private interface StartTest {
    boolean test(String s, int p);

    /** A character that {@code first} accepts and no ASCII letter or digit comes before. */
    static StartTest wordStartingWith(IntPredicate first) {
      return (s, p) -> first.test(s.charAt(p)) && (p == 0 || !isAsciiAlnum(s.charAt(p - 1)));
    }

    /** Where a number starts: an ASCII digit that no ASCII letter or digit comes before. */
    StartTest NUMBER = wordStartingWith(c -> isAsciiDigit((char) c));

    /** Where a {@link #NUMBER} with at least {@code digits} ASCII digits in a row starts. */
    static StartTest numberOfAtLeast(int digits) {
      return (s, p) -> NUMBER.test(s, p) && digitsFrom(s, p, Math.min(s.length(), p + digits)) == digits;
    }

    /**
     * Where a house number starts: a {@link #NUMBER} of at most 5 digits, perhaps a letter, and a white space
     * ({@code \d{1,5}[A-Za-z]?\s}, as an English address starts).
     */
    StartTest HOUSE_NUMBER = (s, p) -> {
      if (!NUMBER.test(s, p)) {
        return false;
      }
      int q = p + digitsFrom(s, p, Math.min(s.length(), p + 6));
      if (q - p > 5) {
        return false;
      }
      if (q < s.length() && isAsciiAlnum(s.charAt(q))) {   // a letter: the digits stopped before it
        q++;
      }
      return q < s.length() && isRegexSpace(s.charAt(q));
    };

    /** Where a phone number starts: an ASCII digit, {@code +} or {@code (} that no ASCII letter or digit comes before. */
    StartTest PHONE_NUMBER = wordStartingWith(c -> isAsciiDigit((char) c) || c == '+' || c == '(');

    /** The first letter of "passport" (either case) or of 护照. */
    StartTest PASSPORT_WORD = (s, p) -> {
      char c = s.charAt(p);
      return (c | 0x20) == 'p' || c == '护';
    };
  }

  /**
   * One pattern of one kind, run only when its cheap guard says the text might hold a match, and only in its
   * scope. The pattern is a regular expression, or (for the phone numbers, the most frequent kind) a
   * hand-written {@link Scanner}; exactly one of {@code pattern} and {@code scanner} is set.
   */
  private record Rule(PiiKind kind, Pattern pattern, Scanner scanner, Predicate<Signals> guard,
      Validator validator, Scope scope) {

    Rule(PiiKind kind, Pattern pattern, Predicate<Signals> guard, Validator validator, Scope scope) {
      this(kind, pattern, null, guard, validator, scope);
    }

    Rule(PiiKind kind, Scanner scanner, Predicate<Signals> guard, Validator validator, Scope scope) {
      this(kind, null, scanner, guard, validator, scope);
    }
  }

  /**
   * A pattern matched by hand: where its match that starts at {@code start} ends, consuming nothing at or
   * after {@code regionEnd} (a look-ahead still sees the whole text), or -1 if none starts there.
   */
  @FunctionalInterface
  private interface Scanner {
    int matchEnd(String s, int start, int regionEnd);
  }

  /** How much of a candidate match is personal data: its length, a shorter prefix, or -1 for none. */
  @FunctionalInterface
  private interface Validator {
    int validLength(String candidate);
  }

  /** The whole candidate is personal data ({@link Masking#accept} then copies no candidate out). */
  private static final Validator WHOLE = String::length;

  /** Characters before its number that a local phone's match may start with ("phone no. "). */
  private static final int LOCAL_PHONE_CONTEXT = 24;

  /** The rules in the order they run: a span masked by an earlier rule is no longer seen by later ones. */
  private static final List<Rule> RULES = List.of(
      new Rule(PiiKind.EMAIL, EMAIL, g -> g.at, WHOLE, Scope.BEFORE_AT_SIGNS),
      new Rule(PiiKind.EMAIL, OBFUSCATED_EMAIL, g -> g.at || g.obfuscatedAt, WHOLE, Scope.BEFORE_AT_WORDS),
      new Rule(PiiKind.IBAN, IBAN, g -> g.ibanStart, PiiMasker::ibanLength, Scope.AT_IBAN_STARTS),
      new Rule(PiiKind.IP, IPV6_CANDIDATE, g -> g.maxColonsInHexRun >= 2, PiiMasker::ipv6Length,
          Scope.runsHolding(c -> c == ':' || c == '.' || isAsciiHex((char) c), ':', 2)),
      new Rule(PiiKind.IP, IPV4, g -> g.maxDotsInDigitRun >= 3, WHOLE,
          Scope.runsHolding(c -> c == '.' || c >= '0' && c <= '9', '.', 3)),
      new Rule(PiiKind.ID_CARD, ID_CARD_18, g -> g.maxDigitRun >= 17,
          m -> isValidResidentId(m) ? m.length() : -1, Scope.nearDigitGroups(0, StartTest.numberOfAtLeast(17))),
      new Rule(PiiKind.ID_CARD, ID_CARD_15, g -> g.maxDigitRun >= 15,
          m -> isValidLegacyResidentId(m) ? m.length() : -1,
          Scope.nearDigitGroups(0, StartTest.numberOfAtLeast(15))),
      new Rule(PiiKind.BANK_CARD, BANK_CARD, g -> g.maxGroupedDigits >= 13, PiiMasker::bankCardLength,
          Scope.nearDigitGroups(0, StartTest.numberOfAtLeast(4))),
      new Rule(PiiKind.PASSPORT, PASSPORT, g -> g.passportShape, WHOLE,
          Scope.nearDigitGroups(2, StartTest.wordStartingWith(c -> c == 'E' || c == 'G' || c == 'H' || c == 'M'))),
      new Rule(PiiKind.PASSPORT, PASSPORT_AFTER_WORD, g -> g.passportWord,
          m -> digitCount(m) >= 6 ? m.length() : -1, Scope.startingAt(StartTest.PASSPORT_WORD)),
      new Rule(PiiKind.PHONE, PiiMasker::phoneEnd, g -> g.maxGroupedDigits >= 7, PiiMasker::phoneLength,
          Scope.nearDigitGroups(2, StartTest.PHONE_NUMBER)),
      new Rule(PiiKind.PHONE, LOCAL_PHONE_AFTER_WORD, g -> g.maxGroupedDigits >= 7,
          WHOLE, Scope.AT_PHONE_WORDS),
      new Rule(PiiKind.ADDRESS, ENGLISH_ADDRESS, g -> g.houseNumberThenCapital && g.hasStreetTypeWord(), WHOLE,
          Scope.startingAt(StartTest.HOUSE_NUMBER)),
      new Rule(PiiKind.ADDRESS, CHINESE_ADDRESS, g -> g.cjkRoadNumber, WHOLE, Scope.IN_RUNS_BEFORE_ROAD_NUMBERS));

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
    if (!Signals.mayMatch(text)) {
      return text;
    }
    Signals signals = new Signals(text);
    Masking masking = null;
    for (Rule rule : rules) {
      if (rule.guard().test(signals)) {
        if (masking == null) {
          masking = new Masking(signals.foldsFullWidth ? Normalizer.foldFullWidth(text) : text);
        }
        masking.apply(rule, signals);
      }
    }
    return masking == null ? text : masking.result(text);
  }

  /** Digits grouped by separators that every digit rule's match holds at least (a 7-digit local phone). */
  private static final int MIN_GROUPED_DIGITS = 7;
  /** Separators in a row that still join two digit groups into one ({@code ") ("} in a phone number). */
  private static final int MAX_SEPARATORS_IN_GROUP = 3;
  /** Words that may come right before a local phone number (lower case; see LOCAL_PHONE_AFTER_WORD). */
  private static final List<String> PHONE_WORDS = List.of("tel", "phone", "call", "fax", "mobile", "cell", "电话",
      "手机", "座机", "致电", "热线", "传真");
  /** Whether a (lower-cased) character is the first of one of {@link #PHONE_WORDS}. */
  private static final boolean[] STARTS_PHONE_WORD = new boolean[0x10000];

  static {
    PHONE_WORDS.forEach(word -> STARTS_PHONE_WORD[word.charAt(0)] = true);
  }

  /**
   * What one pass over a text's characters says about which patterns can match (full-width digits and
   * letters count as ASCII, as the rules see them after folding).
   */
  private static final class Signals {
    boolean at;
    boolean obfuscatedAt;
    boolean ibanStart;
    /** Where the first two capitals before two digits start (if {@link #ibanStart}). */
    int firstIbanStart;
    boolean passportWord;
    boolean passportShape;
    boolean houseNumberThenCapital;
    /** Where the first capital after a house number is ({@code Integer.MAX_VALUE} when there is none). */
    int firstHouseNumberCapital = Integer.MAX_VALUE;
    boolean cjkRoadNumber;
    /** Where the first 号 or 號 right after a digit is ({@code Integer.MAX_VALUE} when there is none). */
    int firstNumberSign = Integer.MAX_VALUE;
    /** The most colons in one run of hex digits and colons (an IPv6 address has 2 or more). */
    int maxColonsInHexRun;
    int maxDigitRun;
    int maxGroupedDigits;
    /** Start and end (of the first and last digit) of each run of 7+ grouped digits, in pairs. */
    int[] digitGroups = new int[8];
    int digitGroupCount;
    int maxDotsInDigitRun;
    /** Whether the text holds a full-width form or an ideographic space (folding changes it). */
    boolean foldsFullWidth;

    /** What {@link #mayMatch} does with an ASCII character: pass over it ({@link #PLAIN}), only right after a digit ({@link #CAPITAL}), or look at it ({@link #TRIGGER}). */
    private static final byte[] ASCII_ROLE = new byte[0x80];
    private static final byte PLAIN = 0;
    /** A capital but P and T: it matters only right after a digit (a house number: "221B Baker"). */
    private static final byte CAPITAL = 1;
    private static final byte TRIGGER = 2;

    static {
      for (char c = 0; c < 0x80; c++) {
        ASCII_ROLE[c] = isDigit(c) || c == '@' || c == ':' || (c | 0x20) == 'p' || (c | 0x20) == 't' ? TRIGGER
            : isUpper(c) ? CAPITAL : PLAIN;
      }
    }

    /**
     * Whether any rule can match at all: every pattern needs 7+ digits grouped by separators, an {@code @},
     * 艾特, a bracketed "at", the words "at" and "dot", a colon between hex digits (IPv6), three dots between
     * digits (IPv4), two capitals before two digits (IBAN), a house number before a capitalized word, a number
     * before 号, or the word passport or 护照. Most texts have none of these; the loop passes over their
     * characters with one table lookup each (a capital too, unless a digit was just before it), and looks back
     * at the few before an interesting one.
     */
    static boolean mayMatch(String text) {
      boolean wordAt = false;
      boolean wordDot = false;
      int groupedDigits = 0;
      int lastDigit = -10;
      for (int i = 0, n = text.length(); i < n; i++) {
        if (i - lastDigit > 3 && (i = skipPlain(text, i, n)) == n) {
          break;
        }
        char raw = text.charAt(i);
        if (raw < 0x80) {
          byte role = ASCII_ROLE[raw];
          if (role == PLAIN || role == CAPITAL && i - lastDigit > 3) {
            continue;
          }
        } else if (raw < 0x3000 || raw > 0xFF5E
            || raw > 0x3000 && raw < 0xFF01 && raw != '特' && raw != '照' && raw != '号' && raw != '號') {
          continue;
        }
        char c = fold(raw);
        if (isDigit(c)) {
          groupedDigits = onlySeparatorsBetween(text, lastDigit, i) ? groupedDigits + 1 : 1;
          lastDigit = i;
          char p1 = before(text, i, 1);
          if (groupedDigits >= MIN_GROUPED_DIGITS || p1 == '.' && dotsInDigitRunBefore(text, i) >= 3
              || isDigit(p1) && isUpper(before(text, i, 2)) && isUpper(before(text, i, 3))) {
            return true;
          }
        } else if (isLetter(c)) {
          if (isUpper(c) && i - lastDigit <= 3 && isSpace(before(text, i, 1))
              && (isDigit(before(text, i, 2)) || isLetter(before(text, i, 2)) && isDigit(before(text, i, 3)))) {
            char next = i + 1 < n ? fold(text.charAt(i + 1)) : ' ';
            if (next >= 'a' && next <= 'z') {
              return true;   // "221B Baker": perhaps an address
            }
          }
          char lower = (char) (c | 0x20);
          if (lower == 'p') {
            if (i + 8 <= n && !isLetter(before(text, i, 1)) && text.regionMatches(true, i, "passport", 0, 8)) {
              return true;
            }
          } else if (lower == 't' && (i + 1 == n || !isLetter(fold(text.charAt(i + 1))))) {   // "at" or "dot"?
            char p1 = before(text, i, 1);
            char p2 = before(text, i, 2);
            if ((p1 | 0x20) == 'a') {
              if (p2 == '[' || p2 == '(' || p2 == '{' || p2 == '<') {
                return true;
              }
              wordAt |= !isLetter(p2);
            } else if ((p1 | 0x20) == 'o' && (p2 | 0x20) == 'd' && !isLetter(before(text, i, 3))) {
              wordDot = true;
            }
          }
        } else if (c == '@'
            || c == ':' && isHexOrColon(before(text, i, 1)) && i + 1 < n && isHexOrColon(fold(text.charAt(i + 1)))
            || c == '特' && before(text, i, 1) == '艾' || c == '照' && before(text, i, 1) == '护'
            || (c == '号' || c == '號') && isDigit(before(text, i, 1))) {
          return true;
        }
      }
      return wordAt && wordDot;
    }

    /**
     * The first position from {@code i} on that {@link #mayMatch} must look at, no digit being less than 4
     * characters before any of them (so that a capital is plain): a digit, {@code @} or colon, a p that starts
     * a word and is followed by an a, the t that ends a word "at" or "dot", a Chinese character that ends a
     * trigger, or the full-width form of one of these; {@code n} if none.
     */
    private static int skipPlain(String text, int i, int n) {
      for (; i < n; i++) {
        byte role = SKIP_ROLE[text.charAt(i)];
        if (role != PASS && (role == STOP
            || (role == T_ROLE ? (i + 1 == n || !isLetter(fold(text.charAt(i + 1)))) && isAtOrDotEnd(text, i)
                : i + 1 < n && (text.charAt(i + 1) | 0x20) == 'a' && !isLetter(before(text, i, 1))))) {
          return i;
        }
      }
      return n;
    }

    /**
     * What {@link #skipPlain} does with a raw character: passes over it, stops at it ({@link #STOP}: a digit,
     * {@code @} or colon, a Chinese character that ends a trigger, or the full-width form of one), or looks
     * around it ({@link #T_ROLE}, {@link #P_ROLE}: a t or p, perhaps full-width).
     */
    private static final byte[] SKIP_ROLE = new byte[0x10000];
    private static final byte PASS = 0;
    private static final byte STOP = 1;
    private static final byte T_ROLE = 2;
    private static final byte P_ROLE = 3;

    static {
      for (int raw = 0; raw < SKIP_ROLE.length; raw++) {
        char c = fold((char) raw);
        if (raw >= 0x80 && c == raw || c == ' ') {
          SKIP_ROLE[raw] = raw == '特' || raw == '照' || raw == '号' || raw == '號' ? STOP : PASS;
        } else if (ASCII_ROLE[c] == TRIGGER) {
          SKIP_ROLE[raw] = (c | 0x20) == 't' ? T_ROLE : (c | 0x20) == 'p' ? P_ROLE : STOP;
        }
      }
    }

    /** Whether the t at {@code i} ends an "at" or "dot" that no letter comes before. */
    private static boolean isAtOrDotEnd(String text, int i) {
      char p1 = (char) (before(text, i, 1) | 0x20);
      return p1 == 'a' ? !isLetter(before(text, i, 2))
          : p1 == 'o' && (before(text, i, 2) | 0x20) == 'd' && !isLetter(before(text, i, 3));
    }

    /** How many dots the run of digits and dots that ends right before the digit at {@code i} holds. */
    private static int dotsInDigitRunBefore(String text, int i) {
      int dots = 0;
      for (int k = i - 1; k >= 0; k--) {
        char c = fold(text.charAt(k));
        if (c == '.') {
          dots++;
        } else if (!isDigit(c)) {
          break;
        }
      }
      return dots;
    }

    /** The character {@code back} positions before {@code i}, folded ({@code ' '} before the start). */
    private static char before(String text, int i, int back) {
      return i >= back ? fold(text.charAt(i - back)) : ' ';
    }

    /** Whether between the digits at {@code from} and {@code to} lie only a few separators, joining their groups. */
    private static boolean onlySeparatorsBetween(String text, int from, int to) {
      if (to - from - 1 > MAX_SEPARATORS_IN_GROUP) {
        return false;
      }
      for (int k = from + 1; k < to; k++) {
        if (!isSeparator(fold(text.charAt(k)))) {
          return false;
        }
      }
      return true;
    }

    private static boolean isSeparator(char c) {
      return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+';
    }

    /**
     * One pass; each test looks back at the last few characters ({@code p1} just before {@code c}), and a
     * virtual space after the end closes the last word.
     */
    private final String text;

    /** Whether the word from {@code start} to {@code end} is a street type word. */
    private boolean isStreetType(int start, int end) {
      for (String word : STREET_TYPE_WORDS) {
        if (word.length() == end - start && text.startsWith(word, start)) {
          return true;
        }
      }
      return false;
    }

    /** Whether a street type word (Street, Ave, Rd, ...) follows a house number; asked only after one. */
    boolean hasStreetTypeWord() {
      for (int i = firstHouseNumberCapital, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c >= 'A' && c <= 'Z' && (i == 0 || !isLetter(text.charAt(i - 1)))) {
          int end = i + 1;
          while (end < n && isLetter(text.charAt(end))) {
            end++;
          }
          if (isStreetType(i, end)) {
            return true;
          }
          i = end;
        }
      }
      return false;
    }

    Signals(String text) {
      this.text = text;
      int n = text.length();
      boolean wordAt = false;
      boolean wordDot = false;
      int digitRun = 0;
      int groupedDigits = 0;
      int groupStart = 0;
      int separatorsInARow = 0;
      int dotsInRun = 0;
      int colonsInHexRun = 0;
      int lastRoadChar = -10;
      char p3 = ' ';
      char p2 = ' ';
      char p1 = ' ';
      for (int i = 0; i <= n; i++) {
        if (i < n && ((p1 | 0x20) != 't' || (p2 | 0x20) != 'a')) {   // pass over a stretch of plain characters at once
          int j = i;
          int roles = 0;
          // a separator right after a digit group may join it: no stretch starts there; past the start, it is plain
          if (groupedDigits == 0 || (STRETCH_ROLE[text.charAt(i)] & OUTSIDE_GROUP) == 0) {
            for (int role; j < n; j++) {
              role = STRETCH_ROLE[text.charAt(j)];
              if ((role & (ALWAYS_PLAIN | OUTSIDE_GROUP)) == 0 && ((role & LETTER) == 0 || !isPlainLetterAt(j))) {
                break;
              }
              roles |= role;
            }
          }
          if (j > i) {
            digitRun = 0;
            groupedDigits = 0;
            separatorsInARow = 0;
            dotsInRun = 0;
            foldsFullWidth |= (roles & FOLDS) != 0;
            if ((roles & BREAKS_HEX_RUN) != 0) {
              colonsInHexRun = 0;
            }
            p3 = j >= 3 ? fold(text.charAt(j - 3)) : ' ';
            p2 = j >= 2 ? fold(text.charAt(j - 2)) : ' ';
            p1 = fold(text.charAt(j - 1));
            i = j;
          }
        }
        char raw = i == n ? ' ' : text.charAt(i);
        char c = fold(raw);
        foldsFullWidth |= c != raw;
        if (isPlain(c, p1, p2, p3, groupedDigits)) {
          // the common case: a character that starts or ends nothing; it only breaks runs
          digitRun = 0;
          groupedDigits = 0;
          separatorsInARow = 0;
          dotsInRun = 0;
          if (breaksHexRun(c)) {
            colonsInHexRun = 0;
          }
          p3 = p2;
          p2 = p1;
          p1 = c;
          continue;
        }
        if (c >= '0' && c <= '9') {
          while (true) {   // this digit, then those after it in a run that only move the counters
            digitRun++;
            if (groupedDigits++ == 0) {
              groupStart = i;
            }
            if (groupedDigits >= MIN_GROUPED_DIGITS) {
              addDigitGroup(groupStart, i + 1);
            }
            separatorsInARow = 0;
            if (digitRun == 7) {   // passports: E/G/H/M, or E and a letter, right before 7+ digits
              char b1 = i >= 7 ? fold(text.charAt(i - 7)) : ' ';
              char b2 = i >= 8 ? fold(text.charAt(i - 8)) : ' ';
              passportShape |= b1 == 'E' || b1 == 'G' || b1 == 'H' || b1 == 'M'
                  || (b1 >= 'A' && b1 <= 'Z' && b2 == 'E');
            }
            if (digitRun > maxDigitRun) {
              maxDigitRun = digitRun;
            }
            if (groupedDigits > maxGroupedDigits) {
              maxGroupedDigits = groupedDigits;
            }
            // the checks below can only fire at the first two digits of a run: past them, take the next digit here
            if (!isDigit(p1) || !isDigit(p2) || i + 1 == n || !isDigit(text.charAt(i + 1))) {
              break;
            }
            p3 = p2;
            p2 = p1;
            p1 = c;
            c = text.charAt(++i);
          }
        } else {
          if (c == '.' && isDigit(p1)) {   // a run of digits and dots, each dot after a digit
            maxDotsInDigitRun = Math.max(maxDotsInDigitRun, ++dotsInRun);
          } else {
            dotsInRun = 0;
          }
          digitRun = 0;
          if (isSeparator(c)) {
            if (++separatorsInARow > MAX_SEPARATORS_IN_GROUP) {
              groupedDigits = 0;
            }
          } else {
            groupedDigits = 0;
            separatorsInARow = 0;
          }
        }
        if (c == ':') {
          maxColonsInHexRun = Math.max(maxColonsInHexRun, ++colonsInHexRun);
        } else if (breaksHexRun(c)) {
          colonsInHexRun = 0;
        }
        if (c >= 0x2000) {
          switch (c) {
            case '路', '街', '道', '巷', '弄' -> lastRoadChar = i;
            case '号', '號' -> {
              if (isDigit(p1)) {
                cjkRoadNumber |= i - lastRoadChar <= 6;
                firstNumberSign = Math.min(firstNumberSign, i);
              }
            }
            case '特' -> obfuscatedAt |= p1 == '艾';
            case '照' -> passportWord |= p1 == '护';
            default -> { }
          }
        } else if (c == '@') {
          at = true;
        } else if ((c | 0x20) == 'p' && i + 8 <= n && (text.charAt(i + 1) | 0x20) == 'a'
            && text.regionMatches(true, i, "passport", 0, 8)) {
          passportWord = true;
        }
        if ((p1 | 0x20) == 't' && (p2 | 0x20) == 'a' && !isLetter(p3) && !isLetter(c)) {
          boolean bracket = p3 == '[' || p3 == '(' || p3 == '{' || p3 == '<';
          obfuscatedAt |= bracket;
          wordAt |= isSpace(p3) && isSpace(c);
        }
        wordDot |= (c | 0x20) == 't' && (p1 | 0x20) == 'o' && (p2 | 0x20) == 'd' && !isLetter(p3);
        if (!ibanStart && isDigit(c) && isDigit(p1) && p2 >= 'A' && p2 <= 'Z' && p3 >= 'A' && p3 <= 'Z') {
          ibanStart = true;
          firstIbanStart = i - 3;
        }
        if (c >= 'A' && c <= 'Z' && isSpace(p1) && (isDigit(p2) || isLetter(p2) && isDigit(p3))) {
          char next = i + 1 < n ? text.charAt(i + 1) : ' ';
          if (next >= 'a' && next <= 'z' && !houseNumberThenCapital) {   // "221B Baker", not "send 2 U"
            houseNumberThenCapital = true;
            firstHouseNumberCapital = i;
          }
        }
        p3 = p2;
        p2 = p1;
        p1 = c;
      }
      obfuscatedAt |= wordAt && wordDot;
    }

    /** Records that a digit group starting at {@code start} reaches {@code end} (extending it if known). */
    private void addDigitGroup(int start, int end) {
      if (digitGroupCount > 0 && digitGroups[2 * digitGroupCount - 2] == start) {
        digitGroups[2 * digitGroupCount - 1] = end;
        return;
      }
      if (2 * digitGroupCount == digitGroups.length) {
        digitGroups = java.util.Arrays.copyOf(digitGroups, digitGroups.length * 2);
      }
      digitGroups[2 * digitGroupCount] = start;
      digitGroups[2 * digitGroupCount + 1] = end;
      digitGroupCount++;
    }

    /**
     * Calls {@code action} with each place, ascending, where a phone word ({@link #PHONE_WORDS}) starts, not
     * right after a letter, close enough before a digit group for {@code LOCAL_PHONE_AFTER_WORD} to match; only
     * before the groups whose first digit is not masked in {@code searched}, since the number of such a match
     * starts a group (nothing between the word and the number is a digit).
     */
    void phoneWordStarts(String searched, IntConsumer action) {
      int scanned = 0;
      for (int g = 0; g < digitGroupCount; g++) {
        int groupStart = digitGroups[2 * g];
        if (searched.charAt(groupStart) != Masking.MASKED) {
          for (int i = Math.max(scanned, groupStart - LOCAL_PHONE_CONTEXT); i < groupStart; i++) {
            if (isPhoneWordAt(i)) {
              action.accept(i);
            }
          }
          scanned = groupStart;
        }
      }
    }

    private boolean isPhoneWordAt(int i) {
      if (i > 0 && isLetter(text.charAt(i - 1))) {
        return false;
      }
      char c = text.charAt(i);
      char lower = c < 0x80 ? (char) (c | 0x20) : c;
      if (!STARTS_PHONE_WORD[lower]) {
        return false;
      }
      for (String word : PHONE_WORDS) {
        if (word.charAt(0) == lower && text.regionMatches(true, i, word, 0, word.length())) {
          return true;
        }
      }
      return false;
    }

    /** ASCII characters that are plain (see {@link #isPlain}) whatever comes before them, but a {@code t}. */
    private static final boolean[] SKIPPABLE_ASCII = new boolean[0x80];

    static {
      for (char c = 0; c < 0x80; c++) {
        SKIPPABLE_ASCII[c] = !isUpper(c) && c != ' ' && isPlain(c, 'x', 'x', 'x', 1);
      }
    }

    /**
     * What the stretch pass of {@link #Signals(String)} does with a raw character: passes over it
     * ({@link #ALWAYS_PLAIN}: {@link #isSkippable}, or the full-width form of a skippable character), passes
     * over it as long as no digit group is open ({@link #OUTSIDE_GROUP}: a separator, also the ideographic
     * space), asks
     * {@link #isPlainLetterAt} ({@link #LETTER}: a capital, {@code p} or {@code t}, perhaps full-width), or
     * stops (0); {@link #BREAKS_HEX_RUN} marks a character that ends a run of hex digits and colons once folded,
     * {@link #FOLDS} one that folding changes.
     */
    private static final byte[] STRETCH_ROLE = new byte[0x10000];
    private static final byte ALWAYS_PLAIN = 1;
    private static final byte OUTSIDE_GROUP = 2;
    private static final byte LETTER = 4;
    private static final byte BREAKS_HEX_RUN = 8;
    private static final byte FOLDS = 16;

    static {
      for (int r = 0; r < STRETCH_ROLE.length; r++) {
        char c = fold((char) r);
        int role = isSkippable((char) r) || c < 0x80 && SKIPPABLE_ASCII[c] ? ALWAYS_PLAIN
            : isSeparator(c) ? OUTSIDE_GROUP : isLetter(c) ? LETTER : 0;
        role |= role != 0 && breaksHexRun(c) ? BREAKS_HEX_RUN : 0;
        STRETCH_ROLE[r] = (byte) (role != 0 && c != r ? role | FOLDS : role);
      }
    }

    /**
     * Whether the letter at {@code j} that {@link #STRETCH_ROLE} does not pass over (a capital, {@code p} or
     * {@code t}, perhaps full-width) is plain (see {@link #isPlain}) after what comes before it, as long as
     * no {@code t} that an {@code a} precedes comes right before it: a capital but after a space that a
     * digit comes shortly before (a house number's street), a {@code t} but after an {@code a} or {@code o}
     * (the end of "at" or "dot"), a {@code p} but before an {@code a} ("passport").
     */
    private boolean isPlainLetterAt(int j) {
      char c = fold(text.charAt(j));
      char p1 = before(text, j, 1);
      char lower = (char) (c | 0x20);
      if (isUpper(c) && isSpace(p1) && (isDigit(before(text, j, 2)) || isDigit(before(text, j, 3)))) {
        return false;
      }
      if (lower == 't') {
        return (p1 | 0x20) != 'a' && (p1 | 0x20) != 'o';
      }
      return lower != 'p' || j + 1 == text.length() || (text.charAt(j + 1) | 0x20) != 'a';
    }

    /**
     * Whether raw character {@code r} is plain wherever it stands, as long as no {@code t} precedes it: never
     * a separator (plain only when no digit group is open) nor a full-width form (it folds).
     */
    private static boolean isSkippable(char r) {
      if (r < 0x80) {
        return SKIPPABLE_ASCII[r];
      }
      return r < 0x2000 || r > 0xFF5E || r >= 0x3400 && r < 0xFF01 && isPlain(r, 'x', 'x', 'x', 0);
    }

    /**
     * Whether {@code c}, after {@code p3 p2 p1}, can only break runs: no digit, separator inside a digit group,
     * colon, {@code @}, character of a Chinese address or passport word, {@code p}/{@code t} (passport, dot),
     * capital after a house number, bracket or {@code <} (before "at"), nor anything right after a {@code t}
     * (the end of a possible "at"). A separator outside a digit group only breaks runs too: it joins nothing,
     * and a dot after no digit adds no dot to a run of digits and dots.
     */
    private static boolean isPlain(char c, char p1, char p2, char p3, int groupedDigits) {
      if (c >= 0x3400) {
        return c != '路' && c != '街' && c != '道' && c != '巷' && c != '弄' && c != '号' && c != '號' && c != '特'
            && c != '照';
      }
      if (c >= 'a' && c <= 'z') {
        return c != 'p' && c != 't';
      }
      if ((p1 | 0x20) == 't') {
        return false;
      }
      if (c >= 'A' && c <= 'Z') {
        return c != 'P' && c != 'T' && !(isSpace(p1) && (isDigit(p2) || isDigit(p3)));
      }
      if (isSeparator(c)) {
        return groupedDigits == 0;
      }
      return c > '@' ? c < 0x2000 && c != '[' && c != '{'
          : !(c >= '0' && c <= ':' || c == '<' || c == '@' || c == '\t' || c == '\n' || c == '\r');
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
      return c >= 'A' && c <= 'Z';
    }

    /** Whether {@code c} ends a run of hex digits, colons and dots (an IPv6 address, perhaps with IPv4 tail). */
    private static boolean breaksHexRun(char c) {
      return !isHex(c) && c != '.';
    }

    private static boolean isHexOrColon(char c) {
      return c == ':' || isHex(c);
    }

    private static boolean isHex(char c) {
      return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00A0';
    }

    private static char fold(char c) {
      return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
    }

    private static boolean isLetter(char c) {
      return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
  }


  /** The first of the e-mail local-part characters that run up to {@code end} ({@code end} if none). */
  private static int localPartStart(String s, int end) {
    int start = end;
    while (start > 0 && isLocalPartChar(s.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  /** The characters of an e-mail's local part, as the e-mail patterns take them. */
  private static boolean isLocalPartChar(char c) {
    return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /** Whether {@code c} is one of the Chinese characters the address pattern takes (U+4E00 to U+9FA5). */
  private static boolean isCjkIdeograph(char c) {
    return c >= '\u4e00' && c <= '\u9fa5';
  }

  /** Whether {@code c} is a white space as {@code \s} takes it: a space, tab, line feed, VT, form feed or CR. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiHex(char c) {
    return isAsciiDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiAlnum(char c) {
    return isAsciiDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  /**
   * One text being masked: its full-width-folded form, the spans masked so far, and what the rules search.
   * A masked span stays in place as {@link #MASKED} characters, which no pattern takes and every look-around
   * reads as a non-alphanumeric, like the placeholder that will replace it; so positions never move and one
   * {@link Signals} scan serves every rule.
   */
  private static final class Masking {
    private static final char MASKED = '\uFFFF';

    private record Span(int start, int end, PiiKind kind) {}

    private final String folded;
    private String searched;
    private final List<Span> spans = new ArrayList<>(2);
    private Rule rule;
    private Matcher m;
    private int group;
    private int ruleMaskedUpTo;

    Masking(String folded) {
      this.folded = folded;
      this.searched = folded;
    }

    /** Masks what {@code rule} finds in its scope of what earlier rules left. */
    void apply(Rule rule, Signals signals) {
      this.rule = rule;
      this.m = null;
      this.ruleMaskedUpTo = 0;
      int before = spans.size();
      rule.scope().search(searched, signals, this);
      if (spans.size() > before) {
        char[] chars = searched.toCharArray();
        for (Span span : spans.subList(before, spans.size())) {
          java.util.Arrays.fill(chars, span.start(), span.end(), MASKED);
        }
        searched = new String(chars);
      }
    }

    /**
     * Every match inside {@code [from, to)}, not before what this rule masked already; look-arounds see all
     * (regex rules only).
     */
    void findAll(int from, int to) {
      Matcher m = matcher();
      m.region(Math.max(from, ruleMaskedUpTo), to);
      while (m.find()) {
        accept(m.start(group), m.end(group));
      }
    }

    /**
     * What {@link #findAll} finds, for a pattern whose every match starts where {@code canStart} holds: the
     * pattern is tried only there, and, as a search does, from the end of each match on (also when the
     * validator rejected it).
     */
    void findAllStartingAt(int from, int to, StartTest canStart) {
      for (int p = Math.max(from, ruleMaskedUpTo); p < to; p++) {
        if (canStart.test(searched, p)) {
          int end = acceptMatchAt(p, to);
          if (end >= 0) {
            p = Math.max(p, end - 1);
          }
        }
      }
    }

    /** The match that starts exactly at {@code start}, if any. */
    void matchAt(int start) {
      if (start >= ruleMaskedUpTo) {
        acceptMatchAt(start, searched.length());
      }
    }

    /** Accepts the match that starts at {@code start} and ends by {@code to}, if any; returns its end or -1. */
    private int acceptMatchAt(int start, int to) {
      if (rule.scanner() != null) {
        int end = rule.scanner().matchEnd(searched, start, to);
        if (end >= 0) {
          accept(start, end);
        }
        return end;
      }
      Matcher m = matcher();
      m.region(start, to);
      if (!m.lookingAt()) {
        return -1;
      }
      accept(m.start(group), m.end(group));
      return m.end();
    }

    /** The current rule's matcher over what earlier rules left, made when first needed: most scopes try nowhere. */
    private Matcher matcher() {
      if (m == null) {
        m = rule.pattern().matcher(searched).useTransparentBounds(true).useAnchoringBounds(false);
        group = m.groupCount() > 0 ? 1 : 0;
      }
      return m;
    }

    /** Where the current rule's last masked span ends: its next match starts there or later. */
    int ruleMaskedUpTo() {
      return ruleMaskedUpTo;
    }

    /** Masks as much of the candidate {@code [start, end)} as the rule's validator says is personal data. */
    private void accept(int start, int end) {
      int length = rule.validator() == WHOLE ? end - start
          : rule.validator().validLength(searched.substring(start, end));
      if (length > 0) {
        spans.add(new Span(start, start + length, rule.kind()));
        ruleMaskedUpTo = start + length;
      }
    }

    /** The folded text with each masked span replaced by its placeholder; {@code original} if none. */
    String result(String original) {
      if (spans.isEmpty()) {
        return original;
      }
      spans.sort(java.util.Comparator.comparingInt(Span::start));
      StringBuilder out = new StringBuilder(folded.length());
      int copied = 0;
      for (Span span : spans) {
        out.append(folded, copied, span.start()).append(span.kind().placeholder());
        copied = span.end();
      }
      return out.append(folded, copied, folded.length()).toString();
    }
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
    int remainder = 0;   // MOD 97-10 of the rearranged IBAN, letters read as 10..35
    for (int k = 0; k < iban.length(); k++) {
      char c = iban.charAt((k + 4) % iban.length());
      remainder = c >= 'A' && c <= 'Z' ? (remainder * 100 + c - 'A' + 10) % 97 : (remainder * 10 + c - '0') % 97;
    }
    return remainder == 1 ? candidate.length() : -1;
  }

  /**
   * The end of the phone number that starts at {@code start} and ends by {@code to}, or -1: what the regular
   * expression below would match there, alternatives tried in order, quantifiers greedy, backtracking into an
   * alternative until no letter or digit follows its end; {@code \d} is an ASCII digit.
   * <pre>
   * (?&lt;![0-9A-Za-z+])(?:
   *     (?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}   mainland China mobile
   *   | \+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6}      international, E.164 style
   *   | \(\d{3}\) ?\d{3}[-. ]\d{4}                    North America (415) 555-2671
   *   | \d{3}[-.]\d{3}[-.]\d{4}                        North America 415-555-2671
   *   | 0\d{2,3}[ -]\d{3,4}[ -]?\d{4}                  trunk prefix: 010-12345678, 020 7946 0958
   *   | \(0\d{2,3}\) ?\d{3,4}[ -]?\d{4}               (0755) 8888-6666
   * )(?![0-9A-Za-z])
   * </pre>
   * Hand-written because phone numbers are the most frequent kind, and running this alternation through
   * {@code java.util.regex} at every place a number starts was the largest cost of masking a text with PII.
   */
  static int phoneEnd(String s, int start, int to) {
    if (start > 0 && (isAsciiAlnum(s.charAt(start - 1)) || s.charAt(start - 1) == '+')) {
      return -1;
    }
    int end = mainlandMobileEnd(s, start, to);
    if (end < 0 && is(s, start, to, '+') && start + 1 < to && s.charAt(start + 1) >= '1'
        && s.charAt(start + 1) <= '9') {
      for (int k = Math.min(2, digitsFrom(s, start + 2, to)); end < 0 && k >= 0; k--) {
        end = internationalGroupsEnd(s, start + 2 + k, to, 0);
      }
    }
    if (end < 0 && is(s, start, to, '(')) {   // (415) 555-2671
      int p = start + 1;
      if (digitsFrom(s, p, to) >= 3 && is(s, p + 3, to, ')')) {
        p += 4 + (is(s, p + 4, to, ' ') ? 1 : 0);
        if (digitsFrom(s, p, to) >= 3 && isOneOf(s, p + 3, to, "-. ") && digitsFrom(s, p + 4, to) >= 4
            && endsNumber(s, p + 8)) {
          end = p + 8;
        }
      }
    }
    if (end < 0 && digitsFrom(s, start, to) >= 3 && isOneOf(s, start + 3, to, "-.")
        && digitsFrom(s, start + 4, to) >= 3 && isOneOf(s, start + 7, to, "-.") && digitsFrom(s, start + 8, to) >= 4
        && endsNumber(s, start + 12)) {   // 415-555-2671
      end = start + 12;
    }
    if (end < 0 && is(s, start, to, '0')) {   // 010-12345678
      for (int k = Math.min(3, digitsFrom(s, start + 1, to)); end < 0 && k >= 2; k--) {
        int p = start + 1 + k;
        end = isOneOf(s, p, to, " -") ? trunkSubscriberEnd(s, p + 1, to) : -1;
      }
    }
    if (end < 0 && is(s, start, to, '(') && is(s, start + 1, to, '0')) {   // (0755) 8888-6666
      for (int k = Math.min(3, digitsFrom(s, start + 2, to)); end < 0 && k >= 2; k--) {
        int p = start + 2 + k;
        if (is(s, p, to, ')')) {
          for (int space = is(s, p + 1, to, ' ') ? 1 : 0; end < 0 && space >= 0; space--) {
            end = trunkSubscriberEnd(s, p + 1 + space, to);
          }
        }
      }
    }
    return end;
  }

  /** {@code (?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}} at {@code start}, ending a number; or -1. */
  private static int mainlandMobileEnd(String s, int start, int to) {
    int p = start;
    int prefix = is(s, p, to, '+') ? 1 : is(s, p, to, '0') && is(s, p + 1, to, '0') ? 2 : 0;
    if (prefix > 0 && is(s, p + prefix, to, '8') && is(s, p + prefix + 1, to, '6')) {
      p += prefix + 2;
      p += isOneOf(s, p, to, " -") ? 1 : 0;   // a separator here cannot be skipped: a 1 must follow
    }
    if (!is(s, p, to, '1') || p + 1 >= to || s.charAt(p + 1) < '3' || s.charAt(p + 1) > '9'
        || digitsFrom(s, p + 2, to) < 1) {
      return -1;
    }
    p += 3;
    for (int group = 0; group < 2; group++) {
      p += isOneOf(s, p, to, " -") ? 1 : 0;   // likewise: four digits must follow
      if (digitsFrom(s, p, to) < 4) {
        return -1;
      }
      p += 4;
    }
    return endsNumber(s, p) ? p : -1;
  }

  /**
   * {@code (?:[ .-]?\(?\d{1,4}\)?){2,6}} at {@code p} after {@code count} groups, ending a number: the first
   * end in the order the greedy expression tries them; or -1.
   */
  private static int internationalGroupsEnd(String s, int p, int to, int count) {
    if (count < 6) {
      for (int separator = isOneOf(s, p, to, " .-") ? 1 : 0; separator >= 0; separator--) {
        int open = p + separator;
        for (int paren = is(s, open, to, '(') ? 1 : 0; paren >= 0; paren--) {
          int digits = open + paren;
          for (int k = Math.min(4, digitsFrom(s, digits, to)); k >= 1; k--) {
            int close = digits + k;
            for (int closing = is(s, close, to, ')') ? 1 : 0; closing >= 0; closing--) {
              int end = internationalGroupsEnd(s, close + closing, to, count + 1);
              if (end >= 0) {
                return end;
              }
            }
          }
        }
      }
    }
    return count >= 2 && endsNumber(s, p) ? p : -1;
  }

  /** {@code \d{3,4}[ -]?\d{4}} at {@code p}, ending a number: the first end the greedy expression tries; or -1. */
  private static int trunkSubscriberEnd(String s, int p, int to) {
    for (int k = Math.min(4, digitsFrom(s, p, to)); k >= 3; k--) {
      int q = p + k;
      for (int separator = isOneOf(s, q, to, " -") ? 1 : 0; separator >= 0; separator--) {
        if (digitsFrom(s, q + separator, to) >= 4 && endsNumber(s, q + separator + 4)) {
          return q + separator + 4;
        }
      }
    }
    return -1;
  }

  /** How many ASCII digits follow in a row from {@code p}, before {@code to}. */
  private static int digitsFrom(String s, int p, int to) {
    int q = p;
    while (q < to && isAsciiDigit(s.charAt(q))) {
      q++;
    }
    return q - p;
  }

  /** Whether {@code p}, before {@code to}, holds {@code c}. */
  private static boolean is(String s, int p, int to, char c) {
    return p < to && s.charAt(p) == c;
  }

  /** Whether {@code p}, before {@code to}, holds one of {@code chars}. */
  private static boolean isOneOf(String s, int p, int to, String chars) {
    return p < to && chars.indexOf(s.charAt(p)) >= 0;
  }

  /** Whether no ASCII letter or digit comes at {@code end} (the look-ahead sees past the region). */
  private static boolean endsNumber(String s, int end) {
    return end == s.length() || !isAsciiAlnum(s.charAt(end));
  }

  private static int phoneLength(String candidate) {
    int count = digitCount(candidate);
    return count >= 7 && count <= 15 ? candidate.length() : -1;
  }

  /** How many ASCII digits {@code s} holds: the length of {@link #digitsOf}, without building it. */
  private static int digitCount(String s) {
    int count = 0;
    for (int i = 0; i < s.length(); i++) {
      count += isAsciiDigit(s.charAt(i)) ? 1 : 0;
    }
    return count;
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
