package io.mercato.text.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PiiMaskerTest {

  private static final PiiMasker MASKER = PiiMasker.standard();

  @Test
  void emails() {
    assertThat(MASKER.mask("mail john.doe+promo@mail.example.co.uk, thanks"))
        .isEqualTo("mail <EMAIL>, thanks");
    assertThat(MASKER.mask("联系zhang_san@qq.com谢谢")).isEqualTo("联系<EMAIL>谢谢");
    assertThat(MASKER.mask("price @ 5 dollars, user@localhost")).isEqualTo("price @ 5 dollars, user@localhost");
  }

  @Test
  void chinaMobileNumbers() {
    assertThat(MASKER.mask("电话13800138000请联系")).isEqualTo("电话<PHONE>请联系");
    assertThat(MASKER.mask("call +86 138 0013 8000 now")).isEqualTo("call <PHONE> now");
    assertThat(MASKER.mask("call 0086-138-0013-8000")).isEqualTo("call <PHONE>");
    // 12 digits is not a mobile number; 11 digits starting 12 is not a valid mobile prefix
    assertThat(MASKER.mask("ref 138001380001 or 12800138000")).isEqualTo("ref 138001380001 or 12800138000");
  }

  @Test
  void internationalAndLandlineNumbers() {
    assertThat(MASKER.mask("US (415) 555-2671 or +1 415 555 2671 or 415-555-2671"))
        .isEqualTo("US <PHONE> or <PHONE> or <PHONE>");
    assertThat(MASKER.mask("London +44 20 7946 0958, Beijing 010-12345678"))
        .isEqualTo("London <PHONE>, Beijing <PHONE>");
  }

  @Test
  void fullWidthDigitsCannotHideANumber() {
    // U+FF11 U+FF13 U+FF18 ... = full-width 13800138000
    assertThat(MASKER.mask("电话１３８００１３８０００")).isEqualTo("电话<PHONE>");
  }

  @Test
  void chineseResidentIdNeedsTheIso7064Mod112CheckCharacter() {
    // 11010519491231002X, by hand: digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
    // weights  7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // products 7 9 0 5 0 20 2 9 24 27 7 18 30 5 0 0 4 -> sum 167; 167 mod 11 = 2; "10X98765432"[2] = 'X'
    assertThat(PiiMasker.isValidResidentId("11010519491231002X")).isTrue();
    assertThat(PiiMasker.isValidResidentId("11010519491231002x")).isTrue();
    assertThat(PiiMasker.isValidResidentId("110105194912310021")).isFalse();
    assertThat(MASKER.mask("身份证11010519491231002X已登记")).isEqualTo("身份证<ID_CARD>已登记");
    assertThat(MASKER.mask("身份证110105194912310021")).isEqualTo("身份证110105194912310021");
  }

  @Test
  void bankCardsNeedTheLuhnCheck() {
    assertThat(PiiMasker.passesLuhn("4111111111111111")).isTrue();   // Visa test number
    assertThat(PiiMasker.passesLuhn("4111111111111112")).isFalse();
    assertThat(PiiMasker.passesLuhn("5555555555554444")).isTrue();   // Mastercard test number
    assertThat(PiiMasker.passesLuhn("378282246310005")).isTrue();    // Amex test number
    assertThat(MASKER.mask("card 4111111111111111 ok")).isEqualTo("card <BANK_CARD> ok");
    assertThat(MASKER.mask("card 4111 1111 1111 1111 ok")).isEqualTo("card <BANK_CARD> ok");
    assertThat(MASKER.mask("card 4111-1111-1111-1111")).isEqualTo("card <BANK_CARD>");
    assertThat(MASKER.mask("amex 3782 822463 10005")).isEqualTo("amex <BANK_CARD>");
    assertThat(MASKER.mask("card 4111 1111 1111 1111 2 items")).isEqualTo("card <BANK_CARD> 2 items");
    assertThat(MASKER.mask("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
  }

  @Test
  void ipAddresses() {
    assertThat(MASKER.mask("from 192.168.1.254. and fe80::1ff:fe23:4567:890a, also ::1"))
        .isEqualTo("from <IP>. and <IP>, also <IP>");
    assertThat(MASKER.mask("2001:db8:85a3:0:0:8a2e:370:7334")).isEqualTo("<IP>");
    assertThat(MASKER.mask("from abcd::ef today, note: fine")).isEqualTo("from <IP> today, note: fine");
    assertThat(MASKER.mask("at 12:30:45, version 1.2.3.4.5, 256.1.1.1")).isEqualTo("at 12:30:45, version 1.2.3.4.5, 256.1.1.1");
  }

  @Test
  void ordinaryNumbersAndTextStay() {
    String text = "Order 20240601123 of 3 items, 50% off, 好评!";
    assertThat(MASKER.mask(text)).isEqualTo(text);
  }

  @Test
  void kindsCanBeChosen() {
    PiiMasker emailOnly = PiiMasker.builder().kinds(PiiKind.EMAIL).build();
    assertThat(emailOnly.mask("a@b.com 13800138000")).isEqualTo("<EMAIL> 13800138000");
    PiiMasker noPhone = PiiMasker.builder().keep(PiiKind.PHONE).build();
    assertThat(noPhone.mask("a@b.com 13800138000")).isEqualTo("<EMAIL> 13800138000");
    assertThat(noPhone.kinds()).doesNotContain(PiiKind.PHONE).contains(PiiKind.IP);
    assertThatThrownBy(() -> PiiMasker.builder().kinds().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("kinds");
  }

  @Test
  void legacyFifteenDigitResidentIdsNeedAProvinceAndARealBirthDate() {
    // 110105 (Beijing) 490231? no: Feb 31 is no date. 110105 491231 002 is 1949-12-31.
    assertThat(MASKER.mask("旧身份证110105491231002")).isEqualTo("旧身份证<ID_CARD>");
    assertThat(MASKER.mask("编号110105490231002")).isEqualTo("编号110105490231002");   // 1949-02-31
    assertThat(MASKER.mask("编号910105491231002")).isEqualTo("编号910105491231002");   // no province 91
  }

  @Test
  void eighteenDigitNumbersWithAWrongCheckCharacterSurviveEvenWhenLuhnValid() {
    // 62 is both Gansu's province code and UnionPay's prefix: with a wrong id check character and a right
    // Luhn digit the number is neither an id nor (being id-shaped) a card.
    String body = "62010219900101123";
    String number = body + PiiCorpus.luhnDigit(body);
    assertThat(PiiMasker.passesLuhn(number)).isTrue();
    assertThat(PiiMasker.isValidResidentId(number)).isFalse();
    assertThat(MASKER.mask("单号" + number)).isEqualTo("单号" + number);
  }

  @Test
  void cardsNeedARealNetworkPrefix() {
    // 7992739871 3 is the textbook Luhn example; 799273987130000 + ... starts with 7 (petroleum), no card
    String body = "799273987100001";
    String luhnValid = body + PiiCorpus.luhnDigit(body);
    assertThat(PiiMasker.passesLuhn(luhnValid)).isTrue();
    assertThat(MASKER.mask("order " + luhnValid)).isEqualTo("order " + luhnValid);
    assertThat(PiiMasker.hasCardPrefix("4111111111111111")).isTrue();
    assertThat(PiiMasker.hasCardPrefix("2221000000000009")).isTrue();
    assertThat(PiiMasker.hasCardPrefix("2024060112345678")).isFalse();
  }

  @Test
  void obfuscatedEmails() {
    assertThat(MASKER.mask("write to li.wei at shop dot cn please")).isEqualTo("write to <EMAIL> please");
    assertThat(MASKER.mask("john [at] mail [dot] co [dot] uk")).isEqualTo("<EMAIL>");
    assertThat(MASKER.mask("KATE(AT)QQ.COM")).isEqualTo("<EMAIL>");
    assertThat(MASKER.mask("邮箱zhangsan艾特163点com")).isEqualTo("邮箱<EMAIL>");
    assertThat(MASKER.mask("great at home, arrived at noon")).isEqualTo("great at home, arrived at noon");
  }

  @Test
  void ibansNeedTheMod97Checksum() {
    // the ISO 13616 examples
    assertThat(MASKER.mask("IBAN GB82 WEST 1234 5698 7654 32 ok")).isEqualTo("IBAN <IBAN> ok");
    assertThat(MASKER.mask("IBAN DE89370400440532013000")).isEqualTo("IBAN <IBAN>");
    assertThat(MASKER.mask("IBAN DE88370400440532013000")).isEqualTo("IBAN DE88370400440532013000");
  }

  @Test
  void passports() {
    assertThat(MASKER.mask("护照E12345678已核验")).isEqualTo("护照<PASSPORT>已核验");
    assertThat(MASKER.mask("passport no. 123456789")).isEqualTo("passport no. <PASSPORT>");
    assertThat(MASKER.mask("passport renewal, SKU E1234567")).isEqualTo("passport renewal, SKU E1234567");
  }

  @Test
  void localPhonesNeedAPhoneWordBeforeThem() {
    assertThat(MASKER.mask("电话：6552 9988")).isEqualTo("电话:<PHONE>");
    assertThat(MASKER.mask("call 555-2671 today")).isEqualTo("call <PHONE> today");
    assertThat(MASKER.mask("hotel 6552 9988, 共6552 9988件")).isEqualTo("hotel 6552 9988, 共6552 9988件");
    assertThat(MASKER.mask("座机 010 6552 9988")).isEqualTo("座机 <PHONE>");
  }

  @Test
  void streetAddresses() {
    assertThat(MASKER.mask("ship to 221B Baker Street, London")).isEqualTo("ship to <ADDRESS>, London");
    assertThat(MASKER.mask("送到 上海市南京西路1266号3栋502室 谢谢")).isEqualTo("送到 <ADDRESS> 谢谢");
    assertThat(MASKER.mask("3 great products, 第2号色")).isEqualTo("3 great products, 第2号色");
  }

  @Test
  void pricesDatesAndVersionsSurvive() {
    String text = "¥1,299.00 on 2024-06-01 12:30:45, app v2.3.1, 06/01/2024, 2024年6月1日, 50% off";
    assertThat(MASKER.mask(text)).isEqualTo(text);
  }

  @Test
  void noneMasksNothingAndSaysSo() {
    assertThat(PiiMasker.none().mask("a@b.com 13800138000")).isEqualTo("a@b.com 13800138000");
    assertThat(PiiMasker.none().masksNothing()).isTrue();
    assertThat(PiiMasker.standard().masksNothing()).isFalse();
    assertThat(PiiMasker.none().kinds()).isEmpty();
  }

  @Test
  void everyDigitGroupOfATextIsSearchedOnItsOwn() {
    // matches far apart, each near its own group of digits, with plain words and small numbers between
    assertThat(MASKER.mask("Office 020 7946 0958 until 5 pm, then home (0755) 8888-6666 or +44 20 7946 0000"))
        .isEqualTo("Office <PHONE> until 5 pm, then home <PHONE> or <PHONE>");
    assertThat(MASKER.mask("phone 5551234 today, and tomorrow please call 5559876"))
        .isEqualTo("phone <PHONE> today, and tomorrow please call <PHONE>");
    // a local number without a phone word shortly before it stays: it may be an order number
    assertThat(MASKER.mask("phone me about order 5551234")).isEqualTo("phone me about order 5551234");
  }

  @Test
  void addressesWithCapitalsThatAlsoStartWords() {
    assertThat(MASKER.mask("Send it To 12 Tower Road Please")).isEqualTo("Send it To <ADDRESS> Please");
    assertThat(MASKER.mask("meet at 7 Park Ave.")).isEqualTo("meet at <ADDRESS>");
  }

  @Test
  void phoneScannerEndsWhereThePhoneExpressionEnds() {
    // the expression the hand-written scanner stands for (PiiMasker.phoneEnd), as java.util.regex runs it
    Pattern phone = Pattern.compile("(?<![0-9A-Za-z+])(?:"
        + "(?:(?:\\+|00)86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}"
        + "|\\+[1-9]\\d{0,2}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}"
        + "|\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}"
        + "|\\d{3}[-.]\\d{3}[-.]\\d{4}"
        + "|0\\d{2,3}[ -]\\d{3,4}[ -]?\\d{4}"
        + "|\\(0\\d{2,3}\\) ?\\d{3,4}[ -]?\\d{4}"
        + ")(?![0-9A-Za-z])");
    // pieces of phone numbers of every shape, and characters that end or break them
    String[] pieces = {"+", "00", "86", "138", "1", "0", "7", "44", "20", "020", "(0755)", "7946", "0958", "555",
        "1234", "12345", "(415)", " ", " ", "-", "-", ".", "(", ")", "a", "X", "号", "\uFFFF"};
    Random random = new Random(16);
    int matched = 0;
    for (int trial = 0; trial < 300_000; trial++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 1 + random.nextInt(10); k >= 0; k--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = sb.toString();
      int start = random.nextBoolean() ? 0 : random.nextInt(s.length());
      int to = random.nextBoolean() ? s.length() : start + 1 + random.nextInt(s.length() - start);
      Matcher m = phone.matcher(s).useTransparentBounds(true).region(start, to);
      int expected = m.lookingAt() ? m.end() : -1;
      matched += expected >= 0 ? 1 : 0;
      assertThat(PiiMasker.phoneEnd(s, start, to)).as("%s from %d to %d", s, start, to).isEqualTo(expected);
    }
    assertThat(matched).isGreaterThan(1000);
  }
}
