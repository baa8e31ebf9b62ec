package io.mercato.examples.tutorial;

import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import io.mercato.text.privacy.PiiMasker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tutorial: keep personal data out of a model (data desensitization).
 *
 * <p>Customer feedback often carries e-mail addresses, phone numbers, Chinese resident id numbers,
 * bank card numbers or IP addresses. With PII masking on, each is replaced by a typed placeholder
 * ({@code <EMAIL>}, {@code <PHONE>}, ...) before tokenization, so none of it reaches the vocabulary
 * or the saved model file. This tutorial checks that by searching every (decompressed) entry of the saved file.
 */
public final class PrivacyMasking {
  private PrivacyMasking() {}

  /** Invented feedback; every e-mail, phone and card number below is made up. */
  static List<LabeledText> feedback() {
    String[] complaints = {
      "Order never arrived, call me back on +44 20 7946 0958 or mail %s",
      "退款还没到账，请联系我 13812345678，邮箱 %s",
      "Charged twice on card 4539 1488 0343 6467, write to %s",
      "The app logs me out every time, my IP is 203.0.113.7, reply to %s",
    };
    String[] praise = {
      "Lovely service, thanks! You can quote me, %s",
      "快递很快，包装很好，好评！有问题发邮件到 %s",
      "Great quality, will order again. Newsletter to %s please",
      "客服很耐心，问题解决了，谢谢。联系方式 %s",
    };
    List<LabeledText> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String mail = "customer" + i + "@example.com";
      rows.add(LabeledText.of(String.format(complaints[i % complaints.length], mail), "complaint"));
      rows.add(LabeledText.of(String.format(praise[i % praise.length], mail), "praise"));
    }
    return rows;
  }

  /** Runs the tutorial in {@code folder}; returns the saved model file. */
  public static Path run(Path folder) throws Exception {
    // 1. What the masker does to one message.
    PiiMasker masker = PiiMasker.standard();
    System.out.println(masker.mask("请联系 13812345678 或 li.wei@example.com，身份证 11010519491231002X"));

    // 2. Train: masking is on by default (this is PiiMasker.standard()); it runs on every text, in
    //    training and in prediction. piiMasker(PiiMasker.none()) would turn it off.
    TextClassifier classifier = TextClassifier.builder()
        .modelType(ModelType.LINEAR)
        .seed(3)
        .build()
        .fit(feedback());
    System.out.println(classifier.predict("Parcel lost again, phone me on 13900001111"));

    // 3. Save, then make sure no address or number made it into the file.
    Path file = folder.resolve("feedback.mercato");
    classifier.save(file);
    String bytes = contents(file);
    for (String secret : List.of("example.com", "customer1", "13812345678", "4539", "203.0.113.7")) {
      System.out.printf("%-12s in the model file: %s%n", secret, bytes.contains(secret));
    }
    return file;
  }

  /** Every entry of a model file (a zip), decompressed, as one string to search. */
  static String contents(Path modelFile) throws IOException {
    StringBuilder all = new StringBuilder();
    try (ZipFile zip = new ZipFile(modelFile.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(entry)) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        }
      }
    }
    return all.toString();
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    run(Files.createTempDirectory("mercato-tutorial"));
  }
}
