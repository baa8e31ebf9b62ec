package io.mercato.examples.bench;

import static io.mercato.examples.bench.MarkdownTable.num;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Several seeded splits of the same data sets and the mean ± sample standard deviation of each
 * (data set, tool, metric) over them, shared by {@link TextBenchmark} and {@link RecsysBenchmark}
 * ({@code --split-root}), so that a choice between models is never made on one split's noise.
 *
 * <p>Layout of a split root: one folder per split, {@code ROOT/<split>/prepared/<dataset>/} (written by
 * {@code prepare --seed S --out ROOT/<split>/prepared}) and optionally {@code ROOT/<split>/peers/<dataset>.jsonl}
 * (written by {@code run-all ROOT/<split>/prepared --results ROOT/<split>/peers}); the split folders are taken
 * in name order ({@code examples/bench/multi-split} writes {@code seed-S}).
 *
 * <p>A value is recorded per split; a tool that did not run, failed or has no such metric on a split simply
 * has no value there, so each cell is the mean over the splits that have one, and its count is reported:
 * a missing split is never averaged in as 0. A data set whose splits are all the same (an official split,
 * BANKING77) would give a spurious sd of 0 over copies; that is for the caller to avoid.
 */
final class MultiSplit {

  /** One split folder: its name, its prepared data sets and its peer results folder (may not exist). */
  record Dir(String name, Path prepared, Path peers) {
  }

  /** The split folders under {@code root} that hold a {@code prepared} folder, in name order. */
  static List<Dir> under(Path root) {
    try (Stream<Path> children = Files.list(root)) {
      List<Dir> dirs = children.filter(p -> Files.isDirectory(p.resolve("prepared"))).sorted()
          .map(p -> new Dir(p.getFileName().toString(), p.resolve("prepared"), p.resolve("peers"))).toList();
      if (dirs.isEmpty()) {
        throw new IllegalArgumentException("no split folder with a 'prepared' sub-folder in " + root.toAbsolutePath()
            + " (write them with examples/bench/multi-split ROOT)");
      }
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list split root " + root, e);
    }
  }

  private final List<String> metrics;
  private final int[] decimals;
  /** dataset → tool → metric → the values, one per split that has it; insertion order = report order. */
  private final Map<String, Map<String, Map<String, List<Double>>>> values = new LinkedHashMap<>();
  /** dataset → tool → note (e.g. the model auto chose) → on how many splits. */
  private final Map<String, Map<String, Map<String, Integer>>> notes = new LinkedHashMap<>();
  private final List<String> splits = new ArrayList<>();

  /**
   * An empty summary of {@code metrics} (column names, in order), printed with the given number of decimals each.
   */
  MultiSplit(List<String> metrics, int... decimals) {
    if (metrics.size() != decimals.length) {
      throw new IllegalArgumentException(metrics.size() + " metrics but " + decimals.length + " decimals");
    }
    this.metrics = List.copyOf(metrics);
    this.decimals = decimals.clone();
  }

  /** Starts the next split (its name goes into the report). */
  void split(String name) {
    splits.add(name);
  }

  /** How many splits were started. */
  int splitCount() {
    return splits.size();
  }

  /** Records {@code value} of {@code metric} for {@code tool} on {@code dataset} in the current split; NaN = none. */
  void add(String dataset, String tool, String metric, double value) {
    if (!metrics.contains(metric)) {
      throw new IllegalArgumentException("unknown metric '" + metric + "', expected one of " + metrics);
    }
    List<Double> list = values.computeIfAbsent(dataset, k -> new LinkedHashMap<>())
        .computeIfAbsent(tool, k -> new LinkedHashMap<>()).computeIfAbsent(metric, k -> new ArrayList<>());
    if (!Double.isNaN(value)) {
      list.add(value);
    }
  }

  /**
   * Records one value per metric, in the order the metrics were given, for {@code tool} on {@code dataset}
   * in the current split (NaN = none).
   */
  void record(String dataset, String tool, double... valuesInMetricOrder) {
    if (valuesInMetricOrder.length != metrics.size()) {
      throw new IllegalArgumentException(valuesInMetricOrder.length + " values for the " + metrics.size()
          + " metrics " + metrics);
    }
    for (int m = 0; m < metrics.size(); m++) {
      add(dataset, tool, metrics.get(m), valuesInMetricOrder[m]);
    }
  }

