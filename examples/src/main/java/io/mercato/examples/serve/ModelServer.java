package io.mercato.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.MercatoException;
import io.mercato.recsys.Recommender;
import io.mercato.text.TextClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model service: a trained {@link TextClassifier} and/or {@link Recommender} answering JSON over
 * HTTP.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver.HttpServer}: no extra dependency, and with a
 * thread pool it serves requests in parallel, which is all a model endpoint needs (the models are
 * immutable and thread-safe). Routes: {@code POST /v1/classify}, {@code POST /v1/recommend},
 * {@code GET /v1/similar/{item}}, {@code GET /health}, {@code GET /metrics}. Every refusal is a 4xx
 * (or 503) with a JSON body {@code {"error": {"status", "message"}}}; a stack trace never reaches a
 * caller. {@link #close()} shuts down gracefully: stop accepting, let requests in flight finish,
 * then stop the threads.
 */
public final class ModelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm and the client's
    // delayed ACK every small answer then waits ~40 ms. TCP_NODELAY removes that stall. Read once,
    // when the JDK server's configuration class loads, so it is set before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Config config;
  private final HttpServer server;
  private final ExecutorService pool;
  private final RequestMetrics metrics = new RequestMetrics();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long startedAt = System.nanoTime();
  private volatile boolean closed;

  private ModelServer(Config config) throws IOException {
    this.config = config;
    this.server =
        HttpServer.create(new InetSocketAddress(config.host, config.port), config.backlog);
    AtomicInteger threadId = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            config.threads,
            r -> {
              Thread t = new Thread(r, "mercato-http-" + threadId.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    ModelRoutes routes = new ModelRoutes(config.classifier, config.recommender, config.maxBatch);
    route("/v1/classify", "POST", routes::classify);
    route("/v1/recommend", "POST", routes::recommend);
    route("/v1/similar/", "GET", routes::similar);
    route("/health", "GET", (ex, body) -> health());
    route("/metrics", "GET", (ex, body) -> metricsSnapshot());
    route("/", "GET", (ex, body) -> {
      throw ApiException.notFound("no such endpoint: " + ex.getRequestURI().getPath());
    });
  }

  /** A builder for a server; nothing listens until {@link Builder#start()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the real one when it was started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests being answered right now. */
  int inFlight() {
    return inFlight.get();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  /**
   * Graceful shutdown: new requests are refused with 503, requests in flight get up to the drain
   * timeout to finish, then the listener closes and the worker threads stop. Idempotent.
   *
   * <p>(The JDK's own {@code HttpServer.stop(delay)} always waits the full delay when nothing is in
   * flight on Java 17, JDK-8304065, hence the explicit drain.)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + config.drain.toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("model service stopped");
  }

  private Map<String, Object> health() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("text_model", config.classifier != null);
    out.put("recsys_model", config.recommender != null);
    out.put("uptime_s", Math.round((System.nanoTime() - startedAt) / 1e6) / 1e3);
    return out;
  }

  private Map<String, Object> metricsSnapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("in_flight", inFlight.get());
    out.put("requests", metrics.snapshot());
    return out;
  }

  private void route(String path, String method, JsonRoute route) {
    server.createContext(path, exchange -> serve(exchange, path, method, route));
  }

  private void serve(HttpExchange exchange, String path, String method, JsonRoute route) {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    int status;
    Object answer;
    try {
      if (closed) {
        exchange.getResponseHeaders().set("Connection", "close");
        throw new ApiException(503, "the service is shutting down");
      }
      answer = answer(exchange, method, route);
      status = 200;
    } catch (ApiException e) {
      status = e.status();
      answer = error(status, e.getMessage());
    } catch (ConfigurationException | DataException e) {
      status = 400;
      answer = error(status, e.getMessage());
    } catch (MercatoException | IllegalArgumentException e) {
      status = 422;
      answer = error(status, e.getMessage());
    } catch (RuntimeException | IOException e) {
      LOG.error("request {} {} failed", exchange.getRequestMethod(), path, e);
      status = 500;
      answer = error(status, "internal error (" + e.getClass().getSimpleName() + ")");
    }
    try {
      send(exchange, status, answer);
    } catch (IOException e) {
      LOG.debug("client went away before the answer was sent", e);
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
      metrics.record(method + " " + path, status, System.nanoTime() - start);
    }
  }

  private Object answer(HttpExchange exchange, String method, JsonRoute route) throws IOException {
    if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new ApiException(405, "method " + exchange.getRequestMethod() + " not allowed; use " + method);
    }
    JsonNode body = null;
    if (method.equals("POST")) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && !type.toLowerCase().startsWith("application/json")) {
        throw new ApiException(415, "Content-Type must be application/json, got " + type);
      }
      body = parse(readBody(exchange));
    }
    return route.handle(exchange, body);
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > config.maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("bad Content-Length: " + length);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(config.maxBodyBytes + 1);
      if (body.length > config.maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "request body larger than " + config.maxBodyBytes + " bytes");
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("empty request body; expected a JSON object");
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable request body: " + e.getMessage());
    }
  }

  private static Map<String, Object> error(int status, String message) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("status", status);
    detail.put("message", message == null ? "error" : message);
    return Map.of("error", detail);
  }

  private static void send(HttpExchange exchange, int status, Object answer) throws IOException {
    byte[] bytes = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Immutable server settings. */
  private record Config(
      TextClassifier classifier,
      Recommender recommender,
      String host,
      int port,
      int threads,
      int backlog,
      int maxBodyBytes,
      int maxBatch,
      Duration drain) {}

  /** Fluent settings for a {@link ModelServer}; validated by {@link #start()}. */
  public static final class Builder {
    private TextClassifier classifier;
    private Recommender recommender;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private int backlog = 256;
    private int maxBodyBytes = 1 << 20;
    private int maxBatch = 1000;
    private Duration drain = Duration.ofSeconds(5);

    private Builder() {}

    /** The classifier behind {@code /v1/classify} (optional). */
    public Builder textModel(TextClassifier classifier) {
      this.classifier = classifier;
      return this;
    }

    /** The recommender behind {@code /v1/recommend} and {@code /v1/similar} (optional). */
    public Builder recommender(Recommender recommender) {
      this.recommender = recommender;
      return this;
    }

    /** The address to bind (default 127.0.0.1; use 0.0.0.0 to listen on every interface). */
    public Builder host(String host) {
      this.host = Check.notNull("host", host);
      return this;
    }

    /** The port, 0 for any free port (default 8080). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Worker threads serving requests in parallel (default max(4, 2 × cores)). */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** The largest accepted request body in bytes; larger ones get 413 (default 1 MiB). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The most texts one classify request may carry (default 1000). */
    public Builder maxBatch(int maxBatch) {
      this.maxBatch = maxBatch;
      return this;
    }

    /** How long shutdown waits for requests in flight (default 5 s). */
    public Builder drain(Duration drain) {
      this.drain = Check.notNull("drain", drain);
      return this;
    }

    /** Validates the settings, binds the port and starts serving. */
    public ModelServer start() throws IOException {
      if (port < 0 || port > 65_535) {
        throw ConfigurationException.invalid("port", port, "must be in [0, 65535]");
      }
      Check.positive("threads", threads);
      Check.positive("maxBodyBytes", maxBodyBytes);
      Check.positive("maxBatch", maxBatch);
      InetAddress.getByName(host); // fails early on an unknown host name
      ModelServer server =
          new ModelServer(
              new Config(classifier, recommender, host, port, threads, backlog, maxBodyBytes,
                  maxBatch, drain));
      server.server.start();
      LOG.info("model service listening on {}", server.url());
      return server;
    }
  }
}
