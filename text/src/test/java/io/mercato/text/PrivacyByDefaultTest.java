package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.text.privacy.PiiCorpus;
import io.mercato.text.privacy.PiiKind;
import io.mercato.text.privacy.PiiMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With default settings no personal data reaches any byte of a saved model; opting out is recorded. */
class PrivacyByDefaultTest {

  @TempDir Path dir;

  private static final String[] GOOD = {"great service, thank you", "love it, fast delivery", "非常满意，好评"};
  private static final String[] BAD = {"terrible, want a refund", "broken on arrival, angry", "很失望，差评"};
  /** A run of 4+ letters and digits with a letter beyond f, so that it cannot turn up in a hex fingerprint. */
  private static final Pattern ALNUM_RUN = Pattern.compile("(?=[a-z0-9]*[g-z])[a-z0-9]{4,}");

  /** Customer messages, each with one piece of personal data of every kind in turn, and a sentiment. */
  private static List<LabeledText> messages(List<String> spans) {
    PiiCorpus corpus = new PiiCorpus(5);
    Random random = new Random(9);
    List<LabeledText> data = new ArrayList<>();
    for (PiiKind kind : PiiKind.values()) {
      for (PiiCorpus.Sample s : corpus.pii(kind, 40)) {
        boolean good = random.nextBoolean();
        String[] words = good ? GOOD : BAD;
        data.add(LabeledText.of(words[random.nextInt(words.length)] + " " + s.text(), good ? "positive" : "negative"));
        spans.add(s.span());
      }
    }
    return data;
  }

  @Test
  void defaultSettingsKeepEveryKindOutOfEverySavedByte() throws IOException {
    List<String> spans = new ArrayList<>();
    List<LabeledText> data = messages(spans);
    TextClassifier clf = TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(data);
    Path file = dir.resolve("default.mercato");
    clf.save(file);
    String everything = inflated(file);

    assertThat(leaks(everything, spans)).isEmpty();
    assertThat(clf.piiMasker()).isEqualTo(PiiMasker.standard());
    assertThat(clf.provenance().hyperParameters().get("piiMasking"))
        .isEqualTo("ADDRESS,BANK_CARD,EMAIL,IBAN,ID_CARD,IP,PASSPORT,PHONE");
    assertThat(TextClassifier.load(file).piiMasker()).isEqualTo(PiiMasker.standard());
  }

  @Test
  void theScanFindsThePersonalDataWhenMaskingIsTurnedOff() throws IOException {
    List<String> spans = new ArrayList<>();
    List<LabeledText> data = messages(spans);
    TextClassifier clf = TextClassifier.builder().modelType(ModelType.LINEAR).piiMasker(PiiMasker.none()).build()
        .fit(data);
    Path file = dir.resolve("unmasked.mercato");
    clf.save(file);

    // control: the scan above can fail, because the same scan finds most spans in an unmasked model
    assertThat(leaks(inflated(file), spans).size()).isGreaterThan(spans.size() / 2);
    assertThat(clf.provenance().hyperParameters().get("piiMasking")).isEqualTo("none");
    assertThat(TextClassifier.load(file).piiMasker().masksNothing()).isTrue();
  }

  @Test
  void explanationsAndPredictionsOfTheDefaultModelNeverEchoPersonalData() {
    List<String> spans = new ArrayList<>();
    TextClassifier clf = TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(messages(spans));
    String text = "terrible, call me on 13912345678 or write to jane.doe@example.com";
    String reasons = clf.explain(text).toString().toLowerCase(Locale.ROOT);
    assertThat(reasons).doesNotContain("13912345678", "jane", "example");
  }

  /**
   * The spans of which the text holds (lower-cased, as the vocabulary is) the span, its digits with the
   * separators removed, or a name-like run of it (the user part of an e-mail, a street name).
   */
  private static List<String> leaks(String everything, List<String> spans) {
    String haystack = everything.toLowerCase(Locale.ROOT);
    List<String> leaked = new ArrayList<>();
    for (String span : spans) {
      String lower = span.toLowerCase(Locale.ROOT);
      String digits = lower.replaceAll("[^0-9]", "");
      boolean leak = haystack.contains(lower) || (digits.length() >= 7 && haystack.contains(digits));
      Matcher m = ALNUM_RUN.matcher(lower);
      while (!leak && m.find()) {
        String run = m.group();
        leak = !isCommonWord(run) && haystack.contains(run);
      }
      if (leak) {
        leaked.add(span);
      }
    }
    return leaked;
  }

  /** Street types and the like that occur in addresses but are no personal data on their own. */
  private static boolean isCommonWord(String run) {
    return List.of("street", "avenue", "road", "boulevard", "lane", "drive", "mail", "shop", "example", "king")
        .contains(run);
  }

  /** The raw file and every entry decompressed, as text. */
  private static String inflated(Path file) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(Files.readAllBytes(file));
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        all.write('\n');
        all.write(zip.readAllBytes());
      }
    }
    return all.toString(StandardCharsets.ISO_8859_1) + "\n" + all.toString(StandardCharsets.UTF_8);
  }
}
