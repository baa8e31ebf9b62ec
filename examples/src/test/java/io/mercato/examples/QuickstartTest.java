package io.mercato.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Compiles and runs the quickstart code blocks of the root README, so the README cannot rot: each
 * block must compile against the current API and get the obvious cases right.
 */
class QuickstartTest {

  @Test
  void textQuickstartCompilesAndClassifiesTheObviousCases(@TempDir Path dir) throws Exception {
    List<String> lines = compileAndRun("quickstart", "Quickstart", dir);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("positive ");
    double probability = Double.parseDouble(lines.get(0).substring("positive ".length()));
    assertThat(probability).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(lines.get(2)).isEqualTo("negative");
  }

  @Test
  void recommenderQuickstartRecommendsWhatSimilarCustomersBought(@TempDir Path dir) throws Exception {
    List<String> lines = compileAndRun("quickstart-recsys", "RecommendQuickstart", dir);
    // dan bought tea; everyone else who bought tea also bought the teapot (3 of 3), only bob a mug.
    assertThat(lines.get(0)).isEqualTo("teapot");
    assertThat(lines.get(1)).isEqualTo("because you liked tea");
  }

  /** Extracts the README block between the named markers, compiles it, runs main, returns stdout lines. */
  private static List<String> compileAndRun(String marker, String className, Path dir) throws Exception {
    Pattern block = Pattern.compile("<!-- " + marker + ":begin -->\\s*```java\\n(.*?)```\\s*<!-- " + marker + ":end -->",
        Pattern.DOTALL);
    Matcher m = block.matcher(readme());
    assertThat(m.find()).as("README.md has a block between the %s markers", marker).isTrue();
    Path source = dir.resolve(className + ".java");
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
      Method main = loader.loadClass(className).getMethod("main", String[].class);
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static String readme() throws IOException {
    return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
  }
}
