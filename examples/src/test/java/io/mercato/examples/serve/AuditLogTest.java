package io.mercato.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Audit lines: who, route, status, latency; request text only when asked, and then with PII masked. */
class AuditLogTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String EMAIL = "ann.lee@example.com";
  private static final String PHONE = "415-555-2671";
  private static final String CLASSIFY = "{\"texts\": [\"zebra dress, mail me at " + EMAIL + " or call " + PHONE + "\"]}";

  @Test
  void byDefaultLinesCarryNoRequestText() throws Exception {
    List<String> audit = Calls.lines();
    try (ModelServer server = Calls.server(audit).start()) {
      Calls.post(HTTP, server.url() + "/v1/classify", CLASSIFY, null);
      Calls.await(audit, 1);
      Calls.get(HTTP, server.url() + "/v1/similar/i4?n=2", null);
      Calls.await(audit, 2);
      Calls.post(HTTP, server.url() + "/v1/recommend", "{\"user\": \"u1\", \"n\": 2}", null);
      Calls.await(audit, 3);
    }
    assertThat(audit).hasSize(3);
    String all = String.join("\n", audit);
    // the phone's digits, not a bare "555", which a latency such as 4.555 ms may hold by chance
    assertThat(all).doesNotContain("zebra").doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain("555-2671")
        .doesNotContain("4155552671").doesNotContain("i4").doesNotContain("u1").doesNotContain("input");
    JsonNode first = Calls.JSON.readTree(audit.get(0));
    assertThat(first.get("who").asText()).isEqualTo("-");
    assertThat(first.get("client").asText()).isEqualTo("127.0.0.1");
    assertThat(first.get("method").asText()).isEqualTo("POST");
    assertThat(first.get("route").asText()).isEqualTo("/v1/classify");
    assertThat(first.get("status").asInt()).isEqualTo(200);
    assertThat(first.get("ms").asDouble()).isPositive();
    assertThat(Calls.JSON.readTree(audit.get(1)).get("route").asText()).isEqualTo("/v1/similar/");
  }

  @Test
  void withTextLoggingPersonalDataIsMasked() throws Exception {
    List<String> audit = Calls.lines();
    try (ModelServer server = Calls.server(audit).auditText(true).start()) {
      Calls.post(HTTP, server.url() + "/v1/classify", CLASSIFY, null);
      Calls.await(audit, 1);
      Calls.get(HTTP, server.url() + "/v1/similar/i4?n=2", null);
      Calls.await(audit, 2);
    }
    assertThat(audit).hasSize(2);
    String classify = Calls.JSON.readTree(audit.get(0)).get("input").asText();
    assertThat(classify).contains("zebra dress").contains("<EMAIL>").contains("<PHONE>")
        .doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain("555-2671").doesNotContain("4155552671");
    assertThat(Calls.JSON.readTree(audit.get(1)).get("input").asText()).isEqualTo("/v1/similar/i4?n=2");
  }

  @Test
  void masksEveryStringFieldNameAndNumberAndCutsLongInput() throws Exception {
    List<String> lines = Calls.lines();
    AuditLog log = new AuditLog(lines::add, true);
    JsonNode body = Calls.JSON.readTree("{\"user\": 13812345678, \"n\": 3, \"" + EMAIL + "\": [\"x\", {\"deep\": \"" + EMAIL + "\"}]}");
    log.record("shop", "10.0.0.1", "POST", "/v1/recommend", 200, 1_500_000, body);
    JsonNode line = Calls.JSON.readTree(lines.get(0));
    assertThat(line.get("ms").asDouble()).isEqualTo(1.5);
    assertThat(line.get("who").asText()).isEqualTo("shop");
    // the mainland mobile sent as a JSON number is masked too; the small n is kept as a number
    assertThat(Calls.JSON.readTree(line.get("input").asText()))
        .isEqualTo(Calls.JSON.readTree("{\"user\": \"<PHONE>\", \"n\": 3, \"<EMAIL>\": [\"x\", {\"deep\": \"<EMAIL>\"}]}"));

    log.record(null, "10.0.0.1", "POST", "/v1/classify", 200, 1, Calls.JSON.readTree("{\"texts\": [\"" + "a".repeat(5000) + "\"]}"));
    String cut = Calls.JSON.readTree(lines.get(1)).get("input").asText();
    assertThat(cut).hasSize(AuditLog.MAX_INPUT_CHARS + "...(truncated)".length()).endsWith("...(truncated)");
  }

  @Test
  void aNewlineInARequestCannotForgeALine() throws Exception {
    List<String> lines = Calls.lines();
    new AuditLog(lines::add, true).record(null, "10.0.0.1", "GET", "/v1/similar/", 404, 1,
        "/v1/similar/x\n{\"who\": \"admin\"}");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n");
    assertThat(Calls.JSON.readTree(lines.get(0)).get("who").asText()).isEqualTo("-");
  }
}
