package io.mercato.examples.serve;

import io.mercato.examples.serve.ApiKeys.Key;
import io.mercato.examples.serve.ApiKeys.Scope;
import java.util.Locale;

/**
 * Bearer-token access control (RFC 6750): finds the API key of a request's
 * {@code Authorization: Bearer <token>} header, then checks it holds the scope the route needs.
 * A missing or unknown token is refused with 401, a key without the scope with 403, both with a
 * {@code WWW-Authenticate} header saying why. Messages name the key, never the token.
 */
final class Authenticator {
  private static final String REALM = "Bearer realm=\"mercato\"";
  private static final String BEARER = "bearer ";

  private final ApiKeys keys;

  /** @param keys the accepted keys */
  Authenticator(ApiKeys keys) {
    this.keys = keys;
  }

  /**
   * The key of a request.
   *
   * @param authorization the {@code Authorization} header, null when absent
   * @throws ApiException 401 when there is no bearer token or no key has it
   */
  Key authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ApiException(401, "missing API key: send 'Authorization: Bearer <key>'")
          .withHeader("WWW-Authenticate", REALM);
    }
    return keys.authenticate(authorization.substring(BEARER.length()).strip()).orElseThrow(() ->
        new ApiException(401, "unknown API key")
            .withHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
  }

  /**
   * Checks that {@code key} may call a route needing {@code scope}.
   *
   * @throws ApiException 403 when it may not
   */
  static void requireScope(Key key, Scope scope) {
    if (!key.allows(scope)) {
      String name = scope.name().toLowerCase(Locale.ROOT);
      throw new ApiException(403, "API key '" + key.name() + "' lacks the scope '" + name + "'")
          .withHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\", scope=\"" + name + "\"");
    }
  }
}
