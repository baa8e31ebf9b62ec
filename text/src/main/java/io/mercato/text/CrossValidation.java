package io.mercato.text;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.data.Splits;
import io.mercato.core.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Stratified k-fold cross-validation of a {@link TextClassifierTrainer}: each fold trains on
 * k-1 parts and is evaluated on the held-out part.
 *
 * @param folds the report of each fold, in fold order
 */
public record CrossValidation(List<ClassificationReport> folds) {

  /** Copies the list. */
  public CrossValidation {
    folds = List.copyOf(folds);
  }

  /**
   * Runs stratified k-fold cross-validation (single-label data).
   *
   * @param trainer the recipe to evaluate
   * @param data    labelled texts, one label each
   * @param k       number of folds, in [2, data.size()]
   * @param seed    seed of the fold assignment
   * @return the per-fold reports
   */
  public static CrossValidation run(TextClassifierTrainer trainer, List<LabeledText> data, int k, long seed) {
    if (trainer.multiLabel()) {
      throw new ConfigurationException("cross-validation needs a single-label trainer");
    }
    if (k < 2 || k > data.size()) {
      throw ConfigurationException.invalid("k", k, "must be in [2, " + data.size() + "]");
    }
    List<String> labels = new ArrayList<>(new TreeSet<>(data.stream().map(LabeledText::label).toList()));
    int[] y = new int[data.size()];
    for (int i = 0; i < y.length; i++) {
      if (data.get(i).labels().size() != 1) {
        throw new DataException("example " + i + " has " + data.get(i).labels().size() + " labels; cross-validation needs one");
      }
      y[i] = labels.indexOf(data.get(i).label());
    }
    List<ClassificationReport> reports = new ArrayList<>();
    for (Splits.Split split : Splits.stratifiedKFold(y, k, seed)) {
      TextClassifier clf = trainer.fit(pick(data, split.train()));
      reports.add(clf.evaluate(pick(data, split.test())));
    }
    return new CrossValidation(reports);
  }

  private static List<LabeledText> pick(List<LabeledText> data, int[] rows) {
    List<LabeledText> out = new ArrayList<>(rows.length);
    for (int r : rows) {
      out.add(data.get(r));
    }
    return out;
  }

  /** Mean accuracy over the folds. */
  public double meanAccuracy() {
    return mean(ClassificationReport::accuracy);
  }

  /** Mean macro-F1 over the folds. */
  public double meanMacroF1() {
    return mean(ClassificationReport::macroF1);
  }

  /** Sample standard deviation of the folds' accuracy. */
  public double stdAccuracy() {
    double m = meanAccuracy();
    double s = 0;
    for (ClassificationReport r : folds) {
      s += (r.accuracy() - m) * (r.accuracy() - m);
    }
    return folds.size() < 2 ? 0 : Math.sqrt(s / (folds.size() - 1));
  }

  private double mean(ToDoubleFunction<ClassificationReport> metric) {
    return folds.stream().mapToDouble(metric).average().orElse(Double.NaN);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d-fold CV: accuracy %.4f ± %.4f, macro-F1 %.4f",
        folds.size(), meanAccuracy(), stdAccuracy(), meanMacroF1());
  }
}
