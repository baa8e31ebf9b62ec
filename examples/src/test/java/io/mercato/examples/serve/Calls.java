package io.mercato.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mercato.examples.TestData;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tiny models trained once and small request helpers shared by the service tests. */
final class Calls {
  static final ObjectMapper JSON = new ObjectMapper();
  private static TextClassifier classifier;
  private static Recommender recommender;

  private Calls() {}

  static synchronized TextClassifier classifier() {
    if (classifier == null) {
      classifier = TextClassifier.builder().modelType(ModelType.LINEAR).seed(1).build().fit(TestData.separableTexts());
    }
    return classifier;
  }

  static synchronized Recommender recommender() {
    if (recommender == null) {
      recommender = Recommenders.byName("item-knn", Map.of()).fit(TestData.twoShops());
    }
    return recommender;
  }

  /** A server builder with both models, any free port, and audit lines collected in {@code audit}. */
  static ServerConfig.Builder server(List<String> audit) {
    return ModelServer.builder().port(0).textModel(classifier()).recommender(recommender()).auditSink(audit::add);
  }

  /** A thread-safe list to collect audit lines in. */
  static List<String> lines() {
    return new CopyOnWriteArrayList<>();
  }

  static HttpResponse<String> post(HttpClient http, String url, String body, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The error message of a refusal, after checking its status in the JSON body matches. */
  static String errorMessage(HttpResponse<String> r) {
    JsonNode error = json(r).get("error");
    if (error == null || error.get("status").asInt() != r.statusCode()) {
      throw new AssertionError("not a JSON refusal with status " + r.statusCode() + ": " + r.body());
    }
    return error.get("message").asText();
  }

  /** Waits (up to 5 s) until {@code lines} holds at least {@code n} lines: audit lines are written just after the answer. */
  static List<String> await(List<String> lines, int n) throws InterruptedException {
    for (int i = 0; i < 500 && lines.size() < n; i++) {
      Thread.sleep(10);
    }
    return lines;
  }
}
