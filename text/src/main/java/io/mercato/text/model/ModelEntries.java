package io.mercato.text.model;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;

/** Consistency checks on model entries read back from a file. */
final class ModelEntries {

  private ModelEntries() {
  }

  /** Throws a {@link ModelFileException} naming the file and entry unless {@code condition} holds. */
  static void require(ModelFileReader reader, String entry, boolean condition, String reason) {
    if (!condition) {
      throw new ModelFileException(reader.file(), "entry '" + entry + "': " + reason);
    }
  }
}
