package io.mercato.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request limits (413, 431, 400 on batch and n) and slow clients that must not starve the others. */
class HardeningTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ModelServer server;

  @BeforeAll
  static void start() throws Exception {
    server = Calls.server(Calls.lines()).maxBodyBytes(2048).maxHeaderBytes(2048).maxBatch(3).maxItems(5)
        .threads(2).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> classify(String body) throws Exception {
    return Calls.post(HTTP, server.url() + "/v1/classify", body, null);
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> r = classify("{\"texts\": [\"" + "a".repeat(2100) + "\"]}");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(Calls.errorMessage(r)).contains("2048 bytes");
    // exactly the limit is served: {"texts": ["..."]} is 15 characters plus the text
    assertThat(classify("{\"texts\": [\"" + "a".repeat(2048 - 15) + "\"]}").statusCode()).isEqualTo(200);
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    HttpRequest big = HttpRequest.newBuilder(URI.create(server.url() + "/health"))
        .header("X-Filler", "x".repeat(2100)).build();
    HttpResponse<String> r = HTTP.send(big, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(431);
    assertThat(Calls.errorMessage(r)).contains("2048 bytes");
    HttpRequest small = HttpRequest.newBuilder(URI.create(server.url() + "/health"))
        .header("X-Filler", "x".repeat(1500)).build();
    assertThat(HTTP.send(small, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void tooManyTextsOrTooLargeNIs400WithTheBound() throws Exception {
    HttpResponse<String> texts = classify("{\"texts\": [\"a\", \"b\", \"c\", \"d\"]}");
    assertThat(texts.statusCode()).isEqualTo(400);
    assertThat(Calls.errorMessage(texts)).contains("1 to 3").contains("got 4");
    assertThat(classify("{\"texts\": [\"a\", \"b\", \"c\"]}").statusCode()).isEqualTo(200);

    HttpResponse<String> n = Calls.post(HTTP, server.url() + "/v1/recommend", "{\"user\": \"u1\", \"n\": 6}", null);
    assertThat(n.statusCode()).isEqualTo(400);
    assertThat(Calls.errorMessage(n)).contains("[1, 5]").contains("got 6");
    HttpResponse<String> similar = Calls.get(HTTP, server.url() + "/v1/similar/i4?n=1000000", null);
    assertThat(similar.statusCode()).isEqualTo(400);
    assertThat(Calls.errorMessage(similar)).contains("[1, 5]");
    assertThat(Calls.post(HTTP, server.url() + "/v1/recommend", "{\"user\": \"u1\", \"n\": 5}", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void pathsMatchExactlyExceptSimilarItems() throws Exception {
    assertThat(Calls.get(HTTP, server.url() + "/healthz", null).statusCode()).isEqualTo(404);
    assertThat(Calls.get(HTTP, server.url() + "/metrics/x", null).statusCode()).isEqualTo(404);
    assertThat(Calls.post(HTTP, server.url() + "/v1/classify/x", "{\"texts\": [\"a\"]}", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void slowHeaderSendersDoNotStarveOtherClients() throws Exception {
    // 24 connections each trickling one header byte every 100 ms, far more than the 2 model threads
    // (and, with the JDK server alone, enough to hold every thread of a 24-thread pool)
    int slow = 24;
    List<Socket> sockets = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread trickle = new Thread(() -> {
      try {
        while (!stop.get()) {
          for (Socket s : sockets) {
            s.getOutputStream().write('x');
            s.getOutputStream().flush();
          }
          Thread.sleep(100);
        }
      } catch (Exception e) {
        // a socket closed by the server (request timeout) or by the test: stop trickling
      }
    });
    try {
      for (int i = 0; i < slow; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sockets.add(s);
      }
      trickle.start();
      HttpClient normal = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = Calls.post(normal, server.url() + "/v1/classify", "{\"texts\": [\"great dress\"]}", null);
        assertThat(r.statusCode()).isEqualTo(200);
      }
      // the slow clients really were holding connection threads meanwhile
      HttpResponse<String> metrics = Calls.get(normal, server.url() + "/metrics", null);
      assertThat(Calls.json(metrics).get("connection_threads_busy").asInt()).isGreaterThanOrEqualTo(slow);
    } finally {
      stop.set(true);
      trickle.join(2000);
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
