package io.mercato.text.privacy;

/** The kinds of personal data {@link PiiMasker} recognizes, each with its placeholder. */
public enum PiiKind {
  /** E-mail addresses. */
  EMAIL("<EMAIL>"),
  /** Phone numbers: mainland China mobiles (optionally +86/0086), '+'-prefixed international numbers,
   * North American (415) 555-2671 / 415-555-2671 and Chinese landlines 010-12345678. */
  PHONE("<PHONE>"),
  /** 18-character Chinese resident identity numbers whose ISO 7064 MOD 11-2 check character is right. */
  ID_CARD("<ID_CARD>"),
  /** Bank card numbers of 13 to 19 digits (plain or in groups) that pass the Luhn check. */
  BANK_CARD("<BANK_CARD>"),
  /** IPv4 and IPv6 addresses. */
  IP("<IP>");

  private final String placeholder;

  PiiKind(String placeholder) {
    this.placeholder = placeholder;
  }

  /** The typed placeholder that replaces a match, e.g. {@code <EMAIL>}. */
  public String placeholder() {
    return placeholder;
  }
}
