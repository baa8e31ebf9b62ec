package io.mercato.examples.serve;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the models: a fixed number of them behind a bounded queue. When every
 * thread is busy and the queue is full a request is refused at once with 503 and
 * {@code Retry-After} instead of waiting without bound, so an overload shows up as fast refusals
 * rather than as timeouts piling up. Only model work runs here; reading requests and writing
 * answers (and waiting for slow clients) happens on the server's connection threads.
 */
final class Workers {
  private final ThreadPoolExecutor pool;
  private final int queue;

  /**
   * @param threads model threads, {@code >= 1}
   * @param queue requests that may wait for a thread, {@code >= 1}
   */
  Workers(int threads, int queue) {
    this.queue = queue;
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue), daemonThreads("mercato-model-"), new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Runs {@code task} on a model thread and waits for its result.
   *
   * @throws ApiException 503 when every thread is busy and the queue is full
   * @throws Exception whatever the task threw, unwrapped
   */
  <T> T call(Callable<T> task) throws Exception {
    Future<T> result;
    try {
      result = pool.submit(task);
    } catch (RejectedExecutionException e) {
      throw new ApiException(503, "the service is overloaded (" + pool.getMaximumPoolSize()
          + " requests running, " + queue + " waiting); retry later").withHeader("Retry-After", "1");
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw (Error) e.getCause();
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /** Requests waiting for a model thread right now. */
  int queued() {
    return pool.getQueue().size();
  }

  /** Lets queued and running tasks finish for up to {@code timeout}, then interrupts them. */
  void shutdown(Duration timeout) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Named daemon threads (a stuck request never keeps the JVM alive). */
  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger id = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + id.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
