package io.mercato.examples.serve;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts by route and status class, and latency percentiles (arrival to answer ready, before it is sent) per route over a sliding window
 * of the most recent requests. Thread-safe; what {@code GET /metrics} reports.
 */
public final class RequestMetrics {
  /** How many recent latencies each route keeps for its percentiles. */
  public static final int WINDOW = 10_000;

  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /** Records one finished request on {@code route} with its HTTP status and duration. */
  public void record(String route, int status, long nanos) {
    routes.computeIfAbsent(route, r -> new Route()).record(status, nanos);
  }

  /** A JSON-ready snapshot: {@code {route: {count, status: {2xx: n, ...}, latency_ms: {p50, p90, p99, max}}}}. */
  public Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    routes.keySet().stream().sorted().forEach(name -> out.put(name, routes.get(name).snapshot()));
    return out;
  }

  /**
   * The nearest-rank percentile of {@code sorted} (ascending): the smallest value with at least
   * {@code p}% of the values at or below it. NaN when empty.
   */
  public static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private static final class Route {
    private final LongAdder count = new LongAdder();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final long[] window = new long[WINDOW];
    private long recorded;

    void record(int status, long nanos) {
      count.increment();
      byStatus.computeIfAbsent(status / 100 + "xx", s -> new LongAdder()).increment();
      synchronized (window) {
        window[(int) (recorded++ % WINDOW)] = nanos;
      }
    }

    Map<String, Object> snapshot() {
      long[] sorted;
      synchronized (window) {
        sorted = Arrays.copyOf(window, (int) Math.min(recorded, WINDOW));
      }
      Arrays.sort(sorted);
      Map<String, Object> status = new LinkedHashMap<>();
      byStatus.keySet().stream().sorted().forEach(k -> status.put(k, byStatus.get(k).sum()));
      Map<String, Object> latency = new LinkedHashMap<>();
      latency.put("p50", millis(percentile(sorted, 50)));
      latency.put("p90", millis(percentile(sorted, 90)));
      latency.put("p99", millis(percentile(sorted, 99)));
      latency.put("max", millis(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("count", count.sum());
      out.put("status", status);
      out.put("latency_ms", latency);
      out.put("latency_window", sorted.length);
      return out;
    }

    private static Double millis(double nanos) {
      return Double.isNaN(nanos) ? null : Math.round(nanos / 1e3) / 1e3;
    }
  }
}
