package io.mercato.examples.tutorial;

import io.mercato.core.metrics.ClassificationReport;
import io.mercato.examples.demo.BundledData;
import io.mercato.examples.evaluate.TextSplit;
import io.mercato.text.Explanation;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import java.util.List;

/**
 * Tutorial: is an English product review positive or negative?
 *
 * <ol>
 *   <li>Load labelled reviews from a CSV file (columns {@code text} and {@code label}).
 *   <li>Hold out 20% for an honest evaluation.
 *   <li>Train with the defaults: the model type and its settings are chosen automatically.
 *   <li>Evaluate: accuracy, per-class precision/recall/F1, confusion matrix.
 *   <li>Predict new reviews and see which words decided.
 * </ol>
 */
public final class EnglishSentiment {
  private EnglishSentiment() {}

  /** Runs the tutorial with the given model type and returns the held-out evaluation. */
  public static ClassificationReport run(ModelType modelType) {
    // 1. Load: 1,600 clothing reviews labelled positive / negative.
    List<LabeledText> reviews = TextDataset.csv(Tutorials.data(BundledData.REVIEWS_EN))
        .textColumn("text")
        .labelColumn("label")
        .load()
        .rows();

    // 2. A seeded, stratified 80/20 split.
    TextSplit split = TextSplit.stratified(reviews, 0.2, 42);

    // 3. Train. AUTO picks the model by validation on the training data alone.
    TextClassifier classifier = TextClassifier.builder()
        .modelType(modelType)
        .seed(42)
        .build()
        .fit(split.train());

    // 4. Evaluate on reviews the model never saw.
    ClassificationReport report = classifier.evaluate(split.test());
    System.out.println(report);

    // 5. Predict and explain.
    for (String review : List.of(
        "Gorgeous top, soft fabric and true to size. Got it in two colours!",
        "The zipper broke the first time I wore it and the colour faded. Returned.")) {
      Prediction p = classifier.predict(review);
      Explanation why = classifier.explain(review);
      System.out.printf("%s (%.2f)  %s%n  because: %s%n", p.label(), p.probability(), review, why);
    }
    return report;
  }

  /** Entry point. */
  public static void main(String[] args) {
    run(ModelType.AUTO);
  }
}
