package io.mercato.text.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: a generated corpus of marketing messages carrying personal data of every {@link PiiKind}
 * (with valid checksums, computed here independently of {@link PiiMasker}) and decoys that must survive
 * masking (wrong checksums, order numbers, prices, dates, versions), each with its span recorded.
 */
public final class PiiCorpus {

  /** One message: the PII (or decoy) span it carries, its kind (null for a decoy) and decoy type. */
  public record Sample(String text, String span, PiiKind kind, String decoyType) {

    /** Whether masking removed the span: neither it nor any of its 3+ character alphanumeric runs is left. */
    public boolean caughtIn(String masked, String template) {
      if (masked.contains(span)) {
        return false;
      }
      masked = PLACEHOLDER.matcher(masked).replaceAll(" ");
      Matcher m = ALNUM_RUN.matcher(span);
      while (m.find()) {
        String run = m.group();
        if (masked.contains(run) && !template.contains(run)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+>");
  private static final Pattern ALNUM_RUN = Pattern.compile("[A-Za-z0-9]{3,}");
  /** Templates with a %s for the span; none holds a digit, so that a digit left behind is the span's. */
  static final List<String> TEMPLATES = List.of(
      "请联系 %s 谢谢", "Contact: %s. Thanks!", "%s", "客户信息 %s，已登记", "Order note - %s - please check",
      "my details are %s", "收货信息：%s。", "Hi team, customer wrote (%s) about the refund");
  private static final String[] TLDS = {"com", "cn", "net", "org", "io", "co.uk", "de", "com.cn"};
  private static final String[] FIRST = {"john", "li.wei", "zhang_san", "m.smith", "anna+promo", "wang88", "kate"};
  private static final String[] SHOPS = {"shop", "mail", "example", "taobao", "qq", "163", "outlook", "jd"};
  private static final int[] PROVINCES = {11, 12, 13, 31, 32, 33, 35, 37, 44, 50, 51, 61, 65, 71, 81};
  private static final String[] STREET_NAMES = {"Baker", "Main", "Oak", "Pennsylvania", "Maple Leaf", "King George",
      "Elm", "Sunset"};
  private static final String[] STREET_TYPES = {"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Lane",
      "Drive", "Way"};
  private static final String[] ROADS = {"南京西路", "中山路", "人民大道", "建国路", "解放街", "淮海中路", "长安街", "文一西路"};
  private static final String[] CITIES = {"", "", "上海市", "北京市朝阳区", "广东省深圳市南山区", "杭州市西湖区"};
  private static final String[] UNITS = {"", "3栋502室", "2单元", "18楼", "A座1203室", ""};

  private final Random random;

  /** A corpus generator with its own seeded random source. */
  public PiiCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} messages each carrying one piece of personal data of {@code kind}. */
  public List<Sample> pii(PiiKind kind, int n) {
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String[] spanAndTemplate = switch (kind) {
        case EMAIL -> withTemplate(email());
        case PHONE -> phone();
        case ID_CARD -> withTemplate(random.nextInt(4) == 0 ? legacyId() : residentId(true));
        case BANK_CARD -> withTemplate(card());
        case IP -> withTemplate(random.nextBoolean() ? ipv4() : ipv6());
        case IBAN -> withTemplate(iban(true));
        case PASSPORT -> passport();
        case ADDRESS -> withTemplate(random.nextBoolean() ? englishAddress() : chineseAddress());
      };
      out.add(new Sample(spanAndTemplate[1].formatted(spanAndTemplate[0]), spanAndTemplate[0], kind, null));
    }
    return out;
  }

  /** The decoy types {@link #decoys} generates. */
  public static final List<String> DECOY_TYPES = List.of("bad-checksum id", "non-Luhn card", "order number",
      "price", "date", "version", "bad-checksum iban", "legacy-id look-alike", "tracking number", "product code");

  /** {@code n} messages each carrying one decoy of {@code type}, which masking must leave alone. */
  public List<Sample> decoys(String type, int n) {
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String decoy = switch (type) {
        case "bad-checksum id" -> residentId(false);
        case "non-Luhn card" -> nonLuhnCard();
        case "order number" -> pick("订单号", "Order #", "order ", "单号") + (random.nextBoolean()
            ? "2024" + digits(random.nextInt(6) + 7) : "SO-" + (2020 + random.nextInt(6)) + "-" + digits(6));
        case "price" -> pick("$%d.%02d", "¥%d.%02d", "%d.%02d元", "€ %d,%02d", "USD %d.%02d")
            .formatted(random.nextInt(20000), random.nextInt(100));
        case "date" -> date();
        case "version" -> pick("v", "version ", "iOS ", "app ") + (1 + random.nextInt(19)) + "." + random.nextInt(20)
            + "." + random.nextInt(30000) + pick("", "", "-beta", ".rc1");
        case "bad-checksum iban" -> iban(false);
        case "legacy-id look-alike" -> legacyLookAlike();
        case "tracking number" -> pick("SF", "YT", "JD", "ZTO") + digits(12 + random.nextInt(2));
        case "product code" -> pick("SKU E", "item G", "model E") + digits(random.nextBoolean() ? 6 : 7);
        default -> throw new IllegalArgumentException(type);
      };
      String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
      out.add(new Sample(template.formatted(decoy), decoy, null, type));
    }
    return out;
  }

