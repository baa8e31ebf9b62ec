package io.mercato.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * One endpoint of the service: turns a request into a JSON-serializable answer, or throws
 * {@link ApiException} to refuse it. Plumbing (method check, body limit, JSON parsing, errors,
 * metrics) is done once by {@link ModelServer}.
 */
@FunctionalInterface
interface JsonRoute {
  /**
   * Answers one request.
   *
   * @param exchange the HTTP exchange (path and query available; the body is already read)
   * @param body the parsed JSON body for POST routes, null for GET routes
   * @return the answer, serialized to JSON with status 200
   */
  Object handle(HttpExchange exchange, JsonNode body);
}
