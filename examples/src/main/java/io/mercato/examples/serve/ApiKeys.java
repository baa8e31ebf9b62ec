package io.mercato.examples.serve;

import io.mercato.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys (bearer tokens) the service accepts, each with a name and scopes.
 *
 * <p>One key per line: {@code name scope[,scope...] secret}, where the secret is either
 * {@code sha256:<64 hex digits>} (the SHA-256 of the token, so the file does not hold the token
 * itself; recommended) or the token as such (at least 16 characters). Blank lines and lines starting
 * with {@code #} are skipped. From an environment variable the lines may also be separated by
 * {@code ;}. Example:
 *
 * <pre>
 * # name      scopes              secret
 * shop-web    classify,recommend  sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * ops         admin               sha256:...
 * </pre>
 *
 * {@link #authenticate} hashes the presented token and compares it with every key's hash in
 * constant time (no early exit, {@link MessageDigest#isEqual}), so timing tells an attacker
 * nothing about how close a guess was. Tokens are never logged; only key names are. Immutable.
 */
public final class ApiKeys {
  /** What a key may call. */
  public enum Scope {
    /** {@code POST /v1/classify}. */
    CLASSIFY,
    /** {@code POST /v1/recommend}, {@code GET /v1/similar/{item}}. */
    RECOMMEND,
    /** {@code GET /metrics}. */
    ADMIN;

    static Scope parse(String source, String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(source + ": unknown scope '" + s + "'; allowed: classify, recommend, admin");
      }
    }
  }

  /** One accepted key: its name (logged), scopes and the SHA-256 of its token. */
  public record Key(String name, Set<Scope> scopes, byte[] tokenHash) {
    /** Whether this key may use {@code scope}. */
    public boolean allows(Scope scope) {
      return scopes.contains(scope);
    }

    @Override
    public String toString() {
      return "Key{" + name + " " + scopes + "}";
    }
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");
  private static final int MIN_TOKEN = 16;

  private final List<Key> keys;

  private ApiKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Reads keys from a file (see the class comment for the format). */
  public static ApiKeys load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigurationException("API keys: cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Parses key lines (separated by newlines or {@code ;}).
   *
   * @param source named in errors, e.g. the file or variable
   * @param text the lines
   * @throws ConfigurationException naming the line and the problem, never echoing a secret
   */
  public static ApiKeys parse(String source, String text) {
    if (text == null || text.isBlank()) {
      throw new ConfigurationException("API keys: " + source + " holds no key");
    }
    List<Key> keys = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    String[] lines = text.split("\r?\n|;");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ", entry " + (i + 1);
      String[] f = line.split("\\s+");
      if (f.length != 3) {
        throw new ConfigurationException("API keys: " + where + ": expected 'name scopes secret', got " + f.length
            + " fields");
      }
      if (!NAME.matcher(f[0]).matches()) {
        throw new ConfigurationException("API keys: " + where + ": name '" + f[0]
            + "' must be 1 to 64 characters of [A-Za-z0-9._@-]");
      }
      if (!names.add(f[0])) {
        throw new ConfigurationException("API keys: " + where + ": duplicate key name '" + f[0] + "'");
      }
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (String s : f[1].split(",")) {
        scopes.add(Scope.parse(where, s));
      }
      byte[] hash;
      if (HASH.matcher(f[2]).matches()) {
        hash = HexFormat.of().parseHex(f[2].substring("sha256:".length()).toLowerCase(Locale.ROOT));
      } else if (f[2].length() >= MIN_TOKEN) {
        hash = sha256(f[2]);
      } else {
        throw new ConfigurationException("API keys: " + where + ": the secret must be sha256:<64 hex digits> "
            + "or a token of at least " + MIN_TOKEN + " characters");
      }
      keys.add(new Key(f[0], Set.copyOf(scopes), hash));
    }
    if (keys.isEmpty()) {
      throw new ConfigurationException("API keys: " + source + " holds no key");
    }
    return new ApiKeys(keys);
  }

  /** The keys, in the order given. */
  public List<Key> keys() {
    return keys;
  }

  /**
   * The key whose token is {@code token}, compared in constant time against every key.
   *
   * @return the key, or empty when no key matches (or the token is null)
   */
  public Optional<Key> authenticate(String token) {
    if (token == null) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    Key found = null;
    for (Key k : keys) {
      if (MessageDigest.isEqual(presented, k.tokenHash()) && found == null) {
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }

  /** A new random token (32 bytes, URL-safe base64) for a key file. */
  public static String newToken() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** {@code sha256:<hex>} of a token: the secret field of a key file line. */
  public static String hashField(String token) {
    return "sha256:" + HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys" + keys;
  }
}
