package io.mercato.examples.demo;

import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.examples.evaluate.TextSplit;
import io.mercato.examples.serve.TextReasons;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.eval.EvaluationReport;
import io.mercato.recsys.eval.Evaluator;
import io.mercato.recsys.eval.Split;
import io.mercato.recsys.eval.Splitter;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code mercato demo} tour, on the bundled sample data: an English and a Chinese
 * review-sentiment classifier (trained with a progress bar, evaluated on a held-out 20%, a few
 * predictions explained) and a product recommender (compared with popularity by precision at k,
 * a few customers' recommendations with "because you bought …" reasons). Everything printed also
 * goes into an HTML report with training curves, confusion matrices and a precision@k chart.
 */
public final class Demo {
  /** The recommender the demo trains: its explanations name the customer's own purchases. */
  static final String RECOMMENDER = "item-knn";
  private static final int[] CUTOFFS = {1, 3, 5, 10};

  private final PrintWriter out;
  private final Path folder;
  private final long seed;
  private final boolean quick;
  private final HtmlReport report = new HtmlReport("Mercato demo report");

  /**
   * A demo printing to {@code out} and writing its report and models into {@code folder}.
   *
   * @param quick use a quarter of the English reviews (for smoke tests)
   */
  public Demo(PrintWriter out, Path folder, long seed, boolean quick) {
    this.out = out;
    this.folder = folder;
    this.seed = seed;
    this.quick = quick;
  }

  /** Runs the tour and returns the path of the HTML report. */
  public Path run() throws IOException {
    long start = System.nanoTime();
    Path data = BundledData.copyAll(folder.resolve("data"));
    out.println("Mercato demo: sample data copied to " + data.toAbsolutePath());
    report.paragraph("Bundled sample data (sources and licences: data/ATTRIBUTION.md). Seed " + seed + ".");

    // English: linear softmax, fast and exactly explainable. Chinese: the default (AUTO) choice, with
    // nothing language-specific to configure.
    sentiment("English review sentiment", ModelType.LINEAR, data.resolve(BundledData.REVIEWS_EN), "sentiment-en.mercato",
        List.of("Love this dress! The fabric is soft and it fits perfectly.",
            "Cheap material, the seams ripped after one wash. Sending it back."));
    sentiment("Chinese review sentiment", ModelType.AUTO, data.resolve(BundledData.REVIEWS_ZH), "sentiment-zh.mercato",
        List.of("房间干净，前台服务很热情，下次还会再来。", "菜又咸又贵，服务员态度很差，不会再来了。"));
    recommendations(data);

    Path html = report.write(folder.resolve("report.html"));
    out.printf(Locale.ROOT, "%nReport: %s%nModels: %s%nDone in %.1f s. Serve the models with:%n"
            + "  ./mercato serve --text-model %s --recsys-model %s%n",
        html.toAbsolutePath(), folder.toAbsolutePath(), (System.nanoTime() - start) / 1e9,
        folder.resolve("sentiment-en.mercato"), folder.resolve("products.mercato"));
    out.flush();
    return html;
  }

  private void sentiment(String title, ModelType type, Path file, String modelFile, List<String> examples) {
    out.printf("%n== %s ==%n", title);
    List<LabeledText> rows = TextDataset.csv(file).textColumn("text").labelColumn("label").load().rows();
    if (quick && rows.size() > 400) {
      rows = rows.subList(0, 400);
    }
    TextSplit split = TextSplit.stratified(rows, 0.2, seed);
    List<LabeledText> train = split.train();
    List<LabeledText> test = split.test();
    out.printf("%d reviews: %d for training, %d held out for evaluation%n", rows.size(), train.size(), test.size());

    ProgressBar bar = new ProgressBar(out, "training");
    TextClassifier clf = TextClassifier.builder().modelType(type).seed(seed).listener(bar).build().fit(train);
    ClassificationReport eval = clf.evaluate(test);
    out.println(eval);
    clf.save(folder.resolve(modelFile));

    report.heading(title);
    report.paragraph(String.format(Locale.ROOT,
        "%d reviews, stratified 80/20 split, %s model. Held-out accuracy %.3f, macro-F1 %.3f, log loss %.3f.",
        rows.size(), clf.modelType(), eval.accuracy(), eval.macroF1(), eval.logLoss()));
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("training loss", bar.lossCurve());
    String metric = bar.events().isEmpty() ? null : bar.events().get(0).validationMetricName();
    if (metric != null) {
      curves.put(metric, bar.validationCurve());
    }
    report.lineChart("Training curves", "epoch", curves);
    report.confusionMatrix("Confusion matrix (held-out reviews)", eval.labels(), eval.confusionMatrix());
    report.preformatted(eval.toString());

    List<String> texts = new ArrayList<>(examples);
    test.stream().limit(3).map(LabeledText::text).forEach(texts::add);
    List<List<String>> table = new ArrayList<>();
    out.println("Predictions (the words that pushed each one, with signed weights):");
    for (String text : texts) {
      Prediction p = clf.predict(text);
      String why = TextReasons.summary(clf.explain(text), 4);
      out.printf(Locale.ROOT, "  %-8s %.3f  %s%n      because: %s%n", p.label(), p.probability(), shorten(text), why);
      table.add(List.of(text, p.label(), String.format(Locale.ROOT, "%.3f", p.probability()), why));
    }
    report.table(List.of("text", "prediction", "probability", "because"), table);
  }

  private void recommendations(Path data) throws IOException {
    out.printf("%n== Product recommendations ==%n");
    Map<String, String> products = descriptions(data.resolve(BundledData.PRODUCTS));
    Interactions all = Interactions.csv(data.resolve(BundledData.PURCHASES))
        .userColumn("customer").itemColumn("product").load();
    Split split = Splitter.random(0.2, seed).split(all);
    Interactions interactions = split.train();
    out.printf("%d purchases of %d products by %d customers; %d held out%n",
        all.size(), interactions.itemCount(), interactions.userCount(), split.test().size());

    // the library's top-N protocol: every held-out purchase is relevant, customers unseen in training count
    Evaluator.Builder evaluator = Evaluator.builder().k(10).cutoffs(CUTOFFS).allTestItemsRelevant();
    for (String algorithm : List.of("popularity", RECOMMENDER)) {
      evaluator.add(algorithm, Recommenders.byName(algorithm, Map.of()));
    }
    Map<String, Double> precision = new LinkedHashMap<>();
    for (EvaluationReport.Row row : evaluator.build().evaluate(split).rows()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-11s fit %.2fs ", row.name(), row.get("fit_s")));
      for (int k : CUTOFFS) {
        precision.put(row.name() + " P@" + k, row.get("precision@" + k));
        line.append(String.format(Locale.ROOT, " P@%d %.3f", k, row.get("precision@" + k)));
      }
      line.append(String.format(Locale.ROOT, " R@10 %.3f NDCG@10 %.3f", row.get("recall@10"), row.get("ndcg@10")));
      out.println(line);
    }
    Recommender model = Recommenders.byName(RECOMMENDER, Map.of()).fit(interactions);
    model.save(folder.resolve("products.mercato"));

    report.heading("Product recommendations");
    report.paragraph(String.format(Locale.ROOT,
        "%d purchases (online retail sample), random 80/20 split. Relevant = a customer's held-out purchases;"
            + " every product the customer has not bought is ranked; customers unseen in training count with no hits.",
        all.size()));
    report.barChart("Precision@k on held-out purchases", "algorithm and cut-off", precision);

    List<List<String>> table = new ArrayList<>();
    List<String> customers = interactions.users().ids().stream()
        .sorted(Comparator.comparingInt((String u) -> -interactions.userItems(interactions.users().index(u)).length)
            .thenComparing(u -> u))
        .limit(3).toList();
    for (String customer : customers) {
      out.printf("Customer %s bought %d products, e.g. %s%n", customer,
          interactions.userItems(interactions.users().index(customer)).length,
          ownItems(interactions, customer, products));
      for (Recommendation r : model.recommend(customer, 3)) {
        String because = because(model.explain(customer, r.item()), products);
        out.printf(Locale.ROOT, "  -> %-40s %.3f  because you bought %s%n", products.getOrDefault(r.item(), r.item()),
            r.score(), because);
        table.add(List.of(customer, products.getOrDefault(r.item(), r.item()),
            String.format(Locale.ROOT, "%.3f", r.score()), because));
      }
    }
    report.table(List.of("customer", "recommended", "score", "because you bought"), table);
  }

  private static String because(Explanation e, Map<String, String> products) {
    String items = e.reasons().stream()
        .filter(r -> r.kind().equals("item"))
        .limit(2)
        .map(r -> products.getOrDefault(r.label(), r.label()))
        .collect(Collectors.joining(" and "));
    return items.isEmpty() ? e.summary() : items;
  }

  private static String ownItems(Interactions data, String user, Map<String, String> products) {
    int[] items = data.userItems(data.users().index(user));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < Math.min(3, items.length); i++) {
      String id = data.items().id(items[i]);
      names.add(products.getOrDefault(id, id));
    }
    return String.join(", ", names);
  }

  private static Map<String, String> descriptions(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (CsvReader csv = CsvReader.open(file)) {
      int id = csv.column("product");
      int description = csv.column("description");
      for (CsvRecord r : csv) {
        out.put(r.get(id), r.get(description));
      }
    }
    return out;
  }

  private static String shorten(String text) {
    return text.length() <= 70 ? text : text.substring(0, 67) + "...";
  }
}
