package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mercato serve} end to end, as a user runs it: a separate JVM started with the real
 * command line, called over loopback, then stopped with SIGTERM (which must drain and exit cleanly).
 */
class ServeProcessTest {

  @Test
  void servesASavedModelAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("spam.mercato");
    TextClassifier.builder().modelType(ModelType.LINEAR).seed(1).build()
        .fit(List.of(
            LabeledText.of("win a free prize now", "spam"),
            LabeledText.of("free cash prize claim now", "spam"),
            LabeledText.of("lunch at noon tomorrow", "ham"),
            LabeledText.of("see you at lunch", "ham")))
        .save(model);

    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        MercatoCli.class.getName(), "serve", "--text-model", model.toString(), "--port", "0")
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("serving on ")) {
          url = line.substring("serving on ".length()).split(" ")[0];
          break;
        }
      }
      assertThat(url).as("the command announces its address").startsWith("http://127.0.0.1:");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      HttpResponse<String> classify = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/classify"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"texts\": [\"claim your free prize\", \"lunch tomorrow?\"]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(classify.statusCode()).isEqualTo(200);
      String body = classify.body().replace(" ", "");
      assertThat(body.indexOf("\"label\":\"spam\"")).isNotNegative()
          .isLessThan(body.indexOf("\"label\":\"ham\""));

      serve.destroy(); // SIGTERM: the shutdown hook drains and stops the server
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
      assertThat(serve.exitValue()).isIn(0, 143);
    } finally {
      serve.destroyForcibly();
    }
  }
}
