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

  /** Times {@code calls} invocations of {@code call(k)} after {@code warmUp} untimed ones. */
  static Latency measure(int warmUp, int calls, java.util.function.IntConsumer call) {
    for (int k = 0; k < warmUp; k++) {
      call.accept(k);
    }
    long[] t = new long[calls];
    for (int k = 0; k < calls; k++) {
      long start = System.nanoTime();
      call.accept(warmUp + k);
      t[k] = System.nanoTime() - start;
    }
    return new Latency(t);
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
