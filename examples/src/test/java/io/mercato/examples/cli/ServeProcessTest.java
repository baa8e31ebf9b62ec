package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.examples.load.SelfSignedKeyStore;
import io.mercato.examples.serve.ApiKeys;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mercato serve} end to end, as a user runs it: a separate JVM started with the real
 * command line, called over loopback, then stopped with SIGTERM (which must drain and exit cleanly).
 */
class ServeProcessTest {
  @TempDir Path dir;

  private Path spamModel() {
    Path model = dir.resolve("spam.mercato");
    TextClassifier.builder().modelType(ModelType.LINEAR).seed(1).build()
        .fit(List.of(
            LabeledText.of("win a free prize now", "spam"),
            LabeledText.of("free cash prize claim now", "spam"),
            LabeledText.of("lunch at noon tomorrow", "ham"),
            LabeledText.of("see you at lunch", "ham")))
        .save(model);
    return model;
  }

  private static ProcessBuilder mercato(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MercatoCli.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** The URL the command announces on its "serving on URL ..." line. */
  private static String announcedUrl(Process serve) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("serving on ")) {
        return line.substring("serving on ".length()).split(" ")[0];
      }
    }
    return null;
  }

  private static HttpResponse<String> classify(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url + "/v1/classify"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"texts\": [\"claim your free prize\", \"lunch tomorrow?\"]}"));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void stopsOnSigterm(Process serve) throws InterruptedException {
    serve.destroy(); // SIGTERM: the shutdown hook drains and stops the server
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    assertThat(serve.exitValue()).isIn(0, 143);
  }

  @Test
  void servesASavedModelAndStopsCleanlyOnSigterm() throws Exception {
    Process serve = mercato(List.of(), "serve", "--text-model", spamModel().toString(), "--port", "0").start();
    try {
      String url = announcedUrl(serve);
      assertThat(url).as("the command announces its address").startsWith("http://127.0.0.1:");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      HttpResponse<String> classify = classify(http, url, null);
      assertThat(classify.statusCode()).isEqualTo(200);
      String body = classify.body().replace(" ", "");
      assertThat(body.indexOf("\"label\":\"spam\"")).isNotNegative()
          .isLessThan(body.indexOf("\"label\":\"ham\""));
      stopsOnSigterm(serve);
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  void servesHttpsWithApiKeysAuditsToAFileAndDropsStalledHandshakes() throws Exception {
    SelfSignedKeyStore tls = SelfSignedKeyStore.create(dir, "process-test-pw");
    String token = ApiKeys.newToken();
    Path audit = dir.resolve("audit.jsonl");
    // a 1 s request timeout (default 10 s) so the stalled handshake below is cut quickly
    ProcessBuilder pb = mercato(List.of("-Dsun.net.httpserver.maxReqTime=1"), "serve",
        "--text-model", spamModel().toString(), "--port", "0",
        "--tls-keystore", tls.file().toString(), "--tls-password-env", "MERCATO_TLS_PASSWORD",
        "--api-keys-env", "MERCATO_API_KEYS", "--rate-limit", "100/s", "--audit-log", audit.toString());
    pb.environment().put("MERCATO_TLS_PASSWORD", new String(tls.password()));
    pb.environment().put("MERCATO_API_KEYS", "shop classify " + ApiKeys.hashField(token));
    Process serve = pb.start();
    try {
      String url = announcedUrl(serve);
      assertThat(url).startsWith("https://127.0.0.1:");
      HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext())
          .connectTimeout(Duration.ofSeconds(10)).build();
      assertThat(classify(http, url, token).statusCode()).isEqualTo(200);
      assertThat(classify(http, url, null).statusCode()).isEqualTo(401);

      // a client that starts a TLS record and stalls holds a connection thread only until maxReqTime
      // (closed after 1.7 s when measured: the JDK checks the timeout once a second)
      int port = URI.create(url).getPort();
      try (Socket stalled = new Socket("127.0.0.1", port)) {
        stalled.setSoTimeout(20_000);
        stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // handshake record, length never sent
        stalled.getOutputStream().flush();
        InputStream in = stalled.getInputStream();
        try {
          in.readAllBytes(); // at most a TLS alert, then end of stream; a timeout here fails the test
        } catch (SocketException reset) {
          // closed with a reset: closed all the same
        }
      }
      stopsOnSigterm(serve);
      List<String> lines = Files.readAllLines(audit);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).contains("\"who\":\"shop\"").contains("\"status\":200").contains("/v1/classify");
      assertThat(lines.get(1)).contains("\"who\":\"-\"").contains("\"status\":401");
      assertThat(String.join("\n", lines)).doesNotContain(token).doesNotContain("prize");
    } finally {
      serve.destroyForcibly();
    }
  }
}
