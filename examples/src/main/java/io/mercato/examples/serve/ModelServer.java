package io.mercato.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.MercatoException;
import io.mercato.examples.serve.ApiKeys.Key;
import io.mercato.examples.serve.ApiKeys.Scope;
import io.mercato.recsys.Recommender;
import io.mercato.text.TextClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model service: a trained {@link TextClassifier} and/or {@link Recommender} answering JSON over
 * HTTP or HTTPS.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} (no extra dependency). Routes:
 * {@code POST /v1/classify}, {@code POST /v1/recommend}, {@code GET /v1/similar/{item}},
 * {@code GET /health}, {@code GET /metrics}. Every refusal is a 4xx (or 503) with a JSON body
 * {@code {"error": {"status", "message"}}}; a stack trace never reaches a caller.
 *
 * <p>A request goes through, in order: the header size limit (431), the API key and its scope
 * (401/403; {@code /health} is open), the caller's rate limit (429), method and content type
 * (405/415), the body size limit (413) and JSON parsing (400), then the bounded model queue (503
 * when full) and the route's own checks (400/404). Two thread pools keep slow clients away from the
 * models: connection threads read requests and write answers (the JDK reads headers, and does the
 * TLS handshake, with blocking reads on them), model threads only compute. Each finished request
 * writes an audit line ({@link AuditLog}).
 *
 * <p>{@link #close()} shuts down gracefully: stop accepting, let requests in flight finish, then
 * stop the threads. Start one with {@code ModelServer.builder()...start()}; settings are in
 * {@link ServerConfig}.
 */
public final class ModelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  static {
    JdkServerSettings.applyDefaults(); // before the JDK server's configuration class loads
  }

  private final ServerConfig config;
  private final HttpServer server;
  private final ThreadPoolExecutor connections;
  private final Workers workers;
  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;
  private final AuditLog audit;
  private final RequestMetrics metrics = new RequestMetrics();
  private final LongAdder refusedConnections = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long startedAt = System.nanoTime();
  private volatile boolean closed;

  /** One endpoint: its path (a prefix when it ends in '/'), method, the scope it needs (null: open). */
  private record Route(String path, String method, Scope scope, boolean onModelThread, JsonRoute handler) {
    boolean matches(String requestPath) {
      return path.endsWith("/") || requestPath.equals(path);
    }
  }

  private ModelServer(ServerConfig config) throws IOException {
    this.config = config;
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    if (config.tls() != null) {
      HttpsServer https = HttpsServer.create(address, config.backlog());
      https.setHttpsConfigurator(config.tls().configurator());
      this.server = https;
    } else {
      this.server = HttpServer.create(address, config.backlog());
    }
    this.connections = new ThreadPoolExecutor(Math.min(config.threads(), config.connectionThreads()),
        config.connectionThreads(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        Workers.daemonThreads("mercato-http-"), (task, pool) -> {
          refusedConnections.increment(); // the JDK server closes the connection
          throw new RejectedExecutionException("all " + pool.getMaximumPoolSize() + " connection threads busy");
        });
    server.setExecutor(connections);
    this.workers = new Workers(config.threads(), config.queue());
    this.authenticator = config.apiKeys() == null ? null : new Authenticator(config.apiKeys());
    this.rateLimiter = config.ratePerSecond() == 0 ? null
        : new RateLimiter(config.ratePerSecond(), config.rateBurst(), System::nanoTime);
    this.audit = new AuditLog(config.auditSink(), config.auditText());
    ModelRoutes routes = new ModelRoutes(config.classifier(), config.recommender(), config.maxBatch(),
        config.maxItems(), config.piiMasker());
    route(new Route("/v1/classify", "POST", Scope.CLASSIFY, true, routes::classify));
    route(new Route("/v1/recommend", "POST", Scope.RECOMMEND, true, routes::recommend));
    route(new Route("/v1/similar/", "GET", Scope.RECOMMEND, true, routes::similar));
    route(new Route("/health", "GET", null, false, (ex, body) -> health()));
    route(new Route("/metrics", "GET", Scope.ADMIN, false, (ex, body) -> metricsSnapshot()));
    route(new Route("/", "GET", null, false, (ex, body) -> {
      throw noSuchEndpoint(ex);
    }));
  }

  /** A builder for a server's settings; nothing listens until {@link ServerConfig.Builder#start()}. */
  public static ServerConfig.Builder builder() {
    return ServerConfig.builder();
  }

  /** Binds the port and starts serving with {@code config}. */
  public static ModelServer start(ServerConfig config) throws IOException {
    ModelServer server = new ModelServer(config);
    server.server.start();
    LOG.info("model service listening on {}{}{}{}", server.url(),
        config.tls() == null ? "" : ", " + config.tls(),
        config.apiKeys() == null ? "" : ", " + config.apiKeys().keys().size() + " API keys",
        config.ratePerSecond() == 0 ? "" : ", rate limit " + config.ratePerSecond() + "/s per caller");
    if (!InetAddress.getByName(config.host()).isLoopbackAddress()
        && (config.tls() == null || config.apiKeys() == null)) {
      LOG.warn("the service listens on {} {}: anyone who can reach this address can {}", config.host(),
          config.tls() == null ? "without TLS" : "without API keys",
          config.tls() == null ? "read requests and answers in transit" : "call it");
    }
    return server;
  }

  /** The port the server listens on (the real one when it was started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests being answered right now. */
  int inFlight() {
    return inFlight.get();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080} or {@code https://127.0.0.1:8443}. */
  public String url() {
    return (config.tls() == null ? "http" : "https") + "://" + server.getAddress().getHostString() + ":" + port();
  }

  /**
   * Graceful shutdown: new requests are refused with 503, requests in flight get up to the drain
   * timeout to finish, then the listener closes and the threads stop. Idempotent.
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
    long deadline = System.nanoTime() + config.drain().toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    workers.shutdown(Duration.ofSeconds(1));
    connections.shutdown();
    try {
      if (!connections.awaitTermination(1, TimeUnit.SECONDS)) {
        connections.shutdownNow();
      }
    } catch (InterruptedException e) {
      connections.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("model service stopped");
  }

  private Map<String, Object> health() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("text_model", config.classifier() != null);
    out.put("recsys_model", config.recommender() != null);
    out.put("uptime_s", Math.round((System.nanoTime() - startedAt) / 1e6) / 1e3);
    return out;
  }

  private Map<String, Object> metricsSnapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("in_flight", inFlight.get());
    out.put("model_queue", workers.queued());
    out.put("connection_threads_busy", connections.getActiveCount());
    out.put("connections_refused", refusedConnections.sum());
    out.put("requests", metrics.snapshot());
    return out;
  }

  private void route(Route route) {
    server.createContext(route.path(), exchange -> serve(exchange, route));
  }

  private void serve(HttpExchange exchange, Route route) {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    String who = null;
    Object input = null;
    int status;
    Object answer;
    try {
      if (closed) {
        exchange.getResponseHeaders().set("Connection", "close");
        throw new ApiException(503, "the service is shutting down");
      }
      checkHeaderSize(exchange);
      if (!route.matches(exchange.getRequestURI().getPath())) {
        throw noSuchEndpoint(exchange);
      }
      if (route.scope() != null) {
        if (authenticator != null) {
          Key key = authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
          who = key.name();
          Authenticator.requireScope(key, route.scope());
        }
        limitRate(who != null ? who : exchange.getRemoteAddress().getAddress().getHostAddress());
      }
      checkMethod(exchange, route.method());
      JsonNode body = null;
      if (route.method().equals("POST")) {
        body = parse(readBody(exchange));
        input = body;
      } else {
        URI uri = exchange.getRequestURI();
        input = uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
      }
      JsonNode request = body;
      answer = route.onModelThread()
          ? workers.call(() -> route.handler().handle(exchange, request))
          : route.handler().handle(exchange, request);
      status = 200;
    } catch (ApiException e) {
      status = e.status();
      answer = error(status, e.getMessage());
      e.headers().forEach(exchange.getResponseHeaders()::set);
    } catch (ConfigurationException | DataException e) {
      status = 400;
      answer = error(status, e.getMessage());
    } catch (MercatoException | IllegalArgumentException e) {
      status = 422;
      answer = error(status, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      answer = error(status, "the service is shutting down");
    } catch (Exception e) {
      LOG.error("request {} {} failed", exchange.getRequestMethod(), route.path(), e);
      status = 500;
      answer = error(status, "internal error (" + e.getClass().getSimpleName() + ")");
    }
    // counted before the answer leaves, so a client that has its answer sees it in /metrics
    long took = System.nanoTime() - start;
    metrics.record(route.method() + " " + route.path(), status, took);
    try {
      send(exchange, status, answer);
    } catch (IOException e) {
      LOG.debug("client went away before the answer was sent", e);
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
      audit.record(who, exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getRequestMethod(),
          route.path(), status, took, input);
    }
  }

  private static ApiException noSuchEndpoint(HttpExchange exchange) {
    return ApiException.notFound("no such endpoint: " + exchange.getRequestURI().getPath());
  }

  /** 431 when the request line plus headers (as sent: name, ": ", value, CRLF) exceed the limit. */
  private void checkHeaderSize(HttpExchange exchange) {
    long size = exchange.getRequestMethod().length() + 1 + exchange.getRequestURI().toString().length() + 1
        + exchange.getProtocol().length() + 2;
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      for (String value : header.getValue()) {
        size += header.getKey().length() + 2 + value.length() + 2;
      }
    }
    if (size > config.maxHeaderBytes()) {
      exchange.getResponseHeaders().set("Connection", "close");
      throw new ApiException(431, "request line and headers larger than " + config.maxHeaderBytes() + " bytes");
    }
  }

  private void limitRate(String caller) {
    if (rateLimiter == null) {
      return;
    }
    long wait = rateLimiter.acquire(caller);
    if (wait > 0) {
      long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
      throw new ApiException(429, "rate limit of " + config.ratePerSecond() + " requests/s exceeded; retry in "
          + seconds + " s").withHeader("Retry-After", Long.toString(seconds));
    }
  }

  private static void checkMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
      throw new ApiException(405, "method " + exchange.getRequestMethod() + " not allowed; use " + method)
          .withHeader("Allow", method);
    }
    if (method.equals("POST")) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && !type.toLowerCase().startsWith("application/json")) {
        throw new ApiException(415, "Content-Type must be application/json, got " + type);
      }
    }
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > config.maxBodyBytes()) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("bad Content-Length: " + length);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
      if (body.length > config.maxBodyBytes()) {
        throw tooLarge();
      }
      return body;
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "request body larger than " + config.maxBodyBytes() + " bytes");
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
}
