package io.mercato.text.privacy;

import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (prints numbers; not a test): recall per kind and decoy survival of {@link PiiMasker#standard()}
 * on a large generated {@link PiiCorpus}, the share of real reviews the masker changes, and the cost of
 * masking in batched prediction (a model trained with masking against the same model trained without).
 *
 * <pre>
 * mvn -q -o test-compile -pl text -am
 * CP=$(mvn -q -o -pl text dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * java -cp text/target/test-classes:text/target/classes:core/target/classes:$CP \
 *   io.mercato.text.privacy.PiiMaskingBenchmark [per-kind count, default 20000] [data dir] [model type, default AUTO] \
 *   [JVMs, default 5]
 * </pre>
 *
 * <p>Only the recall and decoy part runs on generated data alone. The throughput part reads the real
 * SMS and ChnSentiCorp files under the data folder given as the second argument (e.g.
 * the benchmark machine's data folder); without that argument, or when a file is missing, it is skipped with a
 * message naming what is absent. Masking's cost is timed by thread CPU time on one thread, in fresh JVMs
 * (several, alternating which model goes first, the median reported): wall-clock throughput of a parallel
 * pass over ~1,000 texts on 2 cores, which an earlier version measured, swung by 30 % between identical runs.
 * It is a program, not a JUnit test: surefire never runs it.
 */
public final class PiiMaskingBenchmark {
  private PiiMaskingBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals(MEASURE)) {
      measureInThisJvm(args);
      return;
    }
    int n;
    int jvms;
    ModelType modelType;
    try {
      n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
      modelType = ModelType.valueOf(args.length > 2 ? args[2] : "AUTO");
      jvms = args.length > 3 ? Integer.parseInt(args[3]) : 5;
      if (jvms < 1) {
        throw new IllegalArgumentException("jvms must be at least 1, was " + jvms);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("usage: PiiMaskingBenchmark [per-kind count] [data dir] [model type: one of "
          + java.util.Arrays.toString(ModelType.values()) + "] [jvms, default 5]; " + e.getMessage());
      System.exit(2);
      return;
    }
    Path dataDir = args.length > 1 ? Path.of(args[1]) : null;
    PiiMasker masker = PiiMasker.standard();
    PiiCorpus corpus = new PiiCorpus(2026);
    System.out.printf(Locale.ROOT, "## Recall per kind (%d generated messages each)%n%n| kind | recall |%n|---|---|%n", n);
    for (PiiKind kind : PiiKind.values()) {
      System.out.printf(Locale.ROOT, "| %s | %.4f |%n", kind, PiiCorpus.recall(corpus.pii(kind, n), masker::mask));
    }
    System.out.printf(Locale.ROOT, "%n## Decoy survival (%d each)%n%n| decoy | survival |%n|---|---|%n", n);
    for (String type : PiiCorpus.DECOY_TYPES) {
      System.out.printf(Locale.ROOT, "| %s | %.4f |%n", type, PiiCorpus.survival(corpus.decoys(type, n), masker::mask));
    }
    if (dataDir == null) {
      System.out.println("\n(no data folder given as the second argument: throughput part skipped)");
      return;
    }
    Path english = dataDir.resolve("sms-spam/SMSSpamCollection");
    Path chinese = dataDir.resolve("chnsenticorp-htl/ChnSentiCorp_htl_all.csv");
    for (Path file : List.of(english, chinese)) {
      if (!Files.isRegularFile(file)) {
        System.out.println("\n(" + file + " does not exist: throughput part skipped)");
        return;
      }
    }
    List<LabeledText> sms = Files.readAllLines(english).stream().filter(l -> l.indexOf('\t') > 0)
        .map(l -> LabeledText.of(l.substring(l.indexOf('\t') + 1), l.substring(0, l.indexOf('\t')))).toList();
    throughput("sms-spam", sms, corpus, modelType, jvms);
    throughput("chnsenticorp-htl", TextDataset.csv(chinese).textColumn("review").labelColumn("label")
        .load().rows(), corpus, modelType, jvms);
  }

  /**
   * Trains a model of {@code type} with and without masking on 80% of {@code rows}, saves both, and measures
   * batched prediction of the other 20% (as they are, and with generated PII appended to a third of them) in
   * {@code jvms} fresh JVMs, each started by {@link #measureInThisJvm}.
   */
  private static void throughput(String name, List<LabeledText> rows, PiiCorpus corpus, ModelType type, int jvms)
      throws Exception {
    List<LabeledText> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, new Random(1));
    int cut = shuffled.size() * 4 / 5;
    List<LabeledText> train = shuffled.subList(0, cut);
    ArrayList<String> real = new ArrayList<>();
    ArrayList<String> withPii = new ArrayList<>();
    Random random = new Random(3);
    PiiKind[] kinds = PiiKind.values();
    for (LabeledText t : shuffled.subList(cut, shuffled.size())) {
      real.add(t.text());
      withPii.add(random.nextInt(3) == 0
          ? t.text() + " " + corpus.pii(kinds[random.nextInt(kinds.length)], 1).get(0).text() : t.text());
    }
    List<String> changedTexts = rows.stream().map(LabeledText::text)
        .filter(t -> !PiiMasker.standard().mask(t).equals(t)).toList();
    String examples = changedTexts.stream().limit(3).map(t -> "`" + PiiMasker.standard().mask(t) + "`")
        .collect(java.util.stream.Collectors.joining(", "));
    TextClassifier masked = TextClassifier.builder().modelType(type).build().fit(train);
    TextClassifier plain = TextClassifier.builder().modelType(type).piiMasker(PiiMasker.none()).build().fit(train);
    Path dir = Files.createTempDirectory("pii-bench");
    Path maskedFile = dir.resolve("masked.mercato");
    Path plainFile = dir.resolve("plain.mercato");
    masked.save(maskedFile);
    plain.save(plainFile);
    System.out.printf(Locale.ROOT, "%n## %s: %d texts, %d (%.2f%%) of the real texts changed by masking (e.g. %s)%n%n"
            + "model: %s (masked) / %s (unmasked); batched prediction of %d texts, one thread, %d JVMs%n%n"
            + "| texts | masking off, docs/s per core | masking on, docs/s per core | masking alone, µs/text "
            + "| cost per JVM | cost (median) |%n|---|---|---|---|---|---|%n",
        name, rows.size(), changedTexts.size(), 100.0 * changedTexts.size() / rows.size(), examples,
        masked.modelType(), plain.modelType(), real.size(), jvms);
    for (ArrayList<String> texts : List.of(real, withPii)) {
      Path textsFile = dir.resolve("texts.bin");
      try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(textsFile))) {
        out.writeObject(texts);
      }
      List<double[]> runs = new ArrayList<>();
      for (int j = 0; j < jvms; j++) {
        runs.add(measureInFreshJvm(maskedFile, plainFile, textsFile, j % 2 == 0));
      }
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %s | **%.1f%%** |%n",
          texts == real ? "real texts as they are" : "a third with generated PII appended",
          median(runs, 1), median(runs, 2), median(runs, 3),
          runs.stream().map(r -> String.format(Locale.ROOT, "%.1f%%", 100 * r[0]))
              .collect(java.util.stream.Collectors.joining(" ")),
          100 * median(runs, 0));
    }
    for (Path f : List.of(maskedFile, plainFile, dir.resolve("texts.bin"), dir)) {
      Files.deleteIfExists(f);
    }
  }

  private static double median(List<double[]> runs, int column) {
    return median(runs.stream().mapToDouble(r -> r[column]).toArray());
  }

  /** Runs {@link #measureInThisJvm} in a child JVM with this JVM's class path and returns its numbers. */
  private static double[] measureInFreshJvm(Path masked, Path plain, Path texts, boolean plainFirst)
      throws Exception {
    String launcher = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(launcher, "-cp", System.getProperty("java.class.path"),
        PiiMaskingBenchmark.class.getName(), MEASURE, masked.toString(), plain.toString(), texts.toString(),
        Boolean.toString(plainFirst))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("measuring JVM failed (exit " + p.exitValue() + "): " + out);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    return java.util.Arrays.stream(last.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static final String MEASURE = "--measure";

  /**
   * The child JVM's part: loads the two models and the texts, warms up, then times {@value #ROUNDS} rounds of
   * one batched pass per model (alternating which goes first) by this thread's CPU time, in batches of
   * {@value #BATCH} texts on the calling thread (so the second core and the scheduler do not enter the figure).
   * Prints "cost plainDocsPerSecond maskedDocsPerSecond maskingMicrosPerText", each the median over the rounds.
   */
  private static void measureInThisJvm(String[] args) throws Exception {
    TextClassifier masked = TextClassifier.load(Path.of(args[1]));
    TextClassifier plain = TextClassifier.load(Path.of(args[2]));
    List<String> texts;
    try (var in = new java.io.ObjectInputStream(Files.newInputStream(Path.of(args[3])))) {
      @SuppressWarnings("unchecked")
      List<String> read = (List<String>) in.readObject();
      texts = read;
    }
    boolean plainFirst = Boolean.parseBoolean(args[4]);
    PiiMasker masker = masked.piiMasker();
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long warmUntil = System.nanoTime() + 8_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      pass(plain, texts);
      pass(masked, texts);
      texts.forEach(masker::mask);
    }
    double[] cost = new double[ROUNDS];
    double[] plainRate = new double[ROUNDS];
    double[] maskedRate = new double[ROUNDS];
    double[] maskMicros = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      boolean plainNow = plainFirst == (r % 2 == 0);
      long a = cpu.getCurrentThreadCpuTime();
      pass(plainNow ? plain : masked, texts);
      long b = cpu.getCurrentThreadCpuTime();
      pass(plainNow ? masked : plain, texts);
      long c = cpu.getCurrentThreadCpuTime();
      texts.forEach(masker::mask);
      long d = cpu.getCurrentThreadCpuTime();
      double plainNanos = plainNow ? b - a : c - b;
      double maskedNanos = plainNow ? c - b : b - a;
      cost[r] = 1 - plainNanos / maskedNanos;
      plainRate[r] = texts.size() / (plainNanos / 1e9);
      maskedRate[r] = texts.size() / (maskedNanos / 1e9);
      maskMicros[r] = (d - c) / 1e3 / texts.size();
    }
    System.out.printf(Locale.ROOT, "%.5f %.1f %.1f %.4f%n", median(cost), median(plainRate), median(maskedRate),
        median(maskMicros));
  }

  private static final int ROUNDS = 41;
  private static final int BATCH = 256;

  /** The median (of an even count, the mean of the middle two). */
  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** One batched prediction pass over {@code texts}, {@value #BATCH} at a time on this thread. */
  private static void pass(TextClassifier clf, List<String> texts) {
    for (int from = 0; from < texts.size(); from += BATCH) {
      clf.predictAll(texts.subList(from, Math.min(texts.size(), from + BATCH)));
    }
  }
}
