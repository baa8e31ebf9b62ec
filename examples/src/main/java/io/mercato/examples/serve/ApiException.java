package io.mercato.examples.serve;

/**
 * A request the service refuses, with the HTTP status and the one-line reason sent back to the
 * caller as {@code {"error": {"status": ..., "message": ...}}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;

  /** Creates a refusal with an HTTP status (4xx or 5xx) and a message safe to show the caller. */
  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
