package io.mercato.text.privacy;

import com.google.common.net.InetAddresses;
import io.mercato.core.ConfigurationException;
import io.mercato.text.normalize.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data desensitization: replaces personal data in raw text by typed placeholders ({@code <EMAIL>},
 * {@code <PHONE>}, {@code <ID_CARD>}, {@code <BANK_CARD>}, {@code <IP>}) before anything else sees it, so
 * that no personal data reaches a vocabulary, a model file or a log.
 *
 * <p>Each kind is a candidate pattern plus a validator: Chinese resident ids must carry the right
 * ISO 7064 MOD 11-2 check character and a plausible birth date, bank cards must pass the Luhn check, IPs
 * must parse. Order numbers and other digit strings that fail validation are left alone. Full-width
 * ASCII ({@code １３８…}) is folded to ASCII first so that it cannot hide a number. Kinds are applied in
 * the order e-mail, IP, id card, bank card, phone. Not recognized: 15-digit (pre-1999) resident ids,
 * obfuscated addresses ("name at example dot com"), numbers written in words.
 *
 * <p>Immutable and thread-safe.
 */
public final class PiiMasker {

  private static final String NOT_ALNUM_BEFORE = "(?<![0-9A-Za-z])";
  private static final String NOT_ALNUM_AFTER = "(?![0-9A-Za-z])";

  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
          + "\\.[A-Za-z]{2,24}" + NOT_ALNUM_AFTER);
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![0-9A-Za-z.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9A-Za-z]|\\.\\d)");
  private static final Pattern IPV6_CANDIDATE = Pattern.compile(
      "(?<![0-9A-Za-z:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}(?<=[0-9A-Fa-f:])(?![0-9A-Za-z:])");
  private static final Pattern ID_CARD = Pattern.compile(NOT_ALNUM_BEFORE
      + "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]" + NOT_ALNUM_AFTER);
  private static final Pattern BANK_CARD = Pattern.compile(NOT_ALNUM_BEFORE
      + "(?:\\d{13,19}|\\d{4}(?:[ -]\\d{4}){3}(?:[ -]\\d{1,3})?|\\d{4}[ -]\\d{6}[ -]\\d{5})" + NOT_ALNUM_AFTER);
  private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z+])(?:"
      + "(?:(?:\\+|00)86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}"            // mainland China mobile
      + "|\\+[1-9]\\d{0,2}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}"             // international, E.164 style
      + "|\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}"                               // North America (415) 555-2671
      + "|\\d{3}[-.]\\d{3}[-.]\\d{4}"                                     // North America 415-555-2671
      + "|0\\d{2,3}-\\d{7,8}"                                            // China landline 010-12345678
      + ")" + NOT_ALNUM_AFTER);

  /** ISO 7064 MOD 11-2 weights of the first 17 digits of a Chinese resident id (2^(17-i) mod 11). */
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  /** Check character for each remainder 0..10 of the weighted sum mod 11. */
  private static final String ID_CHECK = "10X98765432";

  private final Set<PiiKind> kinds;

  private PiiMasker(Set<PiiKind> kinds) {
    this.kinds = Set.copyOf(kinds);
  }

  /** A masker for every kind. */
  public static PiiMasker standard() {
    return new PiiMasker(EnumSet.allOf(PiiKind.class));
  }

  /** A builder to choose the kinds (all by default). */
  public static Builder builder() {
    return new Builder();
  }

  /** The kinds masked. */
  public Set<PiiKind> kinds() {
    return EnumSet.copyOf(kinds);
  }

  /** {@code text} with every recognized piece of personal data replaced by its kind's placeholder. */
  public String mask(String text) {
    Objects.requireNonNull(text, "text");
    String s = Normalizer.foldFullWidth(text);
    if (kinds.contains(PiiKind.EMAIL) && s.indexOf('@') >= 0) {
      s = replace(s, EMAIL, PiiKind.EMAIL, m -> m.length());
    }
    boolean digits = hasDigit(s);
    if (kinds.contains(PiiKind.IP)) {
      if (s.indexOf(':') >= 0) {
        s = replace(s, IPV6_CANDIDATE, PiiKind.IP, PiiMasker::ipv6Length);
      }
      if (digits && s.indexOf('.') >= 0) {
        s = replace(s, IPV4, PiiKind.IP, m -> m.length());
      }
    }
    if (!digits) {
      return s;
    }
    if (kinds.contains(PiiKind.ID_CARD)) {
      s = replace(s, ID_CARD, PiiKind.ID_CARD, m -> isValidResidentId(m) ? m.length() : -1);
    }
    if (kinds.contains(PiiKind.BANK_CARD)) {
      s = replace(s, BANK_CARD, PiiKind.BANK_CARD, PiiMasker::bankCardLength);
    }
    if (kinds.contains(PiiKind.PHONE)) {
      s = replace(s, PHONE, PiiKind.PHONE, PiiMasker::phoneLength);
    }
    return s;
  }

  /** How much of a candidate match is personal data: its length, a shorter prefix, or -1 for none. */
  @FunctionalInterface
  private interface Validator {
    int validLength(String candidate);
  }

  private static String replace(String s, Pattern pattern, PiiKind kind, Validator validator) {
    Matcher m = pattern.matcher(s);
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      int length = validator.validLength(m.group());
      if (length <= 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, m.start()).append(kind.placeholder());
      copied = m.start() + length;
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

  private static int ipv6Length(String candidate) {
    int colons = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (candidate.charAt(i) == ':') {
        colons++;
      }
    }
    return colons >= 2 && InetAddresses.isInetAddress(candidate) ? candidate.length() : -1;
  }

  /** Whether an 18-character id has the right ISO 7064 MOD 11-2 check character. */
  static boolean isValidResidentId(String id) {
    if (id.length() != 18) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += (c - '0') * ID_WEIGHTS[i];
    }
    return Character.toUpperCase(id.charAt(17)) == ID_CHECK.charAt(sum % 11);
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

  /** The whole candidate if Luhn-valid; else, for grouped numbers, the candidate without its last group if that is. */
  private static int bankCardLength(String candidate) {
    int end = candidate.length();
    while (end > 0) {
      String digits = digitsOf(candidate.substring(0, end));
      if (digits.length() < 13) {
        return -1;
      }
      if (digits.length() <= 19 && passesLuhn(digits)) {
        return end;
      }
      int separator = Math.max(candidate.lastIndexOf(' ', end - 1), candidate.lastIndexOf('-', end - 1));
      end = separator;
    }
    return -1;
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
    return "PiiMasker" + kinds();
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

    /** Builds; at least one kind must be chosen (use no masker at all to mask nothing). */
    public PiiMasker build() {
      if (kinds.isEmpty()) {
        throw ConfigurationException.invalid("kinds", new ArrayList<>(kinds),
            "at least one of " + List.of(PiiKind.values()) + " (leave the masker out to mask nothing)");
      }
      return new PiiMasker(kinds);
    }
  }
}
