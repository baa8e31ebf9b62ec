package io.mercato.text.privacy;

/**
 * The kinds of personal data {@link PiiMasker} recognizes, each with its placeholder. Each kind's javadoc
 * says what it catches and what it deliberately leaves, so that a user can judge what reaches a model.
 */
public enum PiiKind {
  /**
   * E-mail addresses ({@code name@shop.cn}) and obfuscated ones whose domain ends in a common top-level
   * domain: {@code name at shop dot cn}, {@code name [at] shop [dot] com}, {@code name(at)shop.com},
   * {@code name艾特shop点com}. Leaves {@code user@localhost} and a lone {@code @}; "look at shop dot com"
   * is masked too (it cannot be told from an address).
   */
  EMAIL("<EMAIL>"),
  /**
   * Phone numbers of 7 to 15 digits: mainland China mobiles (1[3-9] and 9 more digits, optionally
   * {@code +86}/{@code 0086}), '+'-prefixed international numbers, North American (415) 555-2671 /
   * 415-555-2671, trunk-prefixed landlines with separators (010-12345678, 010 6552 9988, (0755) 8888-6666,
   * 020 7946 0958), and local numbers without any prefix (6552 9988, 555-2671) when a phone word
   * (电话, 手机, tel, phone, call, ...) stands right before them. Leaves bare 7-8 digit numbers without such a
   * word (order numbers, amounts) and digit runs of other lengths.
   */
  PHONE("<PHONE>"),
  /**
   * Chinese resident identity numbers: 18 characters with a known province code, a real birth date and
   * the right ISO 7064 MOD 11-2 check character, and the legacy 15-digit form (province code and a real
   * YYMMDD birth date; it has no check digit). Leaves 18-digit numbers with a wrong check character.
   */
  ID_CARD("<ID_CARD>"),
  /**
   * Payment card numbers of 13 to 19 digits (plain or in groups of 4, or Amex 4-6-5) that pass the Luhn
   * check and start like a card of a real network (Visa 4 with 13, 16 or 19 digits, Mastercard 51-55/2221-2720, Amex 34/37,
   * Diners/JCB 30/35/36/38/39, UnionPay/Discover/Maestro 5x/6x of 16-19 digits). Leaves non-Luhn numbers, Luhn-valid
   * numbers with other prefixes (order numbers starting 1, 7, 8, 9, dates) and 18-digit numbers shaped
   * like a resident id.
   */
  BANK_CARD("<BANK_CARD>"),
  /** IPv4 addresses (four octets, not part of a longer dotted run such as a version) and IPv6 addresses. */
  IP("<IP>"),
  /**
   * International bank account numbers: a country of the ISO 13616 registry, two check digits and up to 30
   * letters or digits (plain or in groups of 4), with that country's length and a valid ISO 7064 MOD 97-10
   * checksum. Leaves look-alikes with a wrong checksum, length or country (tracking numbers like SF + 13
   * digits).
   */
  IBAN("<IBAN>"),
  /**
   * Passport numbers: the Chinese forms E/G + 8 digits, E + letter + 7 digits and the Hong Kong/Macau
   * permit H/M + 8 or 10 digits anywhere, and any 6-9 letters and digits (at least 6 digits) right after
   * "passport" or 护照. Leaves other product codes (it cannot tell a SKU {@code E12345678} from a passport).
   */
  PASSPORT("<PASSPORT>"),
  /**
   * Street addresses where a reliable pattern exists: a house number, one to four capitalized words and
   * a street type (221B Baker Street, 1600 Pennsylvania Ave), and Chinese road + number
   * (南京西路1266号, with building/unit/room parts such as 3栋502室); the Chinese form takes up to six
   * characters before 路/街/道/巷/弄 as the road name. Leaves addresses without a number or street type.
   */
  ADDRESS("<ADDRESS>");

  private final String placeholder;

  PiiKind(String placeholder) {
    this.placeholder = placeholder;
  }

  /** The typed placeholder that replaces a match, e.g. {@code <EMAIL>}. */
  public String placeholder() {
    return placeholder;
  }
}
