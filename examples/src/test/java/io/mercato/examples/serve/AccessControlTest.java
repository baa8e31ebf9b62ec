package io.mercato.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys with scopes (401 / 403), per-key rate limits (429 with Retry-After), /health open. */
class AccessControlTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SHOP_TOKEN = "shop-token-0123456789abcdef";
  private static final String RECS_TOKEN = "recs-token-0123456789abcdef";
  private static final String OPS_TOKEN = "ops-token-0123456789abcdefgh";
  private static final List<String> AUDIT = Calls.lines();
  private static ModelServer server;

  @BeforeAll
  static void start() throws Exception {
    ApiKeys keys = ApiKeys.parse("test",
        "shop classify " + ApiKeys.hashField(SHOP_TOKEN) + "\n"
            + "recs recommend " + RECS_TOKEN + "\n"
            + "ops admin,classify " + ApiKeys.hashField(OPS_TOKEN));
    server = Calls.server(AUDIT).apiKeys(keys).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> classify(String token) throws Exception {
    return Calls.post(HTTP, server.url() + "/v1/classify", "{\"texts\": [\"great lovely dress\"]}", token);
  }

  @Test
  void keyWithTheScopeIsServed() throws Exception {
    assertThat(classify(SHOP_TOKEN).statusCode()).isEqualTo(200);
    assertThat(classify(OPS_TOKEN).statusCode()).isEqualTo(200);
    assertThat(Calls.post(HTTP, server.url() + "/v1/recommend", "{\"user\": \"u1\", \"n\": 1}", RECS_TOKEN)
        .statusCode()).isEqualTo(200);
    assertThat(Calls.get(HTTP, server.url() + "/v1/similar/i4", RECS_TOKEN).statusCode()).isEqualTo(200);
    assertThat(Calls.get(HTTP, server.url() + "/metrics", OPS_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void missingKeyIs401WithBearerChallenge() throws Exception {
    HttpResponse<String> r = classify(null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mercato\"");
    assertThat(Calls.errorMessage(r)).contains("Authorization: Bearer");
    // another scheme is no key either
    HttpResponse<String> basic = HTTP.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(server.url() + "/metrics")).header("Authorization", "Basic b3BzOnNlY3JldA==").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void unknownKeyIs401InvalidTokenAndTheTokenIsNeverEchoedOrLogged() throws Exception {
    String guess = "shop-token-0123456789abcdeX"; // one character off a real token
    HttpResponse<String> r = classify(guess);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
        .contains("error=\"invalid_token\""));
    assertThat(r.body()).doesNotContain(guess);
    classify(SHOP_TOKEN);
    Calls.await(AUDIT, 2);
    assertThat(String.join("\n", AUDIT)).doesNotContain(guess).doesNotContain(SHOP_TOKEN)
        .doesNotContain(OPS_TOKEN).doesNotContain(RECS_TOKEN);
  }

  @Test
  void keyWithoutTheScopeIs403() throws Exception {
    HttpResponse<String> r = classify(RECS_TOKEN);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Calls.errorMessage(r)).contains("'recs'").contains("'classify'");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
        .contains("error=\"insufficient_scope\"").contains("scope=\"classify\""));
    assertThat(Calls.get(HTTP, server.url() + "/metrics", SHOP_TOKEN).statusCode()).isEqualTo(403);
    assertThat(Calls.get(HTTP, server.url() + "/v1/similar/i4", SHOP_TOKEN).statusCode()).isEqualTo(403);
    assertThat(Calls.post(HTTP, server.url() + "/v1/recommend", "{\"user\": \"u1\"}", OPS_TOKEN).statusCode())
        .isEqualTo(403);
  }

  @Test
  void healthIsOpen() throws Exception {
    HttpResponse<String> r = Calls.get(HTTP, server.url() + "/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Calls.json(r).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void auditLinesNameTheKey() throws Exception {
    List<String> audit = Calls.lines();
    ApiKeys keys = ApiKeys.parse("test", "shop classify " + SHOP_TOKEN + ";recs recommend " + RECS_TOKEN);
    try (ModelServer own = Calls.server(audit).apiKeys(keys).start()) {
      String url = own.url() + "/v1/classify";
      Calls.post(HTTP, url, "{\"texts\": [\"great lovely dress\"]}", SHOP_TOKEN);
      Calls.await(audit, 1);
      Calls.post(HTTP, url, "{\"texts\": [\"great lovely dress\"]}", RECS_TOKEN);
      Calls.await(audit, 2);
      Calls.post(HTTP, url, "{\"texts\": [\"great lovely dress\"]}", null);
      Calls.await(audit, 3);
    }
    assertThat(audit).hasSize(3);
    assertThat(Calls.JSON.readTree(audit.get(0)).get("who").asText()).isEqualTo("shop");
    assertThat(Calls.JSON.readTree(audit.get(0)).get("status").asInt()).isEqualTo(200);
    assertThat(Calls.JSON.readTree(audit.get(1)).get("who").asText()).isEqualTo("recs");
    assertThat(Calls.JSON.readTree(audit.get(1)).get("status").asInt()).isEqualTo(403);
    assertThat(Calls.JSON.readTree(audit.get(2)).get("who").asText()).isEqualTo("-");
    assertThat(Calls.JSON.readTree(audit.get(2)).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void rateLimitIsPerKeyWithRetryAfter() throws Exception {
    ApiKeys keys = ApiKeys.parse("test", "a classify " + SHOP_TOKEN + ";b classify " + RECS_TOKEN);
    // 0.001 tokens/s and a bucket of 2: two requests pass, the third waits 1 / 0.001 = 1000 s for its token
    try (ModelServer limited = Calls.server(Calls.lines()).apiKeys(keys).rateLimit(0.001, 2).start()) {
      String url = limited.url() + "/v1/classify";
      String body = "{\"texts\": [\"great lovely dress\"]}";
      assertThat(Calls.post(HTTP, url, body, SHOP_TOKEN).statusCode()).isEqualTo(200);
      assertThat(Calls.post(HTTP, url, body, SHOP_TOKEN).statusCode()).isEqualTo(200);
      HttpResponse<String> third = Calls.post(HTTP, url, body, SHOP_TOKEN);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).hasValue("1000");
      assertThat(Calls.errorMessage(third)).contains("rate limit");
      // the other key has its own bucket
      assertThat(Calls.post(HTTP, url, body, RECS_TOKEN).statusCode()).isEqualTo(200);
      // /health is never limited
      assertThat(Calls.get(HTTP, limited.url() + "/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutKeysTheRateLimitIsPerClientAddress() throws Exception {
    try (ModelServer limited = Calls.server(Calls.lines()).rateLimit(0.001, 1).start()) {
      String url = limited.url() + "/v1/similar/i4";
      assertThat(Calls.get(HTTP, url, null).statusCode()).isEqualTo(200);
      HttpResponse<String> second = Calls.get(HTTP, url, null);
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.headers().firstValue("Retry-After")).hasValue("1000");
    }
  }
}
