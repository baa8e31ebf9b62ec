package io.mercato.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown pipe table built row by row, with the number formats the benchmark reports use. */
final class MarkdownTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds one row; cells are already formatted, missing ones are filled with "". */
  MarkdownTable row(String... cells) {
    List<String> r = new ArrayList<>(List.of(cells));
    while (r.size() < header.size()) {
      r.add("");
    }
    rows.add(r);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    sb.append('|');
    for (int c = 0; c < header.size(); c++) {
      sb.append("---|");
    }
    sb.append('\n');
    rows.forEach(r -> line(sb, r));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append('|');
    for (String c : cells) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    sb.append('\n');
  }

  /** {@code v} with {@code decimals} decimals; "" for NaN (not measured). */
  static String num(double v, int decimals) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A rate such as docs/s, as a whole number with thousands separators. */
  static String rate(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** Seconds: 3 significant decimals below 10 s, fewer above. */
  static String secs(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return v < 10 ? num(v, 3) : num(v, 1);
  }
}
