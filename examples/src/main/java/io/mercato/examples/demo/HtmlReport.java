package io.mercato.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report: headings, paragraphs, tables and charts drawn as inline SVG (no
 * scripts, no external files), so the page opens anywhere, offline.
 */
public final class HtmlReport {
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
  private static final int W = 560;
  private static final int H = 300;
  private static final int PAD = 48;

  private final String title;
  private final StringBuilder body = new StringBuilder();

  /** Starts an empty report with a page title. */
  public HtmlReport(String title) {
    this.title = title;
  }

  /** Adds a section heading. */
  public HtmlReport heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** Adds a paragraph of plain text. */
  public HtmlReport paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Adds preformatted text (e.g. a text classification report). */
  public HtmlReport preformatted(String text) {
    body.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /** Adds a table; cells are plain text. */
  public HtmlReport table(List<String> header, List<List<String>> rows) {
    body.append("<table><tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /**
   * Adds a line chart: one line per series, x = 1..length (e.g. epochs). Series may have different
   * lengths; NaN points are skipped.
   */
  public HtmlReport lineChart(String caption, String xLabel, Map<String, double[]> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 1;
    for (double[] values : series.values()) {
      n = Math.max(n, values.length);
      for (double v : values) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    StringBuilder svg = svgStart(caption);
    axes(svg, xLabel, min, max);
    int s = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      String color = COLORS[s % COLORS.length];
      StringBuilder points = new StringBuilder();
      double[] values = e.getValue();
      for (int i = 0; i < values.length; i++) {
        if (Double.isFinite(values[i])) {
          double x = PAD + (n == 1 ? 0.5 : (double) i / (n - 1)) * (W - 2 * PAD);
          double y = H - PAD - (values[i] - min) / (max - min) * (H - 2 * PAD);
          points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
          svg.append(String.format(Locale.ROOT,
              "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>", fmt(x), fmt(y), color));
        }
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color)
          .append("\" points=\"").append(points).append("\"/>");
      svg.append(text(W - PAD - 150, PAD - 20 + 14 * s, color, e.getKey(), "start"));
      s++;
    }
    svg.append(text(PAD, H - PAD + 16, "#333", "1", "middle"));
    svg.append(text(W - PAD, H - PAD + 16, "#333", Integer.toString(n), "middle"));
    return svgEnd(svg);
  }

  /** Adds a bar chart of labelled values in [0, max]. */
  public HtmlReport barChart(String caption, String xLabel, Map<String, Double> bars) {
    double max = bars.values().stream().filter(Double::isFinite).mapToDouble(d -> d).max().orElse(1);
    max = max <= 0 ? 1 : max * 1.15;
    StringBuilder svg = svgStart(caption);
    axes(svg, xLabel, 0, max);
    double slot = (double) (W - 2 * PAD) / Math.max(1, bars.size());
    int i = 0;
    for (Map.Entry<String, Double> e : bars.entrySet()) {
      double v = Double.isFinite(e.getValue()) ? e.getValue() : 0;
      double h = v / max * (H - 2 * PAD);
      double x = PAD + i * slot + slot * 0.15;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>",
          fmt(x), fmt(H - PAD - h), fmt(slot * 0.7), fmt(h), COLORS[i % COLORS.length]));
      svg.append(text(x + slot * 0.35, H - PAD - h - 4, "#333", fmt3(v), "middle"));
      svg.append(text(x + slot * 0.35, H - PAD + 16, "#333", e.getKey(), "middle"));
      i++;
    }
    return svgEnd(svg);
  }

  /** Adds a confusion matrix as a heat-map table (rows = actual, columns = predicted). */
  public HtmlReport confusionMatrix(String caption, List<String> labels, long[][] counts) {
    long max = 1;
    for (long[] row : counts) {
      for (long c : row) {
        max = Math.max(max, c);
      }
    }
    body.append("<figure><figcaption>").append(escape(caption))
        .append("</figcaption><table class=\"cm\"><tr><th>actual \\ predicted</th>");
    labels.forEach(l -> body.append("<th>").append(escape(l)).append("</th>"));
    body.append("</tr>\n");
    for (int r = 0; r < counts.length; r++) {
      body.append("<tr><th>").append(escape(labels.get(r))).append("</th>");
      for (int c = 0; c < counts[r].length; c++) {
        double shade = (double) counts[r][c] / max;
        String bg = r == c
            ? String.format(Locale.ROOT, "rgba(44,160,44,%.2f)", 0.15 + 0.75 * shade)
            : String.format(Locale.ROOT, "rgba(214,39,40,%.2f)", 0.1 + 0.8 * shade);
        body.append("<td style=\"background:").append(bg).append("\">")
            .append(counts[r][c]).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</table></figure>\n");
    return this;
  }

  /** The complete HTML page. */
  public String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title) + "</title>\n<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;"
        + "color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        + "padding:4px 8px;text-align:left}table.cm td{text-align:right;min-width:4em}"
        + "figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}"
        + "pre{background:#f6f6f6;padding:.8em;overflow-x:auto}</style></head>\n<body><h1>"
        + escape(title) + "</h1>\n" + body + "</body></html>\n";
  }

  /** Writes the page to {@code file} (UTF-8), creating parent folders. */
  public Path write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, html(), StandardCharsets.UTF_8);
    return file;
  }

  private StringBuilder svgStart(String caption) {
    body.append("<figure><figcaption>").append(escape(caption)).append("</figcaption>");
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-size=\"11\">", W, H, W, H));
  }

  private HtmlReport svgEnd(StringBuilder svg) {
    body.append(svg).append("</svg></figure>\n");
    return this;
  }

  private static void axes(StringBuilder svg, String xLabel, double min, double max) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", PAD, H - PAD, W - PAD, H - PAD));
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", PAD, PAD, PAD, H - PAD));
    for (int t = 0; t <= 4; t++) {
      double v = min + (max - min) * t / 4;
      double y = H - PAD - (double) t / 4 * (H - 2 * PAD);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#eee\"/>", PAD, fmt(y), W - PAD, fmt(y)));
      svg.append(text(PAD - 4, y + 4, "#333", fmt3(v), "end"));
    }
    svg.append(text(W / 2.0, H - 10, "#333", xLabel, "middle"));
  }

  private static String text(double x, double y, String color, String s, String anchor) {
    return String.format(Locale.ROOT,
        "<text x=\"%s\" y=\"%s\" fill=\"%s\" text-anchor=\"%s\">%s</text>",
        fmt(x), fmt(y), color, anchor, escape(s));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Escapes the five HTML special characters. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
