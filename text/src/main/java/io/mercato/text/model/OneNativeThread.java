package io.mercato.text.model;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs the DL4J text networks' training and prediction with ND4J on one native thread. Their
 * operations are small (a minibatch of a few dozen texts, dozens of units, one time step at a time in
 * the RNN), and ND4J's OpenMP threads cost more to wake and spin than they save: on the 2-core
 * machine, sentiment-sentences trains 1.7x (MLP), 1.15x (CNN), 1.65x (attention) and 2.5x (RNN)
 * faster on one thread, with identical results (docs/benchmarks.md).
 *
 * <p>ND4J's thread settings are process-wide: the first caller saves them and sets one thread, the
 * last one to leave restores them, so overlapping calls from several threads are safe. Other ND4J work
 * in the process (a recommender's matrix products, say) runs on one thread meanwhile.
 */
final class OneNativeThread {

  private static int users;
  private static int savedThreads;
  private static int savedMasterThreads;
  private static int savedBlasThreads;

  private OneNativeThread() {
  }

  /** Returns {@code work}'s result, computed with ND4J on one native thread. */
  static <T> T run(Supplier<T> work) {
    enter();
    try {
      return work.get();
    } finally {
      leave();
    }
  }

  /**
   * ND4J's native operations, once its backend is loaded; {@code Nd4j.getEnvironment().setMaxThreads}
   * does not change the OpenMP thread count in 1.0.0-M2.1, {@code setOmpNumThreads} does.
   */
  private static NativeOps nativeOps() {
    Nd4j.getEnvironment();
    return NativeOpsHolder.getInstance().getDeviceNativeOps();
  }

  private static synchronized void enter() {
    if (users++ == 0) {
      savedThreads = nativeOps().ompGetMaxThreads();
      savedMasterThreads = Nd4j.getEnvironment().maxMasterThreads();
      savedBlasThreads = Nd4j.factory().blas().getMaxThreads();
      setThreads(1, 1, 1);
    }
  }

  private static synchronized void leave() {
    if (--users == 0) {
      setThreads(savedThreads, savedMasterThreads, savedBlasThreads);
    }
  }

  private static void setThreads(int threads, int masterThreads, int blasThreads) {
    nativeOps().setOmpNumThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    Nd4j.factory().blas().setMaxThreads(blasThreads);
  }
}