  private String[] withTemplate(String span) {
    return new String[] {span, TEMPLATES.get(random.nextInt(TEMPLATES.size()))};
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  private String email() {
    String user = FIRST[random.nextInt(FIRST.length)] + (random.nextBoolean() ? random.nextInt(1000) : "");
    String shop = SHOPS[random.nextInt(SHOPS.length)];
    String tld = TLDS[random.nextInt(TLDS.length)];
    return switch (random.nextInt(6)) {
      case 0, 1 -> user + "@" + shop + "." + tld;
      case 2 -> user + " at " + shop + " dot " + tld.replace(".", " dot ");
      case 3 -> user + " [at] " + shop + " [dot] " + tld.replace(".", " [dot] ");
      case 4 -> user + "(at)" + shop + "." + tld;
      default -> user.toUpperCase() + " AT " + shop.toUpperCase() + " DOT " + tld.replace(".", " DOT ").toUpperCase();
    };
  }

  private String[] phone() {
    String mobile = "1" + (3 + random.nextInt(7)) + digits(9);
    return switch (random.nextInt(10)) {
      case 0 -> withTemplate(mobile);
      case 1 -> withTemplate("+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7));
      case 2 -> withTemplate("0086-" + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7));
      case 3 -> withTemplate("+44 20 " + digits(4) + " " + digits(4));
      case 4 -> withTemplate("+1 " + (2 + random.nextInt(8)) + digits(2) + " " + digits(3) + " " + digits(4));
      case 5 -> withTemplate("(" + (2 + random.nextInt(8)) + digits(2) + ") " + digits(3) + "-" + digits(4));
      case 6 -> withTemplate((2 + random.nextInt(8)) + digits(2) + "-" + digits(3) + "-" + digits(4));
      case 7 -> withTemplate("0" + (1 + random.nextInt(9)) + digits(random.nextInt(2) + 1) + pick("-", " ")
          + digits(4) + pick("", " ", "-") + digits(4));
      case 8 -> withTemplate("(0" + (1 + random.nextInt(9)) + digits(2) + ") " + digits(4) + "-" + digits(4));
      default -> new String[] {(2 + random.nextInt(8)) + digits(3) + pick(" ", "", "-") + digits(4),
          pick("电话 %s", "电话：%s 谢谢", "tel: %s", "Phone %s please", "手机号码 %s", "call %s today", "Tel.%s")};
    };
  }

  /** An 18-character resident id with a real birth date, its check character right or (if not) wrong. */
  String residentId(boolean validCheck) {
    StringBuilder id = new StringBuilder();
    id.append(PROVINCES[random.nextInt(PROVINCES.length)]).append(digits(4));
    int year = 1930 + random.nextInt(80);
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
    id.append(year).append(String.format("%02d%02d", month, day)).append(digits(3));
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = (int) (Math.pow(2, 17 - i) % 11);
      sum += (id.charAt(i) - '0') * weight;
    }
    int right = (12 - sum % 11) % 11;   // the check value c with sum + c = 1 (mod 11); 10 is written X
    int check = validCheck ? right : (right + 1 + random.nextInt(10)) % 11;
    return id.append(check == 10 ? "X" : Integer.toString(check)).toString();
  }

  private String legacyId() {
    int year = random.nextInt(100);
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(java.time.YearMonth.of(1900 + year, month).lengthOfMonth());
    return PROVINCES[random.nextInt(PROVINCES.length)] + digits(4) + String.format("%02d%02d%02d", year, month, day)
        + digits(3);
  }

  /**
   * 15 digits that are no legacy id (unknown province 9x, or month 13-19) and no Amex number either (a
   * Luhn-valid 34/37 number is one, and is rightly masked).
   */
  private String legacyLookAlike() {
    while (true) {
      String n = random.nextBoolean() ? "9" + digits(14)
          : PROVINCES[random.nextInt(PROVINCES.length)] + digits(6) + "1" + (3 + random.nextInt(7)) + digits(5);
      boolean amex = (n.startsWith("34") || n.startsWith("37")) && luhnDigit(n.substring(0, 14)) == n.charAt(14) - '0';
      if (!amex) {
        return n;
      }
    }
  }

  private String card() {
    String[] prefixes = {"4", "51", "53", "55", "2221", "62", "6011", "35", "34", "37"};
    String prefix = prefixes[random.nextInt(prefixes.length)];
    int length = prefix.equals("34") || prefix.equals("37") ? 15 : prefix.equals("62") ? 16 + random.nextInt(4) : 16;
    String body = prefix + digits(length - prefix.length() - 1);
    String number = body + luhnDigit(body);
    if (length == 15) {
      return random.nextBoolean() ? number
          : number.substring(0, 4) + " " + number.substring(4, 10) + " " + number.substring(10);
    }
    if (length != 16 || random.nextBoolean()) {
      return number;
    }
    String sep = random.nextBoolean() ? " " : "-";
    return String.join(sep, number.substring(0, 4), number.substring(4, 8), number.substring(8, 12), number.substring(12));
  }

