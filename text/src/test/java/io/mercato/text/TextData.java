package io.mercato.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Generated labelled texts with known answers: each text carries sentiment words of its class only. */
final class TextData {

  static final List<String> POSITIVE = List.of("great", "love", "perfect", "excellent", "comfortable");
  static final List<String> NEGATIVE = List.of("terrible", "awful", "broken", "refund", "disappointed");
  private static final List<String> FILLER = List.of("the", "dress", "shirt", "fit", "color", "size", "order",
      "it", "was", "this", "my", "delivery");
  static final List<String> POSITIVE_ZH = List.of("很好", "喜欢", "干净", "舒适");
  static final List<String> NEGATIVE_ZH = List.of("很差", "失望", "脏乱", "吵闹");
  private static final List<String> FILLER_ZH = List.of("酒店", "房间", "服务", "位置", "早餐", "前台");

  private TextData() {
  }

  /** {@code n} English reviews labelled "positive" / "negative", alternating. */
  static List<LabeledText> english(int n, long seed) {
    return generate(n, seed, POSITIVE, NEGATIVE, FILLER, " ");
  }

  /** {@code n} Chinese hotel reviews labelled "正面" / "负面", alternating. */
  static List<LabeledText> chinese(int n, long seed) {
    List<LabeledText> raw = generate(n, seed, POSITIVE_ZH, NEGATIVE_ZH, FILLER_ZH, "");
    List<LabeledText> out = new ArrayList<>();
    for (LabeledText t : raw) {
      out.add(LabeledText.of(t.text(), t.label().equals("positive") ? "正面" : "负面"));
    }
    return out;
  }

  private static List<LabeledText> generate(int n, long seed, List<String> pos, List<String> neg, List<String> filler,
      String sep) {
    Random random = new Random(seed);
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = i % 2 == 0;
      List<String> words = new ArrayList<>();
      int fill = 3 + random.nextInt(4);
      for (int k = 0; k < fill; k++) {
        words.add(filler.get(random.nextInt(filler.size())));
      }
      List<String> own = positive ? pos : neg;
      int marks = 1 + random.nextInt(2);
      for (int k = 0; k < marks; k++) {
        words.add(own.get(random.nextInt(own.size())));
      }
      Collections.shuffle(words, random);
      out.add(LabeledText.of(String.join(sep, words), positive ? "positive" : "negative"));
    }
    return out;
  }

  static List<String> texts(List<LabeledText> data) {
    return data.stream().map(LabeledText::text).toList();
  }
}
