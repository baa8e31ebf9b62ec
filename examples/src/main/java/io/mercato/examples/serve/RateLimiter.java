package io.mercato.examples.serve;

import io.mercato.core.Check;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller (API key name, or client address without keys): each holds at most
 * {@code burst} tokens, refills at {@code perSecond} tokens a second, and a request takes one. A
 * request finding the bucket empty is refused with the time until the next token (the
 * {@code Retry-After} of the 429). Thread-safe.
 */
final class RateLimiter {
  /** Buckets kept before idle (full) ones are dropped, so many distinct callers cannot grow memory without bound. */
  static final int MAX_BUCKETS = 10_000;

  private final double perNano;
  private final double burst;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perSecond tokens added per second, {@code > 0}
   * @param burst bucket capacity, {@code >= 1}
   * @param clock nanosecond time source ({@code System::nanoTime})
   */
  RateLimiter(double perSecond, int burst, LongSupplier clock) {
    this.perNano = Check.positive("rateLimit", perSecond) / 1e9;
    this.burst = Check.atLeast("rateBurst", burst, 1);
    this.clock = clock;
  }

  /**
   * Takes a token for {@code caller}.
   *
   * @return 0 when granted, else the nanoseconds until a token will be available
   */
  long acquire(String caller) {
    if (buckets.size() > MAX_BUCKETS) {
      long now = clock.getAsLong();
      buckets.values().removeIf(b -> b.full(now));
    }
    return buckets.computeIfAbsent(caller, c -> new Bucket(clock.getAsLong())).take(clock.getAsLong());
  }

  private final class Bucket {
    private double tokens = burst;
    private long updated;

    Bucket(long now) {
      this.updated = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perNano);
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      tokens = Math.min(burst, tokens + (now - updated) * perNano);
      updated = now;
    }
  }
}
