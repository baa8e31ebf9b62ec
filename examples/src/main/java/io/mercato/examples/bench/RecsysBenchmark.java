package io.mercato.examples.bench;

import static io.mercato.examples.bench.MarkdownTable.num;
import static io.mercato.examples.bench.MarkdownTable.secs;

import com.fasterxml.jackson.databind.JsonNode;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.eval.Split;
import io.mercato.recsys.eval.Splitter;
import io.mercato.recsys.eval.Tuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Recommendation benchmark: every registered algorithm on the prepared peer splits of ml-latest-small
 * (explicit ratings) and online-retail (implicit purchases), scored with the peers' protocol
 * ({@link PeerProtocol}), plus k-fold cross-validated RMSE/MAE of the rating models over the whole
 * ratings file, timings (fit, top-10 for all users, single-user latency) and peak memory, with the peer
 * figures side by side. Prints Markdown.
 *
 * <pre>
 * java -cp ... io.mercato.examples.bench.RecsysBenchmark --prepared /tmp/prepared [--algorithms als,bpr]
 * java -cp ... io.mercato.examples.bench.RecsysBenchmark --split-root /tmp/splits --datasets ml-latest-small --folds 0
 * </pre>
 *
 * <p>With {@code --split-root} (instead of {@code --prepared} and {@code --peers}) every split folder of the
 * root ({@link MultiSplit}: {@code ROOT/<split>/prepared}, {@code ROOT/<split>/peers}) is benchmarked in turn
 * and its report printed, then a table of the mean ± sample sd over the splits of RMSE (explicit data, models
 * that predict ratings) and NDCG@10 per data set and tool, with the number of splits each tool has a value on
 * ({@code examples/bench/multi-split} prepares the splits and runs the peers).
 */
@Command(name = "recsys-benchmark", mixinStandardHelpOptions = true,
    description = "Benchmarks Mercato's recommenders on the prepared peer splits against the peer figures.")
public final class RecsysBenchmark implements Callable<Integer> {

  /** Every algorithm the benchmark knows, in report order; names not registered in the build are reported as skipped. */
  static final List<String> ALGORITHMS = List.of("popularity", "baseline", "item-knn", "user-knn", "biased-mf",
      "svdpp", "als", "implicit-als", "bpr", "ease", "rp3beta", "ncf", "content", "weighted-hybrid", "switching-hybrid");

  @Option(names = "--prepared", paramLabel = "DIR",
      description = "Prepared peer splits (written by: " + Prepared.PREPARE_COMMAND + ").")
  Path prepared;

  @Option(names = "--split-root", paramLabel = "DIR",
      description = "Instead of --prepared/--peers: several seeded splits, ROOT/<split>/prepared and ROOT/<split>/peers "
          + "(written by examples/bench/multi-split); adds mean ± sample sd over the splits.")
  Path splitRoot;

  /** The figures of every split (one split without --split-root; its summary is printed only with it). */
  private MultiSplit summary;

  @Option(names = "--datasets", split = ",", paramLabel = "NAME",
      description = "Data sets (default: ${DEFAULT-VALUE}).", defaultValue = "ml-latest-small,online-retail")
  List<String> datasets;

  @Option(names = "--algorithms", split = ",", paramLabel = "NAME",
      description = "Algorithms (default: all registered of " + "popularity, baseline, item-knn, user-knn, biased-mf, "
          + "svdpp, als, implicit-als, bpr, ease, rp3beta, ncf, content, weighted-hybrid, switching-hybrid).")
  List<String> algorithms;

  @Option(names = "--param", paramLabel = "ALGO.KEY=VALUE",
      description = "Hyper-parameter override, e.g. --param als.rank=32 (default: the library defaults).")
  List<String> params = new ArrayList<>();

  @Option(names = "--tune", paramLabel = "ALGO.KEY=V1|V2|...",
      description = "Adds a row 'ALGO (tuned)': the library's tuner ('tuned') picks the combination of these values by "
          + "validation NDCG@10 (or --tune ALGO.metric=rmse) on a seeded per-user split of the training part only, "
          + "then refits on all of it, e.g. --tune implicit-als.regularization=10|30|100. ALGO.metric, "
          + "ALGO.validationFraction and ALGO.validationSeed set the tuner itself.")
  List<String> tune = new ArrayList<>();

  @Option(names = "--tune-only", split = ",", paramLabel = "ALGO",
      description = "Algorithms measured only in their tuned row (not with the library defaults).")
  List<String> tuneOnly = new ArrayList<>();

