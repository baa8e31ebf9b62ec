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
 *   io.mercato.text.privacy.PiiMaskingBenchmark [per-kind count, default 20000] [data dir] [model type, default AUTO]
 * </pre>
 *
 * <p>Only the recall and decoy part runs on generated data alone. The throughput part reads the real
 * SMS and ChnSentiCorp files under the data folder given as the second argument (e.g.
 * the benchmark machine's data folder); without that argument, or when a file is missing, it is skipped with a
 * message naming what is absent. It is a program, not a JUnit test: surefire never runs it.
 */
public final class PiiMaskingBenchmark {
  private PiiMaskingBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int n;
    ModelType modelType;
    try {
      n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
      modelType = ModelType.valueOf(args.length > 2 ? args[2] : "AUTO");
    } catch (IllegalArgumentException e) {
      System.err.println("usage: PiiMaskingBenchmark [per-kind count] [data dir] [model type: one of "
          + java.util.Arrays.toString(ModelType.values()) + "]; " + e.getMessage());
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
    throughput("sms-spam", sms, corpus, modelType);
    throughput("chnsenticorp-htl", TextDataset.csv(chinese).textColumn("review").labelColumn("label")
        .load().rows(), corpus, modelType);
  }

  /**
   * Trains a model of {@code type} with and without masking on 80% of {@code rows}; predicts the other 20% in
   * batches, as they are and with generated PII appended to a third of them, and reports docs/s.
   */
  private static void throughput(String name, List<LabeledText> rows, PiiCorpus corpus, ModelType type) {
    List<LabeledText> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, new Random(1));
    int cut = shuffled.size() * 4 / 5;
    List<LabeledText> train = shuffled.subList(0, cut);
    List<String> real = new ArrayList<>();
    List<String> withPii = new ArrayList<>();
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
    System.out.printf(Locale.ROOT, "%n## %s: %d texts, %d (%.2f%%) of the real texts changed by masking (e.g. %s)%n%n"
            + "model: %s (masked) / %s (unmasked)%n%n"
            + "| batched prediction of %d texts | masking off, docs/s | masking on, docs/s | cost |%n|---|---|---|---|%n",
        name, rows.size(), changedTexts.size(), 100.0 * changedTexts.size() / rows.size(), examples,
        masked.modelType(), plain.modelType(), real.size());
    for (List<String> texts : List.of(real, withPii)) {
      warmUp(plain, texts);
      warmUp(masked, texts);
      // alternate the two models in many short rounds so that a change in machine load hits both alike
      double p = 0;
      double m = 0;
      for (int round = 0; round < 40; round++) {
        p = Math.max(p, docsPerSecond(plain, texts));
        m = Math.max(m, docsPerSecond(masked, texts));
      }
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f%% |%n",
          texts == real ? "real texts as they are" : "a third with generated PII appended", p, m, 100 * (1 - m / p));
    }
  }

  private static void warmUp(TextClassifier clf, List<String> texts) {
    long warmUntil = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      clf.predictAll(texts);
    }
  }

  /** Best of 5 timed batched passes. */
  private static double docsPerSecond(TextClassifier clf, List<String> texts) {
    double best = 0;
    for (int r = 0; r < 5; r++) {
      long t0 = System.nanoTime();
      clf.predictAll(texts);
      best = Math.max(best, texts.size() / ((System.nanoTime() - t0) / 1e9));
    }
    return best;
  }
}
