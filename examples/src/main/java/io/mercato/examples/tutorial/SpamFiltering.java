package io.mercato.examples.tutorial;

import io.mercato.core.metrics.ClassificationReport;
import io.mercato.examples.demo.BundledData;
import io.mercato.examples.evaluate.TextSplit;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import java.util.List;

/**
 * Tutorial: ad/spam filtering, where the class you care about is rare.
 *
 * <p>Only 13% of the bundled SMS messages are spam, so a filter that lets everything through is
 * already 87% "accurate". What matters is spam recall (how much spam is caught) and spam precision
 * (how many flagged messages really are spam). Balanced class weights make each spam example count
 * as much as the ham examples together, which usually buys recall at a small cost in precision.
 */
public final class SpamFiltering {
  private SpamFiltering() {}

  /** Runs the tutorial; returns the held-out reports without and with balanced class weights. */
  public static List<ClassificationReport> run(ModelType modelType) {
    // A TSV file (text<TAB>label); the separator comes from the extension.
    List<LabeledText> messages = TextDataset.csv(Tutorials.data(BundledData.SMS_SPAM)).load().rows();
    long spam = messages.stream().filter(m -> m.label().equals("spam")).count();
    System.out.printf("%d messages, %d spam (%.0f%%)%n", messages.size(), spam, 100.0 * spam / messages.size());

    // Stratified: the held-out quarter keeps the 13% spam rate.
    TextSplit split = TextSplit.stratified(messages, 0.25, 11);
    System.out.printf("always 'ham' would score accuracy %.3f%n",
        split.test().stream().filter(m -> m.label().equals("ham")).count() / (double) split.test().size());

    ClassificationReport plain = train(modelType, false, split);
    ClassificationReport balanced = train(modelType, true, split);
    return List.of(plain, balanced);
  }

  private static ClassificationReport train(ModelType modelType, boolean balanced, TextSplit split) {
    TextClassifier filter = TextClassifier.builder()
        .modelType(modelType)
        .balancedClassWeights(balanced)
        .seed(11)
        .build()
        .fit(split.train());
    ClassificationReport report = filter.evaluate(split.test());
    int spam = report.labels().indexOf("spam");
    System.out.printf("%-24s accuracy %.3f  spam precision %.3f  spam recall %.3f  spam F1 %.3f%n",
        balanced ? "balanced class weights" : "plain", report.accuracy(),
        report.precision(spam), report.recall(spam), report.f1(spam));
    return report;
  }

  /** Entry point. */
  public static void main(String[] args) {
    run(ModelType.AUTO);
  }
}
