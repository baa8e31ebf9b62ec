package io.mercato.examples.load;

import io.mercato.examples.serve.ModelServer;
import io.mercato.examples.serve.RequestMetrics;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.text.TextClassifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * given models, then for each of {@code /v1/classify} (one text per request) and
 * {@code /v1/recommend} runs closed-loop clients for a fixed time and prints requests/s and
 * latency p50/p99, measured by the clients.
 *
 * <pre>
 * java -cp examples/target/mercato.jar io.mercato.examples.load.LoadTest \
 *     TEXT_MODEL RECSYS_MODEL [clients=8] [seconds=15]
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

  private LoadTest() {}

  /** Runs the load test; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LoadTest TEXT_MODEL RECSYS_MODEL [clients=8] [seconds=15]");
      System.exit(2);
    }
    TextClassifier classifier = TextClassifier.load(Path.of(args[0]));
    Recommender recommender = Recommenders.load(Path.of(args[1]));
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    List<String> users = recommender.trainingData().users().ids();
    try (ModelServer server = ModelServer.builder().port(0).textModel(classifier).recommender(recommender).start()) {
      System.out.printf(Locale.ROOT, "service on %s, %d clients, %d s per endpoint, %d cores%n",
          server.url(), clients, seconds, Runtime.getRuntime().availableProcessors());
      String base = server.url();
      // warm-up: JIT and connection pools, results discarded
      run(base + "/v1/classify", i -> classifyBody(i), clients, 3);
      run(base + "/v1/recommend", i -> recommendBody(users, i), clients, 3);
      report("POST /v1/classify (1 text)", run(base + "/v1/classify", i -> classifyBody(i), clients, seconds));
      report("POST /v1/recommend (n=10)", run(base + "/v1/recommend", i -> recommendBody(users, i), clients, seconds));
    }
  }

  private static String classifyBody(int i) {
    return "{\"texts\": [\"" + TEXTS[i % TEXTS.length] + "\"]}";
  }

  private static String recommendBody(List<String> users, int i) {
    return "{\"user\": \"" + users.get(Math.floorMod(i * 7919, users.size())) + "\", \"n\": 10}";
  }

  /** Result of one timed run: wall seconds and every request's latency in nanoseconds. */
  private record Result(double seconds, long[] latencies, long errors) {}

  private static Result run(String url, IntFunction<String> body, int clients, int seconds) throws Exception {
    ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong errors = new AtomicLong();
    List<Future<long[]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(pool.submit(() -> {
        long[] lat = new long[1024];
        int n = 0;
        for (int i = client; System.nanoTime() < end; i += clients) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build();
          long t = System.nanoTime();
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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

  private static void report(String what, Result r) {
    long[] l = r.latencies();
    System.out.printf(Locale.ROOT, "%-28s %8d requests  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
        what, l.length, l.length / r.seconds(), RequestMetrics.percentile(l, 50) / 1e6, RequestMetrics.percentile(l, 99) / 1e6, r.errors());
  }
}
