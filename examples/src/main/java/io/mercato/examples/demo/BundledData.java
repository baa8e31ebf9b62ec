package io.mercato.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample data sets bundled in the examples jar ({@code /data/*}, sources and licences in
 * {@code /data/ATTRIBUTION.md}), copied to a folder so every loader and CLI command can read them
 * as ordinary files.
 */
public final class BundledData {
  /** English clothing-review sentiment: {@code text,label,product_class}; labels positive/negative. */
  public static final String REVIEWS_EN = "reviews-en.csv";
  /** Chinese product/hotel/restaurant review sentiment written for the project: {@code text,label,domain}. */
  public static final String REVIEWS_ZH = "reviews-zh.csv";
  /** SMS spam sample: {@code text<TAB>label}; labels ham/spam (13% spam). */
  public static final String SMS_SPAM = "sms-spam.tsv";
  /** Online-retail purchases: {@code customer,product,purchases,date}. */
  public static final String PURCHASES = "retail-purchases.csv";
  /** Online-retail products: {@code product,description}. */
  public static final String PRODUCTS = "retail-products.csv";

  private static final List<String> ALL =
      List.of(REVIEWS_EN, REVIEWS_ZH, SMS_SPAM, PURCHASES, PRODUCTS, "ATTRIBUTION.md");

  private BundledData() {}

  /** Copies one bundled file into {@code folder} (created if needed) and returns its path. */
  public static Path copy(String name, Path folder) {
    try (InputStream in = BundledData.class.getResourceAsStream("/data/" + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled data file missing from the jar: /data/" + name);
      }
      Files.createDirectories(folder);
      Path target = folder.resolve(name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies every bundled file (with the attribution notes) into {@code folder}. */
  public static Path copyAll(Path folder) {
    ALL.forEach(name -> copy(name, folder));
    return folder;
  }
}
