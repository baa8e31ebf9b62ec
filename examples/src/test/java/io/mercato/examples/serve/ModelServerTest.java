package io.mercato.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mercato.examples.TestData;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the service on a free loopback port with tiny models and calls every endpoint. */
class ModelServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TextClassifier classifier;
  private static Recommender recommender;
  private static ModelServer server;

  @BeforeAll
  static void start() throws IOException {
    classifier = TextClassifier.builder().modelType(ModelType.LINEAR).seed(1).build()
        .fit(TestData.separableTexts());
    recommender = Recommenders.byName("item-knn", Map.of()).fit(TestData.twoShops());
    server = ModelServer.builder().port(0).textModel(classifier).recommender(recommender)
        .maxBodyBytes(4096).maxBatch(50).auditSink(line -> { }).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, "application/json");
  }

  private static HttpResponse<String> post(String path, String body, String type) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.url() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      r.header("Content-Type", type);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  @Test
  void classifiesABatchWithFullDistributions() throws Exception {
    HttpResponse<String> r = post("/v1/classify", "{\"texts\": [\"great lovely dress\", \"awful broken dress\"]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode predictions = json(r).get("predictions");
    assertThat(predictions).hasSize(2);
    assertThat(predictions.get(0).get("label").asText()).isEqualTo("pos");
    assertThat(predictions.get(1).get("label").asText()).isEqualTo("neg");
    for (JsonNode p : predictions) {
      JsonNode probabilities = p.get("probabilities");
      assertThat(probabilities.get("pos").asDouble() + probabilities.get("neg").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(p.get("probability").asDouble()).isEqualTo(probabilities.get(p.get("label").asText()).asDouble());
      // the service answers exactly what the in-process model answers
    }
    assertThat(predictions.get(0).get("probability").asDouble())
        .isEqualTo(classifier.predict("great lovely dress").probability());
  }

  @Test
  void explainsWhenAsked() throws Exception {
    JsonNode p = json(post("/v1/classify", "{\"texts\": [\"awful broken dress\"], \"explain\": true}"))
        .get("predictions").get(0);
    assertThat(p.get("explanation")).isNotNull();
    assertThat(p.get("explanation").toString()).contains("awful");
  }

  @Test
  void rejectsBadClassifyRequestsWithJsonErrors() throws Exception {
    assertError(post("/v1/classify", "{}"), 400, "texts");
    assertError(post("/v1/classify", "{\"texts\": \"one\"}"), 400, "texts");
    assertError(post("/v1/classify", "{\"texts\": []}"), 400, "1 to 50");
    assertError(post("/v1/classify", "{\"texts\": [\"ok\", 3]}"), 400, "texts[1]");
    assertError(post("/v1/classify", "{\"texts\": [\"ok\"], \"explain\": \"yes\"}"), 400, "explain");
    assertError(post("/v1/classify", "{\"texts\": [\"unclosed"), 400, "malformed JSON");
    assertError(post("/v1/classify", "[1, 2]"), 400, "JSON object");
    assertError(post("/v1/classify", "texts=a", "application/x-www-form-urlencoded"), 415, "application/json");
    assertError(get("/v1/classify"), 405, "POST");
    assertError(post("/v1/classify", "{\"texts\": [\"" + "a".repeat(5000) + "\"]}"), 413, "4096");
    assertError(get("/nope"), 404, "/nope");
  }

  @Test
  void recommendsUnseenItemsAndNamesUnknownUsers() throws Exception {
    JsonNode items = json(post("/v1/recommend", "{\"user\": \"u1\", \"n\": 1}")).get("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("item").asText()).isEqualTo("i3");
    JsonNode explained = json(post("/v1/recommend", "{\"user\": \"u1\", \"n\": 1, \"explain\": true}")).get("items");
    assertThat(explained.get(0).get("because").asText()).isNotBlank();
    assertError(post("/v1/recommend", "{\"user\": \"ghost\"}"), 404, "ghost");
    assertError(post("/v1/recommend", "{\"user\": \"u1\", \"n\": 0}"), 400, "'n'");
    assertError(post("/v1/recommend", "{\"n\": 3}"), 400, "'user'");
  }

  @Test
  void similarItems() throws Exception {
    JsonNode r = json(get("/v1/similar/i4?n=2"));
    assertThat(r.get("item").asText()).isEqualTo("i4");
    assertThat(r.get("items").get(0).get("item").asText()).isEqualTo("i5");
    assertError(get("/v1/similar/zzz"), 404, "zzz");
    assertError(get("/v1/similar/i4?n=abc"), 400, "'n'");
  }

  @Test
  void healthAndMetricsCountRequests() throws Exception {
    JsonNode health = json(get("/health"));
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("text_model").asBoolean()).isTrue();
    long before = count("GET /v1/similar/");
    get("/v1/similar/i4");
    get("/v1/similar/i5");
    assertThat(count("GET /v1/similar/")).isEqualTo(before + 2);
    JsonNode latency = json(get("/metrics")).get("requests").get("GET /v1/similar/").get("latency_ms");
    assertThat(latency.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.get("p99").asDouble());
  }

  private static long count(String route) throws Exception {
    JsonNode r = json(get("/metrics")).get("requests").get(route);
    return r == null ? 0 : r.get("count").asLong();
  }

  @Test
  void servesConcurrentRequestsWithTheSameAnswersAsOneByOne() throws Exception {
    String[] texts = {"great happy dress", "angry refund dress", "perfect lovely dress", "terrible broken dress"};
    List<String> expected = new ArrayList<>();
    for (String t : texts) {
      expected.add(post("/v1/classify", "{\"texts\": [\"" + t + "\"]}").body());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String t = texts[i % texts.length];
        answers.add(pool.submit(() -> post("/v1/classify", "{\"texts\": [\"" + t + "\"]}").body()));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).isEqualTo(expected.get(i % texts.length));
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void shutdownFinishesRequestsInFlightThenRefusesConnections() throws Exception {
    ModelServer own = ModelServer.builder().port(0).textModel(classifier).start();
    StringBuilder batch = new StringBuilder("{\"texts\": [");
    for (int i = 0; i < 1000; i++) {
      batch.append(i == 0 ? "" : ",").append("\"great lovely dress number ").append(i).append('"');
    }
    batch.append("]}");
    HttpRequest request = HttpRequest.newBuilder(URI.create(own.url() + "/v1/classify"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build();
    CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    for (int wait = 0; own.inFlight() == 0 && !inFlight.isDone() && wait < 5000; wait++) {
      Thread.sleep(1);
    }
    own.close();
    assertThat(inFlight.get().statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(inFlight.get().body()).get("predictions")).hasSize(1000);
    HttpRequest after = HttpRequest.newBuilder(URI.create(own.url() + "/health")).GET().build();
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(after, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void servicesWithoutAModelAnswer503() throws Exception {
    try (ModelServer textOnly = ModelServer.builder().port(0).textModel(classifier).start()) {
      HttpRequest r = HttpRequest.newBuilder(URI.create(textOnly.url() + "/v1/recommend"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"u1\"}")).build();
      assertError(HTTP.send(r, HttpResponse.BodyHandlers.ofString()), 503, "--recsys-model");
    }
  }

  @Test
  void masksIncomingTextsByDefaultEvenForAModelTrainedWithoutMasking() throws Exception {
    List<io.mercato.text.LabeledText> data = new ArrayList<>(TestData.separableTexts());
    data.add(io.mercato.text.LabeledText.of("awful refund write jane.roe@shop.example.com", "neg"));
    TextClassifier unmasked = TextClassifier.builder().modelType(ModelType.LINEAR).seed(1)
        .piiMasker(io.mercato.text.privacy.PiiMasker.none()).build().fit(data);
    String body = "{\"texts\": [\"awful jane.roe@shop.example.com\"], \"explain\": true}";
    try (ModelServer masking = ModelServer.builder().port(0).textModel(unmasked).auditSink(line -> { }).start();
        ModelServer plain = ModelServer.builder().port(0).textModel(unmasked).auditSink(line -> { })
            .piiMasker(io.mercato.text.privacy.PiiMasker.none()).start()) {
      String masked = send(masking, body);
      assertThat(masked).doesNotContain("jane").doesNotContain("example");
      // control: with service masking off, this model's explanation names the address it learned
      assertThat(send(plain, body)).contains("jane");
    }
  }

  private static String send(ModelServer to, String body) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(to.url() + "/v1/classify"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static void assertError(HttpResponse<String> r, int status, String messagePart) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = json(r).get("error");
    assertThat(error.get("status").asInt()).isEqualTo(status);
    assertThat(error.get("message").asText()).contains(messagePart).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
