package io.mercato.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.UnknownIdException;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.privacy.PiiMasker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model endpoints: request validation and the JSON shapes of {@code /v1/classify},
 * {@code /v1/recommend} and {@code /v1/similar/{item}}.
 */
final class ModelRoutes {
  private final TextClassifier classifier;
  private final Recommender recommender;
  private final int maxBatch;
  private final int maxItems;
  /** Masks incoming texts; null when the model's own masking already covers every kind asked for. */
  private final PiiMasker masker;

  /**
   * @param maxBatch the most texts per classify request
   * @param maxItems the largest {@code n} of a recommend or similar-items request
   * @param masker masking of incoming texts before the model sees them
   */
  ModelRoutes(TextClassifier classifier, Recommender recommender, int maxBatch, int maxItems, PiiMasker masker) {
    this.classifier = classifier;
    this.recommender = recommender;
    this.maxBatch = maxBatch;
    this.maxItems = maxItems;
    boolean modelMasksAll = classifier != null && classifier.piiMasker().kinds().containsAll(masker.kinds());
    this.masker = masker.masksNothing() || modelMasksAll ? null : masker;
  }

  /** {@code {"texts": [...], "explain": false}} → {@code {"predictions": [{label, probability, probabilities}]}}. */
  Object classify(HttpExchange exchange, JsonNode body) {
    if (classifier == null) {
      throw new ApiException(503, "no text model is loaded (start the service with --text-model)");
    }
    JsonNode texts = body.get("texts");
    if (texts == null || !texts.isArray()) {
      throw ApiException.badRequest("'texts' must be an array of strings");
    }
    if (texts.isEmpty() || texts.size() > maxBatch) {
      throw ApiException.badRequest(
          "'texts' must hold 1 to " + maxBatch + " strings, got " + texts.size());
    }
    List<String> input = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      if (!texts.get(i).isTextual()) {
        throw ApiException.badRequest("'texts[" + i + "]' must be a string, got " + texts.get(i).getNodeType());
      }
      input.add(masker == null ? texts.get(i).asText() : masker.mask(texts.get(i).asText()));
    }
    boolean explain = flag(body, "explain");
    List<Prediction> predictions = classifier.predictAll(input);
    List<Map<String, Object>> out = new ArrayList<>(predictions.size());
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", p.label());
      m.put("probability", p.probability());
      m.put("probabilities", p.probabilities());
      if (explain) {
        m.put("explanation", TextReasons.json(classifier.explain(input.get(i))));
      }
      out.add(m);
    }
    return Map.of("predictions", out);
  }

  /** {@code {"user": "...", "n": 10}} → {@code {"items": [{item, score}]}}. */
  Object recommend(HttpExchange exchange, JsonNode body) {
    requireRecommender();
    JsonNode user = body.get("user");
    if (user == null || !(user.isTextual() || user.isIntegralNumber()) || user.asText().isBlank()) {
      throw ApiException.badRequest("'user' must be a non-empty string (or an integer id)");
    }
    int n = count(body.get("n"), "'n'");
    boolean explain = flag(body, "explain");
    try {
      List<Recommendation> list = recommender.recommend(user.asText(), n);
      List<Map<String, Object>> items = new ArrayList<>(list.size());
      for (Recommendation r : list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", r.item());
        m.put("score", r.score());
        if (explain) {
          m.put("because", recommender.explain(user.asText(), r.item()).summary());
        }
        items.add(m);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("user", user.asText());
      out.put("items", items);
      return out;
    } catch (UnknownIdException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }

  /** {@code GET /v1/similar/{item}?n=10} → {@code {"item": ..., "items": [{item, score}]}}. */
  Object similar(HttpExchange exchange, JsonNode body) {
    requireRecommender();
    String path = exchange.getRequestURI().getRawPath();
    String raw = path.substring("/v1/similar/".length());
    if (raw.isEmpty() || raw.contains("/")) {
      throw ApiException.notFound("use GET /v1/similar/{item}");
    }
    String item = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    int n = count(query(exchange, "n"), "query parameter 'n'");
    try {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Recommendation r : recommender.similarItems(item, n)) {
        items.add(Map.of("item", r.item(), "score", r.score()));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("item", item);
      out.put("items", items);
      return out;
    } catch (UnknownIdException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }

  private void requireRecommender() {
    if (recommender == null) {
      throw new ApiException(503, "no recommender is loaded (start the service with --recsys-model)");
    }
  }

  private static boolean flag(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest("'" + name + "' must be true or false");
    }
    return v.asBoolean();
  }

  private int count(JsonNode v, String what) {
    if (v == null || v.isNull()) {
      return Math.min(10, maxItems);
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > maxItems) {
      throw ApiException.badRequest(what + " must be an integer in [1, " + maxItems + "], got " + v);
    }
    return v.asInt();
  }

  private static JsonNode query(HttpExchange exchange, String name) {
    String q = exchange.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        try {
          return ModelServer.JSON.getNodeFactory().numberNode(Long.parseLong(value));
        } catch (NumberFormatException e) {
          return ModelServer.JSON.getNodeFactory().textNode(value);
        }
      }
    }
    return null;
  }
}
