package io.mercato.text.model;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;
import java.io.DataInputStream;
import java.io.IOException;

/** Reads a binary model entry, turning I/O failures and inconsistent content into {@link ModelFileException}. */
final class ModelEntries {

  /** Reads one value from a data stream. */
  @FunctionalInterface
  interface EntryReader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private ModelEntries() {
  }

  static <T> T read(ModelFileReader reader, String entry, EntryReader<T> read) {
    try (DataInputStream in = reader.data(entry)) {
      return read.read(in);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelFileException mfe) {
        throw mfe;
      }
      throw new ModelFileException(reader.path(), "entry '" + entry + "' is unreadable: " + e.getMessage(), e);
    }
  }

  static void require(ModelFileReader reader, String entry, boolean condition, String reason) {
    if (!condition) {
      throw new ModelFileException(reader.path(), "entry '" + entry + "': " + reason);
    }
  }
}
