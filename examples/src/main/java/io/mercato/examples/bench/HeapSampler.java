package io.mercato.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of a stretch of work: a daemon thread samples the used Java heap every few milliseconds
 * (after a GC at the start, so the figure is "heap in use at the worst moment", data set included), and
 * the process's peak resident set (Linux {@code VmHWM}, reset at the start through
 * {@code /proc/self/clear_refs} where allowed) covers off-heap memory such as ND4J buffers.
 */
final class HeapSampler implements AutoCloseable {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final Thread thread;
  private final boolean rssReset;
  private volatile boolean running = true;
  private volatile long peakHeap;

  private HeapSampler(int intervalMillis) {
    System.gc();
    peakHeap = MEMORY.getHeapMemoryUsage().getUsed();
    rssReset = resetPeakRss();
    thread = new Thread(() -> {
      while (running) {
        peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts sampling every {@code intervalMillis} ms. */
  static HeapSampler start(int intervalMillis) {
    return new HeapSampler(intervalMillis);
  }

  /** Peak sampled used heap so far, in MiB. */
  double peakHeapMiB() {
    peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
    return peakHeap / (1024.0 * 1024.0);
  }

  /**
   * Peak resident set size of the process in MiB since the start of this sampler (since the start of the
   * process when the kernel refused the reset), or NaN where {@code /proc} is unavailable.
   */
  double peakRssMiB() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /** Whether {@link #peakRssMiB()} covers only this sampler's stretch of work. */
  boolean rssWasReset() {
    return rssReset;
  }

  private static boolean resetPeakRss() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