  /** --tune as the tuner's by-name parameters, per algorithm. */
  private Map<String, Map<String, String>> grids = Map.of();

  @Option(names = "--folds", defaultValue = "5",
      description = "k of the k-fold cross-validation of rating models on explicit data; 0 = none (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the k-fold split and of the latency users.")
  long seed;

  @Option(names = "--latency-calls", defaultValue = "1000", description = "Timed single-user recommend calls.")
  int latencyCalls;

  @Option(names = "--latency-seconds", defaultValue = "10",
      description = "Time budget of the warm-up and of the timed single-user calls each (slow models time fewer calls).")
  double latencySeconds;

  @Option(names = "--peers", paramLabel = "DIR",
      description = "Peer results folder (default: ../shared/peers/results or /work/shared/peers/results).")
  Path peers;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to this file.")
  Path out;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Raw shared data (for item features of the content recommender: ml-latest-small/movies.csv genres; "
          + "default: ../shared/data or /work/shared/data).")
  Path rawData;

  /** Runs the benchmark. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new RecsysBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path root = checkSplitOptions(new CommandLine(this), prepared, splitRoot, peers);
    double nd4j = nd4jStartSeconds();
    summary = new MultiSplit(List.of("rmse", "NDCG@10"), 4, 4);
    String md;
    if (root == null) {
      summary.split("the split");
      md = split(prepared, PeerResults.locate(peers), nd4j);
      System.out.println(md);
    } else {
      md = summary.run(root, "Recommendation", dir -> split(dir.prepared(), PeerResults.locate(dir.peers()), nd4j));
    }
    if (out != null) {
      Files.writeString(out, md);
    }
    return 0;
  }

  /**
   * Checks that exactly one of {@code --prepared} and {@code --split-root} is given (and {@code --peers} only
   * with {@code --prepared}; each split has its own peer folder) before anything slow runs.
   *
   * @return the split root, or null for a single prepared folder
   * @throws CommandLine.ParameterException naming the options and what is wrong with them
   */
  static Path checkSplitOptions(CommandLine cmd, Path prepared, Path splitRoot, Path peers) {
    if (prepared != null && splitRoot != null) {
      throw new CommandLine.ParameterException(cmd, "--prepared " + prepared + " and --split-root " + splitRoot
          + " were both given: give one (a prepared folder, or a root of split folders)");
    }
    if (prepared == null && splitRoot == null) {
      throw new CommandLine.ParameterException(cmd, "give --prepared DIR (one split) or --split-root ROOT (several)");
    }
    if (splitRoot != null && peers != null) {
      throw new CommandLine.ParameterException(cmd, "--peers " + peers + " cannot be used with --split-root: "
          + "each split's peer results are read from ROOT/<split>/peers");
    }
    if (splitRoot != null && !java.nio.file.Files.isDirectory(splitRoot)) {
      throw new CommandLine.ParameterException(cmd, "--split-root " + splitRoot + ": not a directory");
    }
    return splitRoot;
  }

