package io.mercato.recsys.mf;

import io.mercato.recsys.data.SparseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent per-row work (one ridge or CG solve per user or item) on a fixed number of threads.
 *
 * <p>Rows are handed out in blocks (fixed boundaries, taken by the threads in order); each row's result depends only on its own inputs, never on which thread
 * ran it or in what order, so a multi-threaded half-iteration gives bit-identical factors to a sequential one.
 */
final class RowParallel implements AutoCloseable {

    /** Work on the rows {@code [from, to)}; called with a workspace owned by the calling thread. */
    interface Block<W> {
        void run(int from, int to, W workspace);
    }

    /** Work on block number {@code block}, rows {@code [from, to)}; called with the calling thread's workspace. */
    interface NumberedBlock<W> {
        void run(int block, int from, int to, W workspace);
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

    /** Runs {@code block} over {@code [0, rows)} in blocks of 256 rows; one workspace per thread. */
    <W> void forEachRow(int rows, Supplier<W> workspace, Block<W> block) {
        forEachBlock(even(rows, BLOCK), workspace, (b, from, to, w) -> block.run(from, to, w));
    }

    /**
     * Block boundaries {@code 0 = b_0 < b_1 < … = rows} of at most {@code size} rows each (the last may be
     * shorter); they depend only on {@code rows} and {@code size}, so per-block partial results summed in block
     * order do not depend on the thread count.
     */
    static int[] even(int rows, int size) {
        int n = Math.max(1, (rows + size - 1) / size);
        int[] bounds = new int[n + 1];
        for (int b = 1; b <= n; b++) {
            bounds[b] = Math.min(rows, b * size);
        }
        return bounds;
    }

    /**
     * Block boundaries over the rows of {@code m} with about equal work each, a row costing {@code rowCost} plus
     * its number of entries, so that a few very long rows (popular items) do not leave one thread working alone.
     */
    static int[] balanced(SparseMatrix m, int rowCost, int blocks) {
        long total = (long) m.rows() * rowCost + m.nnz();
        long budget = Math.max(1, total / Math.max(1, blocks));
        int[] bounds = new int[Math.min(m.rows(), blocks * 2) + 2];
        int n = 0;
        long acc = 0;
        for (int r = 0; r < m.rows(); r++) {
            acc += rowCost + m.length(r);
            if (acc >= budget && n + 2 < bounds.length) {
                bounds[++n] = r + 1;
                acc = 0;
            }
        }
        if (bounds[n] != m.rows()) {
            bounds[++n] = m.rows();
        }
        return Arrays.copyOf(bounds, n + 1);
    }

    /** Runs {@code block} over the blocks {@code [bounds[b], bounds[b + 1])}, handed out in order to the threads. */
    <W> void forEachBlock(int[] bounds, Supplier<W> workspace, NumberedBlock<W> block) {
        int blocks = bounds.length - 1;
        if (pool == null || blocks <= 1) {
            W w = workspace.get();
            for (int b = 0; b < blocks; b++) {
                block.run(b, bounds[b], bounds[b + 1], w);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                W w = workspace.get();
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    block.run(b, bounds[b], bounds[b + 1], w);
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