  private String nonLuhnCard() {
    String body = pick("4", "5", "6") + digits(14);
    int wrong = (luhnDigit(body) + 1 + random.nextInt(9)) % 10;
    return body + wrong;
  }

  /** The digit that makes {@code body + digit} pass the Luhn check. */
  static int luhnDigit(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {   // these are doubled once the check digit is appended
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }

  private String ipv4() {
    return random.nextInt(223) + 1 + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
  }

  private String ipv6() {
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      groups.add(Integer.toHexString(random.nextInt(65536)));
    }
    if (random.nextBoolean()) {
      return String.join(":", groups);
    }
    return "2001:db8::" + groups.get(6) + ":" + groups.get(7);
  }

  private String iban(boolean validCheck) {
    String[][] countries = {{"DE", "8d10d"}, {"GB", "4L14d"}, {"NL", "4L10d"}, {"FR", "23d"}, {"ES", "20d"},
        {"IT", "1L22d"}};
    String[] c = countries[random.nextInt(countries.length)];
    StringBuilder bban = new StringBuilder();
    Matcher m = Pattern.compile("(\\d+)([dL])").matcher(c[1]);
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      for (int i = 0; i < n; i++) {
        bban.append(m.group(2).equals("d") ? (char) ('0' + random.nextInt(10)) : (char) ('A' + random.nextInt(26)));
      }
    }
    int valid = 98 - mod97(bban + c[0] + "00");
    int check = valid;
    while (!validCheck && check == valid) {
      check = 2 + random.nextInt(97);   // 02..98: any other pair of check digits breaks MOD 97-10
    }
    String iban = c[0] + String.format("%02d", check) + bban;
    if (!validCheck || random.nextBoolean()) {   // a grouped look-alike may lose digit groups to other kinds
      return iban;
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      grouped.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
    }
    return grouped.toString();
  }

  /** The remainder mod 97 of a string of letters (A=10 ... Z=35) and digits read as one number. */
  private static int mod97(String s) {
    int r = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      String part = Character.isLetter(ch) ? Integer.toString(ch - 'A' + 10) : String.valueOf(ch);
      for (int j = 0; j < part.length(); j++) {
        r = (r * 10 + (part.charAt(j) - '0')) % 97;
      }
    }
    return r;
  }

  private String[] passport() {
    String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    return switch (random.nextInt(5)) {
      case 0 -> withTemplate("E" + digits(8));
      case 1 -> withTemplate("E" + letters.charAt(random.nextInt(letters.length())) + digits(7));
      case 2 -> withTemplate(pick("G", "H", "M") + digits(8));
      default -> new String[] {random.nextBoolean() ? digits(9) : letters.charAt(random.nextInt(letters.length())) + digits(8),
          pick("passport no. %s", "Passport: %s", "护照号码：%s", "护照 %s 已核验", "passport number %s")};
    };
  }

  private String englishAddress() {
    return (1 + random.nextInt(9999)) + (random.nextInt(5) == 0 ? "B" : "") + " "
        + STREET_NAMES[random.nextInt(STREET_NAMES.length)] + " " + STREET_TYPES[random.nextInt(STREET_TYPES.length)];
  }

  private String chineseAddress() {
    return CITIES[random.nextInt(CITIES.length)] + ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(2000))
        + "号" + UNITS[random.nextInt(UNITS.length)];
  }

  private String date() {
    int y = 2015 + random.nextInt(12);
    int mo = 1 + random.nextInt(12);
    int d = 1 + random.nextInt(28);
    return switch (random.nextInt(5)) {
      case 0 -> String.format("%d-%02d-%02d", y, mo, d);
      case 1 -> y + "/" + mo + "/" + d;
      case 2 -> String.format("%02d/%02d/%d", mo, d, y);
      case 3 -> y + "年" + mo + "月" + d + "日";
      default -> String.format("%d-%02d-%02d %02d:%02d:%02d", y, mo, d, random.nextInt(24), random.nextInt(60),
          random.nextInt(60));
    };
  }

  /** Recall per kind: the fraction of messages of each kind whose span {@code masker} removed. */
  public static double recall(List<Sample> samples, Function<String, String> masker) {
    long caught = samples.stream().filter(s -> s.caughtIn(masker.apply(s.text()), s.text().replace(s.span(), ""))).count();
    return (double) caught / samples.size();
  }

  /** Decoy survival: the fraction of messages whose decoy is left verbatim. */
  public static double survival(List<Sample> samples, Function<String, String> masker) {
    long kept = samples.stream().filter(s -> masker.apply(s.text()).contains(s.span())).count();
    return (double) kept / samples.size();
  }
}