  /** Records a failed run on the current split: the tool's row says so, its n does not count it. */
  void failed(String dataset, String tool) {
    double[] none = new double[metrics.size()];
    Arrays.fill(none, Double.NaN);
    record(dataset, tool, none);
    note(dataset, tool, "failed");
  }

  /** Writes the report of one split folder. */
  @FunctionalInterface
  interface SplitReport {
    String of(Dir split) throws IOException;
  }

  /**
   * Runs {@code oneSplit} on every split folder under {@code root} (see {@link #under}), printing each
   * split's report as it is done and then this summary under {@code title}; returns all of it.
   */
  String run(Path root, String title, SplitReport oneSplit) throws IOException {
    StringBuilder md = new StringBuilder();
    for (Dir dir : under(root)) {
      RecsysBenchmark.log("split %s", dir.name());
      split(dir.name());
      String one = "# split " + dir.name() + "\n\n" + oneSplit.of(dir);
      System.out.println(one);
      md.append(one);
    }
    String summary = report(title);
    System.out.println(summary);
    return md.append(summary).toString();
  }

  /** Counts {@code note} (e.g. "→ linear") for {@code tool} on {@code dataset} in the current split. */
  void note(String dataset, String tool, String note) {
    notes.computeIfAbsent(dataset, k -> new LinkedHashMap<>()).computeIfAbsent(tool, k -> new TreeMap<>())
        .merge(note, 1, Integer::sum);
  }

  /** The values recorded for a cell, one per split that has it (empty when none). */
  List<Double> values(String dataset, String tool, String metric) {
    return List.copyOf(values.getOrDefault(dataset, Map.of()).getOrDefault(tool, Map.of())
        .getOrDefault(metric, List.of()));
  }

  /** The arithmetic mean; NaN when empty. */
  static double mean(List<Double> v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return v.isEmpty() ? Double.NaN : sum / v.size();
  }

  /** The sample standard deviation (n − 1 in the denominator); NaN below two values. */
  static double sampleSd(List<Double> v) {
    if (v.size() < 2) {
      return Double.NaN;
    }
    double mean = mean(v);
    double squares = 0;
    for (double x : v) {
      squares += (x - mean) * (x - mean);
    }
    return Math.sqrt(squares / (v.size() - 1));
  }

  /**
   * "mean ± sd" with {@code decimals} decimals, "mean (n=1)" for one value, "" for none; {@code " (n=k)"} is
   * appended when k differs from {@code rowCount}, the splits the row has any value on.
   */
  static String cell(List<Double> v, int decimals, int rowCount) {
    if (v.isEmpty()) {
      return "";
    }
    String s = v.size() == 1 ? num(v.get(0), decimals) : num(mean(v), decimals) + " ± " + num(sampleSd(v), decimals);
    return v.size() == 1 || v.size() != rowCount ? s + " (n=" + v.size() + ")" : s;
  }

  /**
   * The table: data set, tool, n (the splits on which the tool has a value, of all splits), mean ± sample sd of
   * each metric, and the notes with their counts.
   */
  MarkdownTable table() {
    List<String> header = new ArrayList<>(List.of("dataset", "tool", "n"));
    metrics.forEach(m -> header.add(m + " (mean ± sd)"));
    header.add("notes");
    MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
    values.forEach((dataset, tools) -> tools.forEach((tool, cells) -> {
      int n = 0;
      for (List<Double> v : cells.values()) {
        n = Math.max(n, v.size());
      }
      List<String> row = new ArrayList<>(List.of(dataset, tool, n + "/" + splits.size()));
      for (int m = 0; m < metrics.size(); m++) {
        row.add(cell(cells.getOrDefault(metrics.get(m), List.of()), decimals[m], n));
      }
      List<String> text = new ArrayList<>();
      notes.getOrDefault(dataset, Map.of()).getOrDefault(tool, Map.of()).forEach((note, k) -> text.add(note + " ×" + k));
      row.add(String.join(", ", text));
      table.row(row.toArray(String[]::new));
    }));
    return table;
  }

  /** A Markdown section: the splits, then {@link #table()}. */
  String report(String title) {
    return "## " + title + " (mean ± sample sd over " + splits.size() + " splits: " + String.join(", ", splits)
        + ")\n\n" + table() + '\n';
  }
}
