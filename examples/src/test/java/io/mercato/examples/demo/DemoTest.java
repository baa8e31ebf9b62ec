package io.mercato.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path dir;

  @Test
  void quickDemoWritesReportAndModels() throws Exception {
    StringWriter text = new StringWriter();
    Path report = new Demo(new PrintWriter(text, true), dir, 42, true).run();
    String out = text.toString();
    assertThat(out).contains("English review sentiment", "Chinese review sentiment", "Product recommendations",
        "because:", "because you bought", "accuracy");
    assertThat(report).isEqualTo(dir.resolve("report.html"));
    String html = Files.readString(report);
    assertThat(html).contains("<svg", "Training curves", "Confusion matrix", "Precision@k").doesNotContain("<script");
    assertThat(dir.resolve("sentiment-en.mercato")).exists();
    assertThat(dir.resolve("sentiment-zh.mercato")).exists();
    assertThat(dir.resolve("products.mercato")).exists();
    assertThat(dir.resolve("data/ATTRIBUTION.md")).exists();
  }
}
