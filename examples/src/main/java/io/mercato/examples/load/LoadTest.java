package io.mercato.examples.load;

import io.mercato.examples.serve.ApiKeys;
import io.mercato.examples.serve.ModelServer;
import io.mercato.examples.serve.RequestMetrics;
import io.mercato.examples.serve.ServerConfig;
import io.mercato.examples.serve.TlsConfig;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.text.TextClassifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Load program for the model service (not a test): starts the service on a loopback port with the
 * given models and, for each of {@code /v1/classify} (one text per request) and
 * {@code /v1/recommend}, runs closed-loop clients for a fixed time and prints requests/s and
 * latency p50/p99 measured by the clients. It does so for
 *
 * <ul>
 *   <li>{@code plain}: HTTP, no API key;
 *   <li>{@code tls+auth}: HTTPS (a throw-away self-signed certificate, TLS 1.3), an API key checked
 *       on every request and a per-key rate limit high enough never to refuse;
 *   <li>with {@code slow > 0} also {@code plain+slow}: plain, while that many extra connections
 *       send their headers one byte every 100 ms.
 * </ul>
 *
 * Every configuration writes its audit lines to a file in a temporary folder (what a deployment
 * does), so their cost is in every row. Both main configurations first run a silent 5 s round per
 * endpoint, so that neither is measured while the JIT is still compiling; each measured run then
 * starts a fresh server and warms its connections for 1 s.
 *
 * <pre>
 * java -cp examples/target/mercato.jar io.mercato.examples.load.LoadTest \
 *     TEXT_MODEL RECSYS_MODEL [clients=4] [seconds=10] [slow=0]
 * </pre>
 *
 * Models can be made with {@code ./mercato demo} (mercato-out/sentiment-en.mercato and
 * mercato-out/products.mercato).
 */
public final class LoadTest {
  private static final String[] TEXTS = {
    "Love this dress, the fabric is soft and it fits perfectly.",
    "Cheap material, ripped after one wash. Sending it back.",
    "Runs small, order a size up. Colour is lovely though.",
    "Not what the picture shows, very disappointed.",
  };

  private static final int WARM_UP_SECONDS = 5;

  private LoadTest() {}

  /** Runs the load test; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LoadTest TEXT_MODEL RECSYS_MODEL [clients=4] [seconds=10] [slow=0]");
      System.exit(2);
    }
    TextClassifier classifier = TextClassifier.load(Path.of(args[0]));
    Recommender recommender = Recommenders.load(Path.of(args[1]));
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int slow = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    List<String> users = recommender.trainingData().users().ids();
    Path folder = Files.createTempDirectory("mercato-load");
    SelfSignedKeyStore certificate = SelfSignedKeyStore.create(folder, "load-test-password");
    String token = ApiKeys.newToken();
    ApiKeys keys = ApiKeys.parse("load test", "load classify,recommend " + ApiKeys.hashField(token));
    System.out.printf(Locale.ROOT, "%d clients, %d s per endpoint after a %d s warm-up of each, %d cores, "
        + "audit lines to %s%n", clients, seconds, WARM_UP_SECONDS, Runtime.getRuntime().availableProcessors(), folder);
    System.out.printf(Locale.ROOT, "%-10s %-28s %9s %9s %9s %9s %7s%n",
        "config", "endpoint", "requests", "req/s", "p50 ms", "p99 ms", "errors");

    try (PrintWriter audit = new PrintWriter(Files.newBufferedWriter(folder.resolve("audit.jsonl")), true)) {
      ServerConfig.Builder base = ModelServer.builder().port(0).textModel(classifier).recommender(recommender)
          .auditSink(line -> {
            synchronized (audit) {
              audit.println(line);
            }
          });
      ServerConfig plainConfig = base.build();
      ServerConfig secure = base.tls(TlsConfig.fromKeyStore(certificate.file(), certificate.password()))
          .apiKeys(keys).rateLimit(1e6, 1_000_000).build();
      HttpClient.Builder plainClient = HttpClient.newBuilder();
      HttpClient.Builder tlsClient = HttpClient.newBuilder().sslContext(certificate.clientContext());
      // one silent round of both first, so that neither is measured while the JIT is still compiling
      measure(null, plainConfig, plainClient, null, users, clients, WARM_UP_SECONDS, 0);
      measure(null, secure, tlsClient, token, users, clients, WARM_UP_SECONDS, 0);
      List<double[]> plain = measure("plain", plainConfig, plainClient, null, users, clients, seconds, 0);
      List<double[]> tls = measure("tls+auth", secure, tlsClient, token, users, clients, seconds, 0);
      for (int i = 0; i < plain.size(); i++) {
        System.out.printf(Locale.ROOT, "tls+auth / plain, %s: %.0f%% of the requests/s%n",
            i == 0 ? "classify" : "recommend", 100 * tls.get(i)[0] / plain.get(i)[0]);
      }
      if (slow > 0) {
        base.tls(null).apiKeys(null).rateLimit(0, 0);
        measure("plain+slow", base.build(), plainClient, null, users, clients, seconds, slow);
      }
    }
  }

  /**
   * Runs both endpoints against a fresh server after a short warm-up; returns {requests/s, p50, p99}
   * per endpoint and prints them unless {@code name} is null.
   */
  private static List<double[]> measure(String name, ServerConfig config, HttpClient.Builder client, String token,
      List<String> users, int clients, int seconds, int slow) throws Exception {
    List<double[]> out = new ArrayList<>();
    try (ModelServer server = ModelServer.start(config); SlowClients trickle = new SlowClients(server.port(), slow)) {
      String base = server.url();
      // warm-up: connection pools, TLS sessions; results discarded
      run(client, base + "/v1/classify", token, LoadTest::classifyBody, clients, 1);
      run(client, base + "/v1/recommend", token, i -> recommendBody(users, i), clients, 1);
      out.add(report(name, "POST /v1/classify (1 text)",
          run(client, base + "/v1/classify", token, LoadTest::classifyBody, clients, seconds)));
      out.add(report(name, "POST /v1/recommend (n=10)",
          run(client, base + "/v1/recommend", token, i -> recommendBody(users, i), clients, seconds)));
    }
    return out;
  }

