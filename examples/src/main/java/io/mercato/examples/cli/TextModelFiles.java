package io.mercato.examples.cli;

import io.mercato.core.io.ModelKey;
import io.mercato.text.TextClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Loads text models for the commands and says, once per model, when one was trained without PII
 * masking (the library logs the same at WARN; the CLI's logging configuration leaves that line to this one).
 */
final class TextModelFiles {
  private TextModelFiles() {}

  /** The classifier in {@code file} ({@code key} null for a plain file); the notice goes to {@code err}. */
  static TextClassifier load(Path file, ModelKey key, PrintWriter err) {
    TextClassifier clf = TextClassifier.load(file, key);
    if (clf.piiMasker().masksNothing()) {
      err.println(unmaskedNotice(file));
      err.flush();
    }
    return clf;
  }

  /** The one-line notice for a model trained with masking off. */
  static String unmaskedNotice(Path file) {
    return "warning: " + file + " was trained without PII masking (--no-pii-masking): its vocabulary may hold "
        + "personal data, and it classifies texts unmasked";
  }
}
