package io.mercato.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the quickstart code block of the root README, so the README cannot rot: the
 * block must compile against the current API and its classifier must get the obvious cases right.
 */
class QuickstartTest {

  private static final Pattern BLOCK = Pattern.compile(
      "<!-- quickstart:begin -->\\s*```java\\n(.*?)```\\s*<!-- quickstart:end -->", Pattern.DOTALL);

  @Test
  void readmeQuickstartCompilesAndClassifiesTheObviousCases(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = BLOCK.matcher(readme);
    assertThat(m.find()).as("README.md has a quickstart block between the markers").isTrue();
    Path source = dir.resolve("Quickstart.java");
    Files.writeString(source, m.group(1), StandardCharsets.UTF_8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics,
        "-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
    assertThat(rc).as("javac output: %s", diagnostics).isZero();

    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        QuickstartTest.class.getClassLoader())) {
      Method main = loader.loadClass("Quickstart").getMethod("main", String[].class);
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("positive ");
    double probability = Double.parseDouble(lines.get(0).substring("positive ".length()));
    assertThat(probability).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(lines.get(2)).isEqualTo("negative");
  }
}
