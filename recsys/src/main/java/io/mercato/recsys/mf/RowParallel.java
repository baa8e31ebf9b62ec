package io.mercato.recsys.mf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent per-row work (one ridge or CG solve per user or item) on a fixed number of threads.
 *
 * <p>Rows are handed out in blocks; each row's result depends only on its own inputs, never on which thread
 * ran it or in what order, so a multi-threaded half-iteration gives bit-identical factors to a sequential one.
 */
final class RowParallel implements AutoCloseable {

    /** Work on the rows {@code [from, to)}; called with a workspace owned by the calling thread. */
    interface Block<W> {
        void run(int from, int to, W workspace);
    }

    private static final int BLOCK = 256;

    private final int threads;
    private final ExecutorService pool;

    RowParallel(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mercato-mf");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Runs {@code block} over {@code [0, rows)}; {@code workspace} makes one workspace per thread. */
    <W> void forEachRow(int rows, java.util.function.Supplier<W> workspace, Block<W> block) {
        if (pool == null || rows <= BLOCK) {
            block.run(0, rows, workspace.get());
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                W w = workspace.get();
                for (int from = next.getAndAdd(BLOCK); from < rows; from = next.getAndAdd(BLOCK)) {
                    block.run(from, Math.min(rows, from + BLOCK), w);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
