package io.mercato.examples.serve;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Recommender;
import io.mercato.text.TextClassifier;
import io.mercato.text.privacy.PiiMasker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything a {@link ModelServer} is started with: the models, the address, TLS, API keys, rate
 * limit, request limits, thread counts and the audit log. Immutable; made by {@link Builder},
 * which checks every setting at {@link Builder#build()}.
 *
 * <p>Defaults are the safe ones: bound to 127.0.0.1, request bodies up to 1 MiB, request headers up
 * to 8 KiB, at most 1000 texts per classify request and 1000 items per recommendation, a bounded
 * queue in front of the model threads, an audit line per request without request text. TLS, API
 * keys and the rate limit are off until given.
 */
public final class ServerConfig {
  private final TextClassifier classifier;
  private final Recommender recommender;
  private final String host;
  private final int port;
  private final int threads;
  private final int queue;
  private final int connectionThreads;
  private final int backlog;
  private final int maxBodyBytes;
  private final int maxHeaderBytes;
  private final int maxBatch;
  private final int maxItems;
  private final Duration drain;
  private final TlsConfig tls;
  private final ApiKeys apiKeys;
  private final double ratePerSecond;
  private final int rateBurst;
  private final Consumer<String> auditSink;
  private final boolean auditText;
  private final PiiMasker piiMasker;

  private ServerConfig(Builder b) {
    this.classifier = b.classifier;
    this.recommender = b.recommender;
    this.host = b.host;
    this.port = b.port;
    this.threads = b.threads;
    this.queue = b.queue;
    this.connectionThreads = b.connectionThreads;
    this.backlog = b.backlog;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.maxBatch = b.maxBatch;
    this.maxItems = b.maxItems;
    this.drain = b.drain;
    this.tls = b.tls;
    this.apiKeys = b.apiKeys;
    this.ratePerSecond = b.ratePerSecond;
    this.rateBurst = b.rateBurst;
    this.auditSink = b.auditSink;
    this.auditText = b.auditText;
    this.piiMasker = b.piiMasker;
  }

  /** A builder with the defaults described in the class comment. */
  public static Builder builder() {
    return new Builder();
  }

  /** The classifier behind {@code /v1/classify}, null if none. */
  public TextClassifier classifier() {
    return classifier;
  }

  /** The recommender behind {@code /v1/recommend} and {@code /v1/similar}, null if none. */
  public Recommender recommender() {
    return recommender;
  }

  /** The address bound. */
  public String host() {
    return host;
  }

  /** The port (0: any free one). */
  public int port() {
    return port;
  }

  /** Model threads. */
  public int threads() {
    return threads;
  }

  /** Requests that may wait for a model thread before further ones get 503. */
  public int queue() {
    return queue;
  }

  /** Threads reading requests and writing answers, i.e. requests in transfer at once. */
  public int connectionThreads() {
    return connectionThreads;
  }

  /** The listen backlog (connections the OS queues before they are accepted). */
  public int backlog() {
    return backlog;
  }

  /** The largest request body accepted (413 beyond). */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The largest request line plus headers accepted (431 beyond). */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /** The most texts one classify request may carry (400 beyond). */
  public int maxBatch() {
    return maxBatch;
  }

  /** The largest {@code n} of a recommend or similar-items request (400 beyond). */
  public int maxItems() {
    return maxItems;
  }

  /** How long shutdown waits for requests in flight. */
  public Duration drain() {
    return drain;
  }

  /** HTTPS settings, null for plain HTTP. */
  public TlsConfig tls() {
    return tls;
  }

  /** The accepted API keys, null when the service is open to anyone who can reach it. */
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  /** Requests per second each caller may make on average, 0 without a rate limit. */
  public double ratePerSecond() {
    return ratePerSecond;
  }

  /** Requests a caller may make at once after being idle (the token bucket's size). */
  public int rateBurst() {
    return rateBurst;
  }

  /** Where audit lines go. */
  public Consumer<String> auditSink() {
    return auditSink;
  }

  /** Whether audit lines carry the request text (masked). */
  public boolean auditText() {
    return auditText;
  }

  /**
   * The masker incoming texts pass through before the model sees them (default {@link PiiMasker#standard()};
   * {@link PiiMasker#none()} leaves it to the model's own masking).
   */
  public PiiMasker piiMasker() {
    return piiMasker;
  }

  /** Fluent settings for a {@link ServerConfig}; validated by {@link #build()}. */
  public static final class Builder {
    private TextClassifier classifier;
    private Recommender recommender;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private int queue = 100;
    private int connectionThreads = 256;
    private int backlog = 256;
    private int maxBodyBytes = 1 << 20;
    private int maxHeaderBytes = 8 << 10;
    private int maxBatch = 1000;
    private int maxItems = 1000;
    private Duration drain = Duration.ofSeconds(5);
    private TlsConfig tls;
    private ApiKeys apiKeys;
    private double ratePerSecond;
    private int rateBurst;
    private Consumer<String> auditSink = AuditLog.logger();
    private boolean auditText;
    private PiiMasker piiMasker = PiiMasker.standard();

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

    /** The address to bind (default 127.0.0.1; 0.0.0.0 listens on every interface). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port, 0 for any free port (default 8080). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Threads running the models (default max(4, 2 × cores)). */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Requests that may wait for a model thread; beyond, 503 with Retry-After (default 100). */
    public Builder queue(int queue) {
      this.queue = queue;
      return this;
    }

    /**
     * Threads reading requests and writing answers (default 256). A slow client holds one while it
     * sends its request, so this many slow clients at once are needed before new connections are
     * closed; the model threads are never held by them.
     */
    public Builder connectionThreads(int connectionThreads) {
      this.connectionThreads = connectionThreads;
      return this;
    }

    /** The listen backlog (default 256). */
    public Builder backlog(int backlog) {
      this.backlog = backlog;
      return this;
    }

    /** The largest accepted request body in bytes; larger ones get 413 (default 1 MiB). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The largest request line plus headers in bytes; larger ones get 431 (default 8 KiB, at most
     * 64 KiB: beyond the JDK server's own limit, {@link ModelServer} closes the connection).
     */
    public Builder maxHeaderBytes(int maxHeaderBytes) {
      this.maxHeaderBytes = maxHeaderBytes;
      return this;
    }

    /** The most texts one classify request may carry (default 1000). */
    public Builder maxBatch(int maxBatch) {
      this.maxBatch = maxBatch;
      return this;
    }

    /** The largest {@code n} a recommend or similar-items request may ask for (default 1000). */
    public Builder maxItems(int maxItems) {
      this.maxItems = maxItems;
      return this;
    }

    /** How long shutdown waits for requests in flight (default 5 s). */
    public Builder drain(Duration drain) {
      this.drain = drain;
      return this;
    }

    /** Serve HTTPS with these settings (default: plain HTTP). */
    public Builder tls(TlsConfig tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Require an API key on every route but {@code /health} (default: none required). Each key's
     * scopes say what it may call: {@code classify}, {@code recommend} (recommend and similar
     * items) and {@code admin} ({@code /metrics}).
     */
    public Builder apiKeys(ApiKeys apiKeys) {
      this.apiKeys = apiKeys;
      return this;
    }

    /**
     * Limit each caller (API key, or client address without keys) to {@code perSecond} requests a
     * second on average and {@code burst} at once; beyond, 429 with Retry-After. 0 turns the limit
     * off (the default).
     */
    public Builder rateLimit(double perSecond, int burst) {
      this.ratePerSecond = perSecond;
      this.rateBurst = burst;
      return this;
    }

    /** Where audit lines go (default: the SLF4J logger {@code mercato.audit} at INFO). */
    public Builder auditSink(Consumer<String> auditSink) {
      this.auditSink = auditSink;
      return this;
    }

    /** Whether audit lines carry the request text, personal data masked (default false). */
    public Builder auditText(boolean auditText) {
      this.auditText = auditText;
      return this;
    }

    /**
     * Masking of incoming texts before classification (default {@link PiiMasker#standard()}, so that even a
     * model trained without masking never sees personal data; {@link PiiMasker#none()} turns it off).
     */
    public Builder piiMasker(PiiMasker piiMasker) {
      this.piiMasker = piiMasker;
      return this;
    }

    /**
     * Checks every setting.
     *
     * @throws ConfigurationException naming the first bad setting and its allowed range
     */
    public ServerConfig build() {
      Check.notNull("host", host);
      Check.notNull("piiMasker", piiMasker);
      try {
        InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw ConfigurationException.invalid("host", host, "must be an IP address or a resolvable host name");
      }
      Check.inRange("port", port, 0, 65_535);
      Check.positive("threads", threads);
      Check.positive("queue", queue);
      Check.atLeast("connectionThreads", connectionThreads, threads);
      Check.positive("backlog", backlog);
      Check.positive("maxBodyBytes", maxBodyBytes);
      Check.inRange("maxHeaderBytes", maxHeaderBytes, 1024, JdkServerSettings.MAX_HEADER_BYTES);
      Check.positive("maxBatch", maxBatch);
      Check.positive("maxItems", maxItems);
      Check.notNull("drain", drain);
      if (drain.isNegative()) {
        throw ConfigurationException.invalid("drain", drain, "must be >= 0");
      }
      if (ratePerSecond != 0) {
        Check.positive("rateLimit", ratePerSecond);
        Check.atLeast("rateBurst", rateBurst, 1);
      }
      Check.notNull("auditSink", auditSink);
      return new ServerConfig(this);
    }

    /** {@link #build()}, then {@link ModelServer#start(ServerConfig)}. */
    public ModelServer start() throws IOException {
      return ModelServer.start(build());
    }
  }
}
