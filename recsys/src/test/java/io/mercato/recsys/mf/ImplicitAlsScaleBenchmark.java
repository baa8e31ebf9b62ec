package io.mercato.recsys.mf;

import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.data.Interactions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scale benchmark (a main program, not a test): implicit ALS on a generated data set of 1M users × 100k items with
 * 10 distinct interactions per user (10M in total; item popularity skewed as {@code 100k · r^2.5}, strengths
 * 1 + geometric). Prints seconds per iteration, the heap held by the data and the factors, and the peak heap during
 * training (pools' peak usage, reset after the data is built).
 *
 * Then writes the top 10 of every user (own items excluded) to a temporary CSV file with
 * {@link FactorModel#writeTopN} and prints its time.
 *
 * <p>Usage: {@code ImplicitAlsScaleBenchmark [users] [items] [perUser] [rank] [iterations] [threads] [topN 0|1]};
 * run with e.g. {@code -Xmx2g}.
 */
public final class ImplicitAlsScaleBenchmark {

    private ImplicitAlsScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int perUser = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rank = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        boolean topN = args.length <= 6 || !args[6].equals("0");
        long t0 = System.nanoTime();
        Interactions data = generate(users, items, perUser, 2024);
        System.out.printf("generated %,d interactions (%,d users x %,d items) in %.1f s%n", data.size(),
                data.userCount(), data.itemCount(), (System.nanoTime() - t0) / 1e9);
        System.gc();
        long dataHeap = usedHeap();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ImplicitAlsTrainer trainer = ImplicitAlsTrainer.builder().rank(rank).iterations(iterations).cgSteps(3)
                .regularization(10).alpha(1).threads(threads).seed(1).listener(new TrainingListener() {
                    private double last;

                    @Override
                    public void onEpoch(EpochEvent e) {
                        double now = e.elapsed().toNanos() / 1e9;
                        System.out.printf("iteration %d: %.2f s (loss on observed cells %.4f)%n", e.epoch(), now - last,
                                e.trainLoss());
                        last = now;
                    }
                }).build();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        LatentFactors factors = trainer.factorize(data);
        double secs = (System.nanoTime() - t1) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - cpu) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("rank %d, %d CG steps, %d threads: %.2f s per iteration (%d iterations, %.1f s;"
                + " process CPU %.1f s per iteration; load average at the end %.1f)%n", rank, 3, threads,
                secs / iterations, iterations, secs, cpuSecs / iterations, os.getSystemLoadAverage());
        System.out.printf("heap: data %.0f MB after GC; peak during training %.0f MB (sum of heap pools' peaks);"
                + " factors %.0f MB%n", dataHeap / 1e6, peak / 1e6,
                (factors.users() + factors.items()) * (double) rank * 4 / 1e6);
        if (topN) {
            FactorModel model = new FactorModel(io.mercato.recsys.ModelInfo.timed("implicit-als", Map.of(), t1), data,
                    factors, false, trainer.foldIn(data));
            Path file = Files.createTempFile("top10-", ".csv");
            long t2 = System.nanoTime();
            try (java.io.Writer out = Files.newBufferedWriter(file)) {
                model.writeTopN(out, 10, threads);
            }
            System.out.printf("top 10 of all %,d users streamed to a CSV file: %.1f s (%.0f MB file)%n", data.userCount(),
                    (System.nanoTime() - t2) / 1e9, Files.size(file) / 1e6);
            Files.delete(file);
            checkTopListsAgainstFullScoring(factors, data, 1000);
        }
        String status = Files.readString(Path.of("/proc/self/status"));
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM")) {
                System.out.println("process peak resident set (whole run, incl. data generation): "
                        + line.substring(6).trim());
            }
        }
    }

    /**
     * Recomputes the top 10 of every {@code step}-th user by scoring all items (no norm bound) and prints how many
     * lists agree with the streamed ones: the bounded scan must be exact, not approximate.
     */
    private static void checkTopListsAgainstFullScoring(LatentFactors factors, Interactions data, int step)
            throws java.io.IOException {
        io.mercato.recsys.data.SparseMatrix own = data.byUser();
        int[] checked = new int[2];
        factors.forEachTopN(10, own, 2, (u, items, scores, length) -> {
            if (u % step != 0) {
                return;
            }
            double[] all = factors.scores(u);
            for (int e = own.start(u); e < own.end(u); e++) {
                all[own.index(e)] = Double.NEGATIVE_INFINITY;
            }
            int[] expected = io.mercato.core.linalg.TopK.indices(all, 10);
            checked[0]++;
            if (java.util.Arrays.equals(expected, java.util.Arrays.copyOf(items, length))) {
                checked[1]++;
            }
        });
        System.out.printf("exactness check: %d of %d sampled users' top-10 lists equal full scoring of all items%n",
                checked[1], checked[0]);
    }

    static Interactions generate(int users, int items, int perUser, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Interactions.Builder b = Interactions.builder().duplicatePolicy(Interactions.DuplicatePolicy.SUM);
        int[] chosen = new int[perUser];
        String[] itemIds = new String[items];
        for (int i = 0; i < items; i++) {
            itemIds[i] = Integer.toString(i);
            b.addItem(itemIds[i]);
        }
        for (int u = 0; u < users; u++) {
            String user = Integer.toString(u);
            for (int k = 0; k < perUser; k++) {
                int item;
                boolean repeat;
                do {
                    item = (int) (items * Math.pow(random.nextDouble(), 2.5));
                    repeat = false;
                    for (int x = 0; x < k; x++) {
                        repeat |= chosen[x] == item;
                    }
                } while (repeat);
                chosen[k] = item;
                int strength = 1;
                while (random.nextDouble() < 0.3) {
                    strength++;
                }
                b.add(user, itemIds[item], strength);
            }
        }
        return b.build();
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
}
