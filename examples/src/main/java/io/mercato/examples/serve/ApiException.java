package io.mercato.examples.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the service refuses, with the HTTP status, the one-line reason sent back to the caller
 * as {@code {"error": {"status": ..., "message": ...}}} and any response headers the refusal needs
 * ({@code WWW-Authenticate} on a 401, {@code Retry-After} on a 429 or 503).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;

  /** Creates a refusal with an HTTP status (4xx or 5xx) and a message safe to show the caller. */
  public ApiException(int status, String message) {
    this(status, message, Map.of());
  }

  private ApiException(int status, String message, Map<String, String> headers) {
    super(message, null, false, false); // a refusal is an answer, not a failure: no stack trace
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** Response headers to send with the refusal (immutable, possibly empty). */
  public Map<String, String> headers() {
    return headers;
  }

  /** This refusal with one more response header. */
  public ApiException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiException(status, getMessage(), more);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
