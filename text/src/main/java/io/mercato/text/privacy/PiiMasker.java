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
  /** IBAN lengths of the countries that use IBANs most in e-commerce (ISO 13616 registry). */
  private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("AT", 20), Map.entry("BE", 16),
      Map.entry("CH", 21), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("ES", 24),
      Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("IE", 22), Map.entry("IT", 27),
      Map.entry("LU", 20), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
      Map.entry("SE", 24), Map.entry("AE", 23), Map.entry("SA", 24), Map.entry("TR", 26), Map.entry("GR", 27));
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  /** One pattern of one kind, run only when its cheap guard says the text might hold a match. */
  private record Rule(PiiKind kind, Pattern pattern, Predicate<String> guard, Validator validator) {
  }

  /** How much of a candidate match is personal data: its length, a shorter prefix, or -1 for none. */
  @FunctionalInterface
  private interface Validator {
    int validLength(String candidate);
  }

  private static final Validator WHOLE = String::length;

  /** The rules in the order they run: a span masked by an earlier rule is no longer seen by later ones. */
  private static final List<Rule> RULES = List.of(
      new Rule(PiiKind.EMAIL, EMAIL, s -> s.indexOf('@') >= 0, WHOLE),
      new Rule(PiiKind.EMAIL, OBFUSCATED_EMAIL, PiiMasker::mayHoldObfuscatedEmail, WHOLE),
      new Rule(PiiKind.IBAN, IBAN, PiiMasker::hasDigit, PiiMasker::ibanLength),
      new Rule(PiiKind.IP, IPV6_CANDIDATE, s -> s.indexOf(':') >= 0, PiiMasker::ipv6Length),
      new Rule(PiiKind.IP, IPV4, s -> s.indexOf('.') >= 0 && hasDigit(s), WHOLE),
      new Rule(PiiKind.ID_CARD, ID_CARD_18, PiiMasker::hasDigit, m -> isValidResidentId(m) ? m.length() : -1),
      new Rule(PiiKind.ID_CARD, ID_CARD_15, PiiMasker::hasDigit, m -> isValidLegacyResidentId(m) ? m.length() : -1),
      new Rule(PiiKind.BANK_CARD, BANK_CARD, PiiMasker::hasDigit, PiiMasker::bankCardLength),
      new Rule(PiiKind.PASSPORT, PASSPORT, PiiMasker::hasDigit, WHOLE),
      new Rule(PiiKind.PASSPORT, PASSPORT_AFTER_WORD, PiiMasker::hasDigit,
          m -> digitsOf(m).length() >= 6 ? m.length() : -1),
      new Rule(PiiKind.PHONE, PHONE, PiiMasker::hasDigit, PiiMasker::phoneLength),
      new Rule(PiiKind.PHONE, LOCAL_PHONE_AFTER_WORD, PiiMasker::hasDigit, WHOLE),
      new Rule(PiiKind.ADDRESS, ADDRESS, PiiMasker::hasDigit, WHOLE));

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

  /** {@code text} with every recognized piece of personal data replaced by its kind's placeholder. */
  public String mask(String text) {
    Objects.requireNonNull(text, "text");
    if (rules.isEmpty()) {
      return text;
    }
    String s = Normalizer.foldFullWidth(text);
    for (Rule rule : rules) {
      if (rule.guard().test(s)) {
        s = replace(s, rule);
      }
    }
    return s;
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

  private static boolean hasDigit(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s} holds "at" in any case or 艾特, without which no obfuscated address matches. */
  private static boolean mayHoldObfuscatedEmail(String s) {
    for (int i = 0, n = s.length() - 1; i < n; i++) {
      char c = s.charAt(i);
      char next = s.charAt(i + 1);
      if (((c | 0x20) == 'a' && (next | 0x20) == 't') || (c == '艾' && next == '特')) {
        return true;
      }
    }
    return false;
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
      case '4' -> true;                                                    // Visa 13-19
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

  /** The candidate's length if it is an IBAN: known length for its country (else 15-34) and MOD 97-10 = 1. */
  private static int ibanLength(String candidate) {
    String iban = candidate.replace(" ", "");
    Integer expected = IBAN_LENGTHS.get(iban.substring(0, 2));
    if (expected == null ? iban.length() < 15 || iban.length() > 34 : iban.length() != expected) {
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
