package io.mercato.examples.tutorial;

import io.mercato.examples.demo.BundledData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tutorials find the bundled sample data: copied once into a temporary folder. */
final class Tutorials {
  private static Path folder;

  private Tutorials() {}

  /** The path of a bundled data file (see {@link BundledData} for the names). */
  static synchronized Path data(String name) {
    try {
      if (folder == null) {
        folder = Files.createTempDirectory("mercato-data");
        folder.toFile().deleteOnExit();
      }
      Path file = folder.resolve(name);
      if (!Files.exists(file)) {
        BundledData.copy(name, folder);
        file.toFile().deleteOnExit();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
