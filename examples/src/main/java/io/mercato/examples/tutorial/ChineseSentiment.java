package io.mercato.examples.tutorial;

import io.mercato.core.metrics.ClassificationReport;
import io.mercato.examples.demo.BundledData;
import io.mercato.examples.evaluate.TextSplit;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import java.util.List;

/**
 * Tutorial: Chinese review sentiment, with no dictionary and no word segmenter.
 *
 * <p>Chinese has no spaces between words. Mercato's default tokenizer turns runs of Chinese
 * characters into single characters plus overlapping pairs ("服务很好" → 服, 务, 很, 好, 服务,
 * 务很, 很好), the approach of Lucene's CJK analyzer; pairs like 服务 (service) and 很好 (very
 * good) carry most of the meaning. Mixed Chinese/English text works the same way.
 */
public final class ChineseSentiment {
  private ChineseSentiment() {}

  /** Runs the tutorial with the given model type and returns the held-out evaluation. */
  public static ClassificationReport run(ModelType modelType) {
    // 170 short product, hotel and restaurant reviews written for the project.
    List<LabeledText> reviews = TextDataset.csv(Tutorials.data(BundledData.REVIEWS_ZH))
        .textColumn("text")
        .labelColumn("label")
        .load()
        .rows();
    TextSplit split = TextSplit.stratified(reviews, 0.2, 7);

    // The same builder as for English: nothing language-specific to configure.
    TextClassifier classifier = TextClassifier.builder()
        .modelType(modelType)
        .seed(7)
        .build()
        .fit(split.train());
    ClassificationReport report = classifier.evaluate(split.test());
    System.out.println(report);

    for (String review : List.of(
        "酒店服务很好，房间也很干净。",            // the hotel's service is good, the room clean
        "快递太慢了，东西还是坏的。",              // delivery far too slow, and it arrived broken
        "Wi-Fi很快，早餐也不错，推荐！")) {        // mixed Chinese and English
      Prediction p = classifier.predict(review);
      System.out.printf("%s (%.2f)  %s  %s%n", p.label(), p.probability(), review, classifier.explain(review));
    }
    return report;
  }

  /** Entry point. */
  public static void main(String[] args) {
    run(ModelType.AUTO);
  }
}