  private static String classifyBody(int i) {
    return "{\"texts\": [\"" + TEXTS[i % TEXTS.length] + "\"]}";
  }

  private static String recommendBody(List<String> users, int i) {
    return "{\"user\": \"" + users.get(Math.floorMod(i * 7919, users.size())) + "\", \"n\": 10}";
  }

  /** Result of one timed run: wall seconds and every request's latency in nanoseconds. */
  private record Result(double seconds, long[] latencies, long errors) {}

  private static Result run(HttpClient.Builder client, String url, String token, IntFunction<String> body,
      int clients, int seconds) throws Exception {
    ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
    HttpClient http = client.version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong errors = new AtomicLong();
    List<Future<long[]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int first = c;
      futures.add(pool.submit(() -> {
        long[] lat = new long[1024];
        int n = 0;
        for (int i = first; System.nanoTime() < end; i += clients) {
          HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)));
          if (token != null) {
            request.header("Authorization", "Bearer " + token);
          }
          long t = System.nanoTime();
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          long took = System.nanoTime() - t;
          if (response.statusCode() != 200) {
            errors.incrementAndGet();
          }
          if (n == lat.length) {
            lat = Arrays.copyOf(lat, n * 2);
          }
          lat[n++] = took;
        }
        return Arrays.copyOf(lat, n);
      }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    double wall = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    httpThreads.shutdown(); // non-daemon threads would keep the JVM alive
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(wall, merged, errors.get());
  }

  private static double[] report(String config, String endpoint, Result r) {
    long[] l = r.latencies();
    double rate = l.length / r.seconds();
    double p50 = RequestMetrics.percentile(l, 50) / 1e6;
    double p99 = RequestMetrics.percentile(l, 99) / 1e6;
    if (config == null) {
      return new double[] {rate, p50, p99};
    }
    System.out.printf(Locale.ROOT, "%-10s %-28s %9d %9.0f %9.2f %9.2f %7d%n",
        config, endpoint, l.length, rate, p50, p99, r.errors());
    return new double[] {rate, p50, p99};
  }

  /**
   * Connections that send a request's headers one byte every 100 ms and never finish them; one the
   * server cuts (request timeout) is opened again, as an attacker would.
   */
  private static final class SlowClients implements AutoCloseable {
    private final int port;
    private final Socket[] sockets;
    private final Thread trickle;
    private volatile boolean stop;

    SlowClients(int port, int count) throws IOException {
      this.port = port;
      this.sockets = new Socket[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = open();
      }
      trickle = new Thread(this::trickle, "slow-clients");
      trickle.setDaemon(true);
      trickle.start();
    }

    private Socket open() throws IOException {
      Socket s = new Socket("127.0.0.1", port);
      s.getOutputStream().write("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII));
      return s;
    }

    private void trickle() {
      while (!stop) {
        for (int i = 0; i < sockets.length; i++) {
          try {
            OutputStream out = sockets[i].getOutputStream();
            out.write('x');
            out.flush();
          } catch (IOException cutByServer) {
            try {
              sockets[i].close();
              sockets[i] = open();
            } catch (IOException e) {
              return;
            }
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      stop = true;
      try {
        trickle.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
