package io.mercato.examples.bench;

import java.util.Arrays;

/**
 * Percentiles of per-call latencies recorded with {@link System#nanoTime()}: the single-call figures
 * (p50, p99) of the benchmark tables.
 */
final class Latency {

  private final long[] nanos;

  private Latency(long[] nanos) {
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
  }

  /**
   * Times up to {@code calls} invocations of {@code call(k)} after up to {@code warmUp} untimed ones; a slow
   * model stops early once warm-up or measurement has taken {@code maxSeconds} each (at least 10 calls are
   * timed), so one slow algorithm cannot eat the benchmark's time budget. {@link #calls()} tells how many were timed.
   */
  static Latency measure(int warmUp, int calls, double maxSeconds, java.util.function.IntConsumer call) {
    long budget = (long) (maxSeconds * 1e9);
    long begin = System.nanoTime();
    int k = 0;
    while (k < warmUp && System.nanoTime() - begin < budget) {
      call.accept(k++);
    }
    long[] t = new long[calls];
    int n = 0;
    begin = System.nanoTime();
    while (n < calls && (n < 10 || System.nanoTime() - begin < budget)) {
      long start = System.nanoTime();
      call.accept(k++);
      t[n++] = System.nanoTime() - start;
    }
    return new Latency(java.util.Arrays.copyOf(t, n));
  }

  /** How many calls were timed. */
  int calls() {
    return nanos.length;
  }

  /** The {@code q}-quantile in milliseconds (nearest rank: the smallest value with at least q of the calls at or below it). */
  double millis(double q) {
    int rank = (int) Math.ceil(q * nanos.length);
    return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
  }

  double p50() {
    return millis(0.50);
  }

  double p99() {
    return millis(0.99);
  }
}
