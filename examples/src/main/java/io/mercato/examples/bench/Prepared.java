package io.mercato.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One prepared peer data set ({@code train.csv}, {@code test.csv}, {@code kind}) written by
 * {@code python3 ../shared/peers/prepare --out DIR}: the same seeded splits the peer figures come from.
 */
record Prepared(String name, Path dir, String kind) {

  /** The command that writes the prepared splits. */
  static final String PREPARE_COMMAND = "python3 ../shared/peers/prepare --out /tmp/prepared";

  /** Opens {@code root/name}, failing with the prepare command when it is missing. */
  static Prepared open(Path root, String name) {
    Path dir = root.resolve(name);
    Path kind = dir.resolve("kind");
    if (!Files.isRegularFile(kind) || !Files.isRegularFile(dir.resolve("train.csv"))
        || !Files.isRegularFile(dir.resolve("test.csv"))) {
      throw new IllegalArgumentException("no prepared data set '" + name + "' in " + root.toAbsolutePath()
          + " (expected train.csv, test.csv and kind); write the prepared splits with:\n  " + PREPARE_COMMAND
          + "\nand pass --prepared /tmp/prepared");
    }
    try {
      return new Prepared(name, dir, Files.readString(kind).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path train() {
    return dir.resolve("train.csv");
  }

  Path test() {
    return dir.resolve("test.csv");
  }
}
