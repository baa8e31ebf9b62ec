package io.mercato.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The model threads' bounded queue: overload is refused at once with 503 and Retry-After. */
class WorkersTest {
  @Test
  void fullQueueIsRefusedWith503AndQueuedWorkFinishes() throws Exception {
    Workers workers = new Workers(1, 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call(workers, () -> {
        running.countDown();
        release.await();
        return "first";
      }));
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> call(workers, () -> "second"));
      for (int i = 0; i < 500 && workers.queued() < 1; i++) {
        Thread.sleep(10);
      }
      assertThat(workers.queued()).isEqualTo(1);

      assertThatThrownBy(() -> workers.call(() -> "third"))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.headers()).containsEntry("Retry-After", "1");
            assertThat(e.getMessage()).contains("1 requests running, 1 waiting");
          });

      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
      assertThat(workers.call(() -> "after")).isEqualTo("after");
    } finally {
      release.countDown();
      workers.shutdown(Duration.ofSeconds(1));
    }
  }

  @Test
  void taskExceptionsArriveUnwrapped() {
    Workers workers = new Workers(1, 1);
    try {
      assertThatThrownBy(() -> workers.call(() -> {
        throw ApiException.badRequest("bad input");
      })).isInstanceOf(ApiException.class).hasMessage("bad input");
    } finally {
      workers.shutdown(Duration.ofSeconds(1));
    }
  }

  private static <T> T call(Workers workers, java.util.concurrent.Callable<T> task) {
    try {
      return workers.call(task);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
