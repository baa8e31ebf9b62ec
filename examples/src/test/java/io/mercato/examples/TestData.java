package io.mercato.examples;

import io.mercato.recsys.data.Interactions;
import io.mercato.text.LabeledText;
import java.util.ArrayList;
import java.util.List;

/** Tiny data sets with known answers, shared by the examples tests. */
public final class TestData {
  private TestData() {}

  /**
   * 40 texts a linear model separates perfectly: positive texts use only the words of
   * {@code POSITIVE}, negative ones only those of {@code NEGATIVE}.
   */
  public static List<LabeledText> separableTexts() {
    String[] positive = {"great", "lovely", "excellent", "perfect", "happy"};
    String[] negative = {"awful", "broken", "terrible", "refund", "angry"};
    List<LabeledText> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(LabeledText.of(positive[i % 5] + " " + positive[(i + 2) % 5] + " dress", "pos"));
      rows.add(LabeledText.of(negative[i % 5] + " " + negative[(i + 3) % 5] + " dress", "neg"));
    }
    return rows;
  }

  /**
   * Two separate groups of customers: u1-u3 buy among i1-i3, u4-u6 among i4-i6. u1 has i1 and i2,
   * which u2 bought together with i3, so i3 is u1's only co-purchased candidate; i5 is the item
   * closest to i4 (bought by u4 and u5 like i4, cosine 2/sqrt(6) against 1/2 for i6).
   */
  public static Interactions twoShops() {
    Interactions.Builder b = Interactions.builder();
    for (String[] r : TWO_SHOPS) {
      b.add(r[0], r[1], 1.0);
    }
    return b.build();
  }

  private static final String[][] TWO_SHOPS = {
      {"u1", "i1"}, {"u1", "i2"},
      {"u2", "i1"}, {"u2", "i2"}, {"u2", "i3"},
      {"u3", "i2"}, {"u3", "i3"},
      {"u4", "i4"}, {"u4", "i5"},
      {"u5", "i4"}, {"u5", "i5"}, {"u5", "i6"},
      {"u6", "i5"}, {"u6", "i6"},
  };

  /** {@link #twoShops()} as CSV text with the header {@code customer,product}. */
  public static String twoShopsCsv() {
    StringBuilder csv = new StringBuilder("customer,product\n");
    for (String[] r : TWO_SHOPS) {
      csv.append(r[0]).append(',').append(r[1]).append('\n');
    }
    return csv.toString();
  }
}
