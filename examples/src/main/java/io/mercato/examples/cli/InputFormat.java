package io.mercato.examples.cli;

import io.mercato.core.ConfigurationException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --sep} option shared by every command reading a table: the separator is taken from
 * {@code --sep} when given, else from the file extension ({@code .tsv}/{@code .tab}/{@code .txt}
 * → TAB, anything else → comma).
 */
final class InputFormat {
  @Option(
      names = "--sep",
      paramLabel = "SEP",
      description = "Column separator: ',', ';', '|', 'tab' or '\\t' (default: from the file extension, .tsv = tab, else comma).")
  String sep;

  /** The separator for {@code file}. */
  char separator(Path file) {
    if (sep != null) {
      return parse(sep);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt") ? '\t' : ',';
  }

  static char parse(String sep) {
    switch (sep.toLowerCase(Locale.ROOT)) {
      case "tab", "\\t", "\t" -> {
        return '\t';
      }
      case "comma" -> {
        return ',';
      }
      case "semicolon" -> {
        return ';';
      }
      default -> {
        if (sep.length() == 1 && sep.charAt(0) != '"' && sep.charAt(0) != '\n' && sep.charAt(0) != '\r') {
          return sep.charAt(0);
        }
        throw ConfigurationException.invalid(
            "--sep", sep, "must be one character (',', ';', '|') or 'tab'");
      }
    }
  }
}
