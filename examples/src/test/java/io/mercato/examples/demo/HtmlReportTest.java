package io.mercato.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @Test
  void escapesTextEverywhere() {
    String html = new HtmlReport("a <b> & 'c'")
        .paragraph("<script>alert(1)</script>")
        .table(List.of("h\""), List.of(List.of("x<y")))
        .html();
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("a &lt;b&gt; &amp; &#39;c&#39;").contains("h&quot;").contains("x&lt;y");
  }

  @Test
  void confusionMatrixShowsEveryCountInRowOrder() {
    String html = new HtmlReport("t")
        .confusionMatrix("cm", List.of("neg", "pos"), new long[][] {{41, 3}, {7, 49}})
        .html();
    int a = html.indexOf(">41<");
    int b = html.indexOf(">3<");
    int c = html.indexOf(">7<");
    int d = html.indexOf(">49<");
    assertThat(a).isPositive();
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(c).isLessThan(d);
  }

  @Test
  void lineChartPlotsOnePointPerFiniteValue(@TempDir Path dir) throws Exception {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("loss", new double[] {0.9, 0.5, 0.3});
    series.put("val", new double[] {Double.NaN, 0.7, 0.8});
    Path file = new HtmlReport("t").lineChart("curves", "epoch", series).write(dir.resolve("sub/r.html"));
    String html = Files.readString(file);
    // 3 + 2 finite points -> 5 circles; two polylines; no scripts
    assertThat(html.split("<circle", -1)).hasSize(6);
    assertThat(html.split("<polyline", -1)).hasSize(3);
    assertThat(html).doesNotContain("<script");
  }

  @Test
  void barChartLabelsEachBarWithItsValue() {
    Map<String, Double> bars = new LinkedHashMap<>();
    bars.put("P@1", 0.25);
    bars.put("P@5", 0.125);
    String html = new HtmlReport("t").barChart("precision", "k", bars).html();
    assertThat(html.split("<rect", -1)).hasSize(3);
    assertThat(html).contains(">0.250<").contains(">0.125<").contains(">P@1<").contains(">P@5<");
  }
}
