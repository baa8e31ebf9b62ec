package io.mercato.examples.bench;

import static io.mercato.examples.bench.MarkdownTable.num;
import static io.mercato.examples.bench.MarkdownTable.rate;
import static io.mercato.examples.bench.MarkdownTable.secs;

import com.fasterxml.jackson.databind.JsonNode;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.text.AutoSearch;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.TextClassifierTrainer;
import io.mercato.text.data.TextDataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Text classification benchmark: every model type on the prepared peer splits of the shared text data
 * sets (the same seeded stratified 80/20 splits, BANKING77's official split) with accuracy and macro-F1 on
 * the test set, in-process training time, batched prediction throughput, single-text latency and model
 * file size, followed by the scikit-learn and fastText figures on the same split and a check of the
 * targets. Prints Markdown.
 *
 * <pre>
 * java -cp ... io.mercato.examples.bench.TextBenchmark --prepared /tmp/prepared [--models auto,linear]
 * java -cp ... io.mercato.examples.bench.TextBenchmark --split-root /tmp/splits [--models auto,linear]
 * </pre>
 *
 * <p>With {@code --split-root} (instead of {@code --prepared} and {@code --peers}) every split folder of the
 * root ({@link MultiSplit}: {@code ROOT/<split>/prepared}, {@code ROOT/<split>/peers}) is benchmarked in turn
 * and its report printed, then a table of the mean ± sample sd of accuracy and macro-F1 over the splits per
 * data set and tool, with the number of splits each tool has a value on ({@code examples/bench/multi-split}
 * prepares the splits and runs the peers).
 */
@Command(name = "text-benchmark", mixinStandardHelpOptions = true,
    description = "Benchmarks Mercato's text classifiers on the prepared peer splits against the peer figures.")
public final class TextBenchmark implements Callable<Integer> {

  /** The text data sets of the peers, in report order. */
  static final List<String> DATASETS = List.of("sms-spam", "sentiment-sentences", "banking77",
      "womens-clothing-reviews", "womens-clothing-reviews-rating", "chnsenticorp-htl");

  /** Batched prediction is timed on the test set repeated to at least this many texts (as the peers do). */
  static final int BATCH_DOCS = 20_000;
  /** Timed batch passes; the median is reported (one pass is at the mercy of a noisy 2-core VM). */
  static final int BATCH_PASSES = 3;
  /**
   * Untimed batch passes run for at least this long first: the JIT compiles the prediction path of each
   * script separately (CJK text exercises other string code than Latin text), which one pass does not
   * always finish, so steady-state throughput, what a serving process sees, is measured after it.
   */
  static final double BATCH_WARM_UP_SECONDS = 2.0;

  @Option(names = "--prepared", paramLabel = "DIR",
      description = "Prepared peer splits (written by: " + Prepared.PREPARE_COMMAND + ").")
  Path prepared;

  @Option(names = "--split-root", paramLabel = "DIR",
      description = "Instead of --prepared/--peers: several seeded splits, ROOT/<split>/prepared and ROOT/<split>/peers "
          + "(written by examples/bench/multi-split); adds mean ± sample sd over the splits.")
  Path splitRoot;

  @Option(names = "--datasets", split = ",", paramLabel = "NAME",
      description = "Data sets (default: all six: sms-spam, sentiment-sentences, banking77, womens-clothing-reviews, "
          + "womens-clothing-reviews-rating, chnsenticorp-htl).")
  List<String> datasets;

  @Option(names = "--models", split = ",", paramLabel = "TYPE",
      description = "Model types: auto, linear, fasttext, mlp, cnn, rnn, attention (default: all).")
  List<String> models;

  @Option(names = "--neural-max-train", defaultValue = "0", paramLabel = "N",
      description = "Skip the DL4J models (MLP, CNN, RNN, attention; slow on 2 cores) on data sets with more than N training texts; 0 = never skip.")
  int neuralMaxTrain;

  @Option(names = "--neural-max-epochs", defaultValue = "0", paramLabel = "E",
      description = "Cap the epochs of the DL4J models (early stopping may stop sooner); 0 = the model's default.")
  int neuralMaxEpochs;

  @Option(names = "--warm-up-texts", defaultValue = "2000", paramLabel = "N",
      description = "Untimed JIT warm-up: one default fit on the first N training texts of the first data set; 0 = none.")
  int warmUpTexts;

  @Option(names = "--warm-up-each",
      description = "Warm up on every data set (its first N training texts) right before timing it: steady-state "
          + "timings, as in a long-running JVM, instead of the first fit of each data set in this process.")
  boolean warmUpEach;

  @Option(names = "--auto-search", defaultValue = "FAST", paramLabel = "FAST|THOROUGH",
      description = "How widely the auto model searches (default: ${DEFAULT-VALUE}, the library default).")
  AutoSearch autoSearch;

  @Option(names = "--seed", defaultValue = "42", description = "Training seed.")
  long seed;

  @Option(names = "--latency-calls", defaultValue = "2000", description = "Timed single-text predict calls (after 500 warm-up calls).")
  int latencyCalls;

  @Option(names = "--peers", paramLabel = "DIR",
      description = "Peer results folder (default: ../shared/peers/results or /work/shared/peers/results).")
  Path peers;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to this file.")
  Path out;

  /** Runs the benchmark. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new TextBenchmark()).execute(args));
  }

  /** The figures of every split (one split without --split-root; its summary is printed only with it). */
  private MultiSplit summary;

  @Override
  public Integer call() throws IOException {
    Path root = RecsysBenchmark.checkSplitOptions(new CommandLine(this), prepared, splitRoot, peers);
    List<ModelType> types = modelTypes();
    double nd4j = RecsysBenchmark.nd4jStartSeconds();
    summary = new MultiSplit(List.of("accuracy", "macro-F1"), 4, 4);
    String md;
    if (root == null) {
      summary.split("the split");
      md = split(prepared, PeerResults.locate(peers), types, nd4j);
      System.out.println(md);
    } else {
      md = summary.run(root, "Text classification", dir -> split(dir.prepared(), PeerResults.locate(dir.peers()),
          types, nd4j));
    }
    if (out != null) {
      Files.writeString(out, md);
    }
    return 0;
  }

  /** The single-split report of the data sets in {@code root} with the peer figures of {@code peerResults}. */
  private String split(Path root, PeerResults peerResults, List<ModelType> types, double nd4j) throws IOException {
    MarkdownTable results = new MarkdownTable("dataset", "tool", "accuracy", "macro-F1", "train s",
        "train CPU s", "batch docs/s", "p50 ms", "p99 ms", "model MB", "notes");
    MarkdownTable targets = new MarkdownTable("dataset", "default (auto) accuracy", "best peer accuracy",
        "accuracy ≥ peers", "train s / fastText s", "≤ 2×", "batch ≥ 20,000/s", "p50 ≤ 1 ms");
    List<String> names = datasets == null ? DATASETS : datasets;
    // JIT warm-up once per process: on the first split only
    double warmUpSeconds = 0;
    if (summary.splitCount() == 1 && warmUpTexts > 0) {
      warmUpSeconds += warmUp(Prepared.open(root, names.get(0)));
    }
    for (String name : names) {
      Prepared data = Prepared.open(root, name);
      if (warmUpEach && warmUpTexts > 0 && !name.equals(names.get(0))) {
        warmUpSeconds += warmUp(data);
      }
      dataset(data, types, peerResults, results, targets);
    }
    StringBuilder md = new StringBuilder();
    md.append("## Text classification (").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
        .append(System.getProperty("java.version")).append(", max heap ")
        .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB)\n\n")
        .append(String.format(Locale.ROOT, "ND4J start-up (native loading, once per process, before any timing): %.1f s. "
            + "Mercato rows: train s = in-process fit (wall); train CPU s = CPU time of the process (all threads) during it; batch = median of " + BATCH_PASSES + " timed predictAll passes over "
            + "the test set repeated to >= %,d texts (after untimed passes for at least " + BATCH_WARM_UP_SECONDS
            + " s); p50/p99 = single predict() calls after 500 warm-up calls. "
            + "JIT warm-up before any timing: one untimed default fit on the first %,d training texts of "
            + (warmUpEach ? "every data set, right before it is timed" : "the first data set")
            + " (%.1f s in all; 0 = none).%n%n", nd4j, BATCH_DOCS, warmUpTexts, warmUpSeconds))
        .append(results).append('\n');
    if (!targets.isEmpty()) {
      md.append("### Targets (default model vs. the peers)\n\n").append(targets).append('\n');
    }
    return md.toString();
  }



  /**
   * Trains the default classifier once, untimed, on the first {@link #warmUpTexts} training texts, so
   * that the first timed data set does not also pay for the JIT compiling the pipeline and solvers.
   */
  private double warmUp(Prepared data) {
    List<LabeledText> train = TextDataset.csv(data.train()).load().rows();
    long start = System.nanoTime();
    TextClassifier.builder().seed(seed).build().fit(train.subList(0, Math.min(warmUpTexts, train.size())));
    double seconds = (System.nanoTime() - start) / 1e9;
    RecsysBenchmark.log("JIT warm-up: untimed fit on %d texts of %s in %.1f s", Math.min(warmUpTexts, train.size()),
        data.name(), seconds);
    return seconds;
  }

  private void dataset(Prepared data, List<ModelType> types, PeerResults peerResults, MarkdownTable results,
      MarkdownTable targets) throws IOException {
    List<LabeledText> train = TextDataset.csv(data.train()).load().rows();
    List<LabeledText> test = TextDataset.csv(data.test()).load().rows();
    RecsysBenchmark.log("%s (%s): %d train / %d test texts", data.name(), data.kind(), train.size(), test.size());
    String label = data.name() + (data.kind().equals("text-zh") ? " (zh)" : "");
    Measured auto = null;
    for (ModelType type : types) {
      boolean neural = type == ModelType.MLP || type == ModelType.CNN || type == ModelType.RNN
          || type == ModelType.ATTENTION;
      if (neural && neuralMaxTrain > 0 && train.size() > neuralMaxTrain) {
        results.row(label, "mercato " + type.name().toLowerCase(Locale.ROOT), "", "", "", "", "", "", "", "",
            "not run: " + train.size() + " training texts > --neural-max-train " + neuralMaxTrain);
        continue;
      }
      RecsysBenchmark.log("%s: %s", data.name(), type);
      try {
        Measured m = measure(type, neural, train, test);
        results.row(label, "mercato " + type.name().toLowerCase(Locale.ROOT)
                + (type == ModelType.AUTO ? " → " + m.chosen : ""),
            num(m.accuracy, 4), num(m.macroF1, 4), secs(m.trainSeconds), secs(m.trainCpuSeconds), rate(m.docsPerSecond),
            num(m.latency.p50(), 3), num(m.latency.p99(), 3), num(m.modelBytes / 1e6, 2), m.notes);
        RecsysBenchmark.log("%s: %s accuracy %.4f, macro-F1 %.4f, train %.1f s (CPU %.1f s), %.0f docs/s, p50 %.3f ms, p99 %.3f ms, %.2f MB (%s)",
            data.name(), type, m.accuracy, m.macroF1, m.trainSeconds, m.trainCpuSeconds, m.docsPerSecond, m.latency.p50(),
            m.latency.p99(), m.modelBytes / 1e6, m.notes);
        summary.record(label, "mercato " + type.name().toLowerCase(Locale.ROOT), m.accuracy, m.macroF1);
        if (type == ModelType.AUTO) {
          auto = m;
          summary.note(label, "mercato auto", "→ " + (m.choice.isEmpty() ? m.chosen : m.choice));
        }
      } catch (RuntimeException | OutOfMemoryError e) {
        RecsysBenchmark.log("%s: %s FAILED: %s", data.name(), type, e);
        summary.failed(label, "mercato " + type.name().toLowerCase(Locale.ROOT));
        results.row(label, "mercato " + type.name().toLowerCase(Locale.ROOT), "", "", "", "", "", "", "", "",
            "FAILED: " + e);
      }
    }
    if (peerResults == null) {
      return;
    }
    double bestPeer = Double.NEGATIVE_INFINITY;
    String bestPeerTool = "";
    for (JsonNode p : peerResults.models(data.name())) {
      String tool = p.path("tool").asText();
      if (p.has("error")) {
        results.row(label, "peer: " + tool, "", "", "", "", "", "", "", "", "FAILED: " + p.path("error").asText());
        summary.failed(label, "peer: " + tool);
        continue;
      }
      double accuracy = PeerResults.number(p, "accuracy");
      if (accuracy > bestPeer) {
        bestPeer = accuracy;
        bestPeerTool = tool;
      }
      summary.record(label, "peer: " + tool, accuracy, PeerResults.number(p, "macro_f1"));
      double mb = PeerResults.number(p, "model_mb");
      results.row(label, "peer: " + tool, num(accuracy, 4), num(PeerResults.number(p, "macro_f1"), 4),
          secs(PeerResults.number(p, "fit_s")), "", rate(PeerResults.number(p, "predict_docs_per_s")), "", "",
          num(mb, 2), peerNote(p));
    }
    if (auto != null) {
      double fastText = PeerResults.number(peerResults.model(data.name(), "fasttext"), "fit_s");
      double ratio = auto.trainSeconds / fastText;
      targets.row(label, num(auto.accuracy, 4), num(bestPeer, 4) + " (" + bestPeerTool + ")",
          yes(auto.accuracy >= bestPeer), num(ratio, 2), yes(ratio <= 2),
          yes(auto.docsPerSecond >= BATCH_DOCS) + " (" + rate(auto.docsPerSecond) + ")",
          yes(auto.latency.p50() <= 1.0) + " (" + num(auto.latency.p50(), 3) + ")");
    }
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String peerNote(JsonNode p) {
    List<String> notes = new ArrayList<>();
    if (p.has("C")) {
      notes.add("C=" + p.get("C").asText());
    }
    JsonNode chosen = p.get("chosen_args");
    if (chosen != null && chosen.isObject()) {
      StringBuilder sb = new StringBuilder("autotune chose");
      for (String key : List.of("epoch", "lr", "dim", "wordNgrams", "minn", "maxn", "bucket")) {
        if (chosen.has(key)) {
          sb.append(' ').append(key).append('=').append(chosen.get(key).asText());
        }
      }
      notes.add(sb.toString());
    }
    if (p.has("args")) {
      notes.add(p.get("args").asText());
    }
    return String.join("; ", notes);
  }

  /** One model's figures on the split. */
  private record Measured(String chosen, String choice, double accuracy, double macroF1, double trainSeconds,
      double trainCpuSeconds, double docsPerSecond, Latency latency, long modelBytes, String notes) {
  }

  private Measured measure(ModelType type, boolean neural, List<LabeledText> train, List<LabeledText> test)
      throws IOException {
    TextClassifierTrainer.Builder builder = TextClassifier.builder().modelType(type).seed(seed);
    if (type == ModelType.AUTO) {
      builder.autoSearch(autoSearch);
    }
    if (neural && neuralMaxEpochs > 0) {
      builder.maxEpochs(neuralMaxEpochs);
    }
    TextClassifierTrainer trainer = builder.build();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    TextClassifier clf = trainer.fit(train);
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    double trainCpuSeconds = (processCpuNanos() - cpuStart) / 1e9;

    List<String> texts = test.stream().map(LabeledText::text).toList();
    List<Prediction> predictions = clf.predictAll(texts);
    double[] quality = accuracyAndMacroF1(test, predictions);

    List<String> repeated = new ArrayList<>(BATCH_DOCS + texts.size());
    while (repeated.size() < BATCH_DOCS) {
      repeated.addAll(texts);
    }
    long warmUpStart = System.nanoTime();
    do { // warm-up of the batch path at full size
      clf.predictAll(repeated);
    } while ((System.nanoTime() - warmUpStart) / 1e9 < BATCH_WARM_UP_SECONDS);
    double[] passes = new double[BATCH_PASSES];
    for (int pass = 0; pass < BATCH_PASSES; pass++) {
      start = System.nanoTime();
      clf.predictAll(repeated);
      passes[pass] = repeated.size() / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(passes);
    double docsPerSecond = passes[BATCH_PASSES / 2];

    int warmUp = 500;
    Latency latency = Latency.measure(warmUp, latencyCalls, 20, k -> clf.predict(texts.get(k % texts.size())));

    Path file = Files.createTempFile("mercato-bench-", ".mercato");
    long bytes;
    try {
      clf.save(file);
      bytes = Files.size(file);
    } finally {
      Files.deleteIfExists(file);
    }
    String epochs = clf.provenance().hyperParameters().getOrDefault("epochs", "");
    String choice = clf.provenance().hyperParameters().getOrDefault("auto.choice", "");
    String notes = "model " + clf.modelType() + (epochs.isEmpty() ? "" : ", " + epochs + " epochs")
        + (choice.isEmpty() ? "" : ", chosen: " + choice + " (" + clf.provenance().hyperParameters().get("auto.validation") + ")");
    return new Measured(clf.modelType(), choice, quality[0], quality[1], trainSeconds, trainCpuSeconds, docsPerSecond, latency, bytes, notes);
  }

  /**
   * CPU time of the whole process (all threads, native ones included: ND4J's OpenMP and BLAS threads,
   * GC, JIT) in nanoseconds: on a machine shared with other work, wall time measures the contention as
   * much as the fit, CPU time does not.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Accuracy and macro-F1 (over the labels occurring in the gold or predicted labels, as scikit-learn). */
  static double[] accuracyAndMacroF1(List<LabeledText> test, List<Prediction> predictions) {
    TreeSet<String> labelSet = new TreeSet<>();
    test.forEach(t -> labelSet.add(t.label()));
    predictions.forEach(p -> labelSet.add(p.label()));
    List<String> labels = List.copyOf(labelSet);
    int[] actual = new int[test.size()];
    int[] predicted = new int[test.size()];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = labels.indexOf(test.get(i).label());
      predicted[i] = labels.indexOf(predictions.get(i).label());
    }
    ClassificationReport report = ClassificationReport.of(labels, actual, predicted);
    return new double[] {report.accuracy(), report.macroF1()};
  }

  private List<ModelType> modelTypes() {
    if (models == null) {
      return List.of(ModelType.AUTO, ModelType.LINEAR, ModelType.FASTTEXT, ModelType.MLP, ModelType.CNN, ModelType.RNN,
          ModelType.ATTENTION);
    }
    List<ModelType> out = new ArrayList<>();
    for (String m : models) {
      try {
        out.add(ModelType.valueOf(m.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "unknown model type '" + m + "'; use auto, linear, fasttext, mlp, cnn, rnn or attention");
      }
    }
    return out;
  }
}
