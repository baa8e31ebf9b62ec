package io.mercato.examples.evaluate;

import io.mercato.core.data.Splits;
import io.mercato.text.LabeledText;
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded stratified train/test split of labelled texts (by first label), so the held-out part
 * keeps the label proportions of the whole.
 *
 * @param train the training texts
 * @param test the held-out texts
 */
public record TextSplit(List<LabeledText> train, List<LabeledText> test) {
  /** Copies the lists. */
  public TextSplit {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }

  /** Splits {@code rows}, holding out {@code testFraction} of each label. */
  public static TextSplit stratified(List<LabeledText> rows, double testFraction, long seed) {
    List<String> labels = rows.stream().map(LabeledText::label).distinct().sorted().toList();
    int[] y = rows.stream().mapToInt(r -> labels.indexOf(r.label())).toArray();
    Splits.Split split = Splits.stratified(y, testFraction, seed);
    return new TextSplit(pick(rows, split.train()), pick(rows, split.test()));
  }

  /** The elements of {@code rows} at {@code indices}, in that order. */
  private static <T> List<T> pick(List<T> rows, int[] indices) {
    List<T> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(rows.get(i));
    }
    return out;
  }
}