  /** The single-split report of the data sets in {@code root} with the peer figures of {@code peerResults}. */
  private String split(Path root, PeerResults peerResults, double nd4j) {
    Map<String, Map<String, String>> overrides = overrides(params);
    grids = new LinkedHashMap<>();
    overrides(tune).forEach((algorithm, values) -> {
      Map<String, String> g = new LinkedHashMap<>();
      values.forEach((key, value) -> g.put(TUNER_SETTINGS.contains(key) ? key : "grid." + key, value));
      grids.put(algorithm, g);
    });
    StringBuilder md = new StringBuilder();
    md.append("## Recommendation (").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
        .append(System.getProperty("java.version")).append(", max heap ")
        .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB)\n\n")
        .append(String.format(java.util.Locale.ROOT, "ND4J start-up (native loading, once per process, before any timing): %.1f s.%n%n", nd4j));
    for (String name : datasets) {
      Prepared data = Prepared.open(root, name);
      md.append(dataset(data, overrides, peerResults));
      System.err.println();
    }
    return md.toString();
  }



  private String dataset(Prepared data, Map<String, Map<String, String>> overrides, PeerResults peerResults) {
    boolean implicit = data.kind().equals("implicit");
    log("%s (%s): loading", data.name(), data.kind());
    Interactions train = Interactions.csv(data.train()).ratingColumn("rating").load();
    List<PeerProtocol.Row> trainRows = PeerProtocol.readRows(data.train());
    PeerProtocol protocol = new PeerProtocol(PeerProtocol.readRows(data.test()), implicit);
    log("%s: %d train interactions (%d users x %d items), %d test rows", data.name(), train.size(),
        train.userCount(), train.itemCount(), protocol.rows().size());

    MarkdownTable table = new MarkdownTable("tool", "rmse", "mae", "coverage",
        folds > 1 ? folds + "-fold rmse" : "cv rmse", folds > 1 ? folds + "-fold mae" : "cv mae",
        "P@10", "R@10", "NDCG@10", "fit_s", "top10 test users s (first call)", "top10 all users s (warm)",
        "recommend p50 ms", "recommend p99 ms", "peak heap MiB", "notes");
    List<String> skipped = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    List<PeerProtocol.Row> allRows = new ArrayList<>(trainRows);
    allRows.addAll(protocol.rows());
    List<Split> cvSplits = null;
    for (String algorithm : algorithms == null ? ALGORITHMS : algorithms) {
      if (!Recommenders.names().contains(algorithm)) {
        skipped.add(algorithm + " (not registered in this build)");
        continue;
      }
      Map<String, String> algorithmParams = overrides.getOrDefault(algorithm, Map.of());
      if (algorithm.equals("content") && algorithmParams.isEmpty()) {
        algorithmParams = contentFeatures(data.name());
        if (algorithmParams == null) {
          skipped.add("content (no item feature file for " + data.name() + ")");
          continue;
        }
      }
      List<String[]> rows = new ArrayList<>();
      if (!tuneOnly.contains(algorithm)) {
        rows.add(new String[] {algorithm, algorithm});
      }
      if (grids.containsKey(algorithm)) {
        rows.add(new String[] {algorithm + " (tuned)", Tuner.NAME});
      }
      for (String[] row : rows) {
        Map<String, String> params = algorithmParams;
        if (row[1].equals(Tuner.NAME)) {
          params = new LinkedHashMap<>(algorithmParams);
          params.put("algorithm", algorithm);
          params.put("relevantAtLeast", implicit ? "all" : Double.toString(PeerProtocol.RELEVANT_MIN));
          params.putAll(grids.get(algorithm));
        }
        RecommenderTrainer trainer;
        try {
          trainer = Recommenders.byName(row[1], params);
        } catch (RuntimeException e) {
          skipped.add(row[0] + " (" + e.getMessage() + ")");
          continue;
        }
        log("%s: %s", data.name(), row[1].equals(Tuner.NAME) ? row[0] + " over " + params : trainer.describe());
        try {
          Measured m = measure(trainer, train, protocol);
          String[] cv = {"", ""};
          boolean tuned = row[1].equals(Tuner.NAME);
          if (!implicit && !tuned && m.model.predictsRatings() && folds > 1) {
            if (cvSplits == null) {
              cvSplits = Splitter.kFold(PeerProtocol.interactions(allRows), folds, seed);
            }
            cv = crossValidate(trainer, cvSplits);
          }
          boolean ratings = !implicit && m.model.predictsRatings();
          log("%s: %s rmse %s, cv %s, NDCG@10 %.4f, fit %.2f s, top10 all %.3f s, p50 %.3f ms, peak heap %.0f MiB",
              data.name(), row[0], ratings ? num(m.rating.rmse(), 4) : "-", cv[0].isEmpty() ? "-" : cv[0],
              m.topN.ndcg(), m.fitSeconds, m.allUsersSeconds, m.latency.p50(), m.peakHeapMiB);
          String notes = m.latency.calls() < latencyCalls ? "latency over " + m.latency.calls() + " calls" : "";
          if (tuned) {
            notes = (notes.isEmpty() ? "" : notes + "; ") + "chose " + m.model.info().hyperParameters().get("chosen")
                + " on validation; no CV (tuning per fold not run)";
          }
          summary.record(data.name(), row[0], ratings ? m.rating.rmse() : Double.NaN, m.topN.ndcg());
          if (m.model.info().hyperParameters().containsKey("chosen")) {
            summary.note(data.name(), row[0], "→ " + m.model.info().hyperParameters().get("chosen"));
            if (m.model.info().metrics().containsKey("search.seconds")) {
              log("%s: %s fit = search %.2f s + refit of the chosen %.2f s", data.name(), row[0],
                  m.model.info().metrics().get("search.seconds"), m.model.info().metrics().get("refit.seconds"));
            }
          }
          table.row(row[0], ratings ? num(m.rating.rmse(), 4) : "", ratings ? num(m.rating.mae(), 4) : "",
              ratings ? num(m.rating.coverage(), 3) : "", cv[0], cv[1],
              num(m.topN.precision(), 4), num(m.topN.recall(), 4), num(m.topN.ndcg(), 4), secs(m.fitSeconds),
              secs(m.topN.seconds()), secs(m.allUsersSeconds), num(m.latency.p50(), 3), num(m.latency.p99(), 3),
              num(m.peakHeapMiB, 0), notes);
          settings.add(tuned ? tuningSummary(row[0], m.model) : "`" + trainer.describe() + "`");
        } catch (RuntimeException | OutOfMemoryError e) {
          log("%s: %s FAILED: %s", data.name(), row[0], e);
          summary.failed(data.name(), row[0]);
          table.row(row[0], "", "", "", "", "", "", "", "", "", "", "", "", "", "", "FAILED: " + e);
        }
      }
    }
    if (peerResults != null) {
      for (JsonNode p : peerResults.models(data.name())) {
        if (p.has("error")) {
          table.row("peer: " + p.path("tool").asText(), "", "", "", "", "", "", "", "", "", "", "", "", "", "",
              "FAILED: " + p.path("error").asText());
          summary.failed(data.name(), "peer: " + p.path("tool").asText());
          continue;
        }
        summary.record(data.name(), "peer: " + p.path("tool").asText(), PeerResults.number(p, "rmse"),
            PeerResults.number(p, "ndcg_at_10"));
        table.row("peer: " + p.path("tool").asText(), num(PeerResults.number(p, "rmse"), 4),
            num(PeerResults.number(p, "mae"), 4), num(PeerResults.number(p, "rating_coverage"), 3), "", "",
            num(PeerResults.number(p, "precision_at_10"), 4), num(PeerResults.number(p, "recall_at_10"), 4),
            num(PeerResults.number(p, "ndcg_at_10"), 4), secs(PeerResults.number(p, "fit_s")),
            secs(PeerResults.number(p, "recommend_all_users_s")), "", "", "", "", "");
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(data.name()).append(" (").append(data.kind()).append(": ").append(train.size())
        .append(" train / ").append(protocol.rows().size()).append(" test rows, ").append(train.userCount())
        .append(" users x ").append(train.itemCount()).append(" train items)\n\n").append(table).append('\n');
    if (!settings.isEmpty()) {
      sb.append("Settings (library defaults unless overridden with --param):\n\n");
      settings.forEach(d -> sb.append("- ").append(d).append('\n'));
      sb.append('\n');
    }
    if (!skipped.isEmpty()) {
      sb.append("Not run: ").append(String.join("; ", skipped)).append(".\n\n");
    }
    return sb.toString();
  }

  /** One algorithm's figures on the split. */
  private record Measured(Recommender model, double fitSeconds, PeerProtocol.RatingMetrics rating,
      PeerProtocol.TopNMetrics topN, double allUsersSeconds, Latency latency, double peakHeapMiB) {
  }

  private Measured measure(RecommenderTrainer trainer, Interactions train, PeerProtocol protocol) {
    try (HeapSampler memory = HeapSampler.start(5)) {
      long start = System.nanoTime();
      Recommender model = trainer.fit(train);
      double fit = (System.nanoTime() - start) / 1e9;
      PeerProtocol.RatingMetrics rating = model.predictsRatings() ? protocol.ratings(model) : null;
      PeerProtocol.TopNMetrics topN = protocol.topN(model);
      int[] everyone = new int[train.userCount()];
      for (int u = 0; u < everyone.length; u++) {
        everyone[u] = u;
      }
      start = System.nanoTime();
      model.topN(everyone, PeerProtocol.N);
      double all = (System.nanoTime() - start) / 1e9;
      SplittableRandom random = new SplittableRandom(seed);
      int calls = Math.max(1, latencyCalls);
      String[] users = new String[calls + calls / 5];
      for (int k = 0; k < users.length; k++) {
        users[k] = train.users().id(random.nextInt(train.userCount()));
      }
      Latency latency = Latency.measure(calls / 5, calls, latencySeconds,
          k -> model.recommend(users[k % users.length], PeerProtocol.N));
      return new Measured(model, fit, rating, topN, all, latency, memory.peakHeapMiB());
    }
  }

  /** Mean ± standard deviation of RMSE and MAE over the folds. */
  private static String[] crossValidate(RecommenderTrainer trainer, List<Split> splits) {
    double[] rmse = new double[splits.size()];
    double[] mae = new double[splits.size()];
    for (int f = 0; f < splits.size(); f++) {
      Split split = splits.get(f);
      Recommender model = trainer.fit(split.train());
      List<PeerProtocol.Row> rows = new ArrayList<>(split.test().size());
      Interactions test = split.test();
      test.forEach((u, i, value, t) -> rows.add(new PeerProtocol.Row(test.users().id(u), test.items().id(i), value)));
      PeerProtocol.RatingMetrics m = PeerProtocol.ratings(model, rows);
      rmse[f] = m.rmse();
      mae[f] = m.mae();
    }
    return new String[] {meanSd(rmse), meanSd(mae)};
  }

  private static String meanSd(double[] v) {
    List<Double> values = java.util.Arrays.stream(v).boxed().toList();
    return num(MultiSplit.mean(values), 4) + " ± " + num(v.length < 2 ? 0 : MultiSplit.sampleSd(values), 4);
  }

  /** Content recommender settings for a data set with an item feature file (ml-latest-small: genres), or null. */
  private Map<String, String> contentFeatures(String dataset) {
    if (!dataset.equals("ml-latest-small")) {
      return null;
    }
    List<Path> roots = rawData != null ? List.of(rawData) : List.of(Path.of("../shared/data"), Path.of("/work/shared/data"));
    for (Path root : roots) {
      Path movies = root.resolve("ml-latest-small/movies.csv");
      if (Files.isRegularFile(movies)) {
        return Map.of("features", movies.toString(), "id", "movieId", "tags", "genres", "tagSeparator", "\\|");
      }
    }
    return null;
  }

  /** The settings of the tuner itself among --tune's keys (the others are grids). */
  private static final java.util.Set<String> TUNER_SETTINGS = java.util.Set.of("metric", "validationFraction",
      "validationSeed");

  /** The chosen candidate and every candidate's validation score of a tuned model. */
  private static String tuningSummary(String row, Recommender model) {
    StringBuilder sb = new StringBuilder(row).append(": chose `").append(model.info().hyperParameters().get("chosen"))
        .append("` by validation ").append(model.info().hyperParameters().get("metric")).append(" (")
        .append(model.info().hyperParameters().get("validationFraction")).append(" of each user's training rows, seed ")
        .append(model.info().hyperParameters().get("validationSeed")).append("); validation scores, best first: ");
    String sep = "";
    boolean lowerIsBetter = Tuner.lowerIsBetter(model.info().hyperParameters().get("metric"));
    String prefix = "validation." + model.info().hyperParameters().get("metric") + "[";
    List<Map.Entry<String, Double>> scores = new ArrayList<>(model.info().metrics().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix)).toList());
    scores.sort(lowerIsBetter ? Map.Entry.comparingByValue() : Map.Entry.<String, Double>comparingByValue().reversed());
    for (Map.Entry<String, Double> e : scores) {
      String name = e.getKey().substring(e.getKey().indexOf('[') + 1, e.getKey().length() - 1);
      sb.append(sep).append(name).append(" → ").append(num(e.getValue(), 4));
      sep = "; ";
    }
    return sb.toString();
  }

  private Map<String, Map<String, String>> overrides(List<String> options) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String p : options) {
      int dot = p.indexOf('.');
      int eq = p.indexOf('=');
      if (dot < 1 || eq < dot + 2) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--param and --tune must look like ALGO.KEY=VALUE, got '" + p + "'");
      }
      out.computeIfAbsent(p.substring(0, dot), k -> new LinkedHashMap<>())
          .put(p.substring(dot + 1, eq), p.substring(eq + 1));
    }
    return out;
  }

  /** Seconds of ND4J's one-time native start-up, paid here so that no algorithm's fit time includes it. */
  static double nd4jStartSeconds() {
    long start = System.nanoTime();
    org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}).mmul(
        org.nd4j.linalg.factory.Nd4j.eye(2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    return (System.nanoTime() - start) / 1e9;
  }

  /** Progress on stderr (the report goes to stdout). */
  static void log(String format, Object... args) {
    System.err.println("[" + java.time.LocalTime.now().withNano(0) + "] " + String.format(java.util.Locale.ROOT, format, args));
  }
}
