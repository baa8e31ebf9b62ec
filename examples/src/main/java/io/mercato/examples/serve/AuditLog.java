package io.mercato.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mercato.text.privacy.PiiMasker;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One line per request for the audit trail: a JSON object with {@code time}, {@code who} (the API
 * key's name, {@code "-"} when there is none), {@code client} (address), {@code method},
 * {@code route} (the endpoint, e.g. {@code /v1/similar/}, never the item or query in the path),
 * {@code status} and {@code ms}. Request text (bodies, item ids, query strings) is left out unless
 * text logging was asked for; then it is added as {@code input}, with personal data masked by
 * {@link PiiMasker#standard()} and cut at {@value #MAX_INPUT_CHARS} characters. Tokens are never
 * written. JSON escaping keeps a newline in a request from forging a second line. Thread-safe if
 * the sink is.
 */
final class AuditLog {
  /** The SLF4J logger the default sink writes to (level INFO). */
  static final String LOGGER = "mercato.audit";
  /** The most characters of request text one line holds. */
  static final int MAX_INPUT_CHARS = 2000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Consumer<String> sink;
  private final PiiMasker masker;

  /**
   * @param sink receives each line (without a line break)
   * @param includeText whether lines carry the request text, masked
   */
  AuditLog(Consumer<String> sink, boolean includeText) {
    this.sink = sink;
    this.masker = includeText ? PiiMasker.standard() : null;
  }

  /** A sink writing to the {@value #LOGGER} SLF4J logger at INFO. */
  static Consumer<String> logger() {
    return LoggerFactory.getLogger(LOGGER)::info;
  }

  /**
   * Writes the line for one finished request.
   *
   * @param who the key name, or null without one
   * @param client the caller's address
   * @param method the HTTP method
   * @param route the endpoint's path (not the request's own path)
   * @param status the status answered
   * @param nanos the time taken
   * @param input the request's text: its JSON body, or for a GET its path and query; null when
   *     none was read. Written (masked) only when text logging is on.
   */
  void record(String who, String client, String method, String route, int status, long nanos, Object input) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("who", who == null ? "-" : who);
    line.put("client", client);
    line.put("method", method);
    line.put("route", route);
    line.put("status", status);
    line.put("ms", Math.round(nanos / 1e3) / 1e3);
    if (masker != null && input != null) {
      line.put("input", maskedText(input));
    }
    try {
      sink.accept(ModelServer.JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an audit line of strings and numbers always serializes", e);
    }
  }

  private String maskedText(Object input) {
    String text = input instanceof JsonNode node ? masked(node).toString() : masker.mask(input.toString());
    return text.length() <= MAX_INPUT_CHARS ? text : text.substring(0, MAX_INPUT_CHARS) + "...(truncated)";
  }

  /** A copy of {@code node} with every string, field name and number passed through the masker. */
  private JsonNode masked(JsonNode node) {
    if (node.isTextual()) {
      return NODES.textNode(masker.mask(node.asText()));
    }
    if (node.isNumber()) { // a phone or card number sent as a JSON number
      String digits = node.asText();
      String m = masker.mask(digits);
      return m.equals(digits) ? node : NODES.textNode(m);
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode(node.size());
      node.forEach(child -> out.add(masked(child)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.set(masker.mask(field.getKey()), masked(field.getValue()));
      }
      return out;
    }
    return node;
  }
}
