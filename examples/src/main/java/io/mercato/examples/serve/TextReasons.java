package io.mercato.examples.serve;

import io.mercato.text.Explanation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two shapes of a text explanation that the examples show: one line for people
 * ({@code +1.20 terrible, +0.41 sent back, -0.10 fit}) and a JSON object for the service.
 */
public final class TextReasons {
  private TextReasons() {}

  /** The {@code k} strongest contributions as {@code "+w term"}, strongest first. */
  public static String summary(Explanation e, int k) {
    return e.top(k).stream()
        .map(c -> String.format(Locale.ROOT, "%+.2f %s", c.weight(), c.term()))
        .collect(Collectors.joining(", "));
  }

  /** {@code {"label", "method", "reasons": [{"term", "weight"}]}} with the 10 strongest contributions. */
  public static Map<String, Object> json(Explanation e) {
    List<Map<String, Object>> reasons = e.top(10).stream()
        .map(c -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("term", c.term());
          m.put("weight", c.weight());
          return m;
        })
        .toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", e.label());
    out.put("method", e.method().name().toLowerCase(Locale.ROOT));
    out.put("reasons", reasons);
    return out;
  }
}
