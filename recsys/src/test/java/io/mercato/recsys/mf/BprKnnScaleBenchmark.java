package io.mercato.recsys.mf;

import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.knn.Knn;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scale benchmark (a main program, not a test): BPR (a few epochs) and item-kNN model building on the data set of
 * {@link ImplicitAlsScaleBenchmark#generate} (default 1M users × 100k items, 10 interactions per user). For each
 * phase prints wall seconds, process CPU seconds (all threads), the peak heap (sum of the heap pools' peaks, reset
 * before the phase) and the system load average at its end.
 *
 * <p>Usage: {@code BprKnnScaleBenchmark [users] [items] [perUser] [rank] [epochs] [threads] [phases: bpr,knn]};
 * run with e.g. {@code -Xmx4g}.
 */
public final class BprKnnScaleBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private BprKnnScaleBenchmark() {
    }

    /** Runs the benchmark; arguments as in the class javadoc. */
    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int perUser = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rank = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int epochs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        String phases = args.length > 6 ? args[6] : "bpr,knn";
        long t0 = System.nanoTime();
        Interactions data = ImplicitAlsScaleBenchmark.generate(users, items, perUser, 2024);
        System.out.printf("generated %,d interactions (%,d users x %,d items) in %.1f s%n", data.size(),
                data.userCount(), data.itemCount(), (System.nanoTime() - t0) / 1e9);
        if (phases.contains("bpr")) {
            BprTrainer bpr = BprTrainer.builder().rank(rank).epochs(epochs).seed(1).threads(threads)
                    .listener(new TrainingListener() {
                        private double last;

                        @Override
                        public void onEpoch(EpochEvent e) {
                            double now = e.elapsed().toNanos() / 1e9;
                            System.out.printf("  bpr epoch %d: %.2f s (mean -ln sigma %.4f)%n", e.epoch(), now - last,
                                    e.trainLoss());
                            last = now;
                        }
                    }).build();
            measure(String.format("bpr rank %d, %d epochs, %d threads", rank, epochs, threads),
                    () -> bpr.factorize(data));
        }
        if (phases.contains("knn")) {
            Knn knn = Knn.itemBased().threads(threads).build();
            measure(String.format("item-knn (cosine, 200 neighbours kept), %d threads", threads), () -> knn.fit(data));
        }
        for (String line : Files.readString(Path.of("/proc/self/status")).split("\n")) {
            if (line.startsWith("VmHWM")) {
                System.out.println("process peak resident set: " + line.substring(6).trim());
            }
        }
    }

    private static void measure(String name, Runnable phase) {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long cpu = OS.getProcessCpuTime();
        long t = System.nanoTime();
        phase.run();
        double wall = (System.nanoTime() - t) / 1e9;
        double cpuSecs = (OS.getProcessCpuTime() - cpu) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s: wall %.2f s, process CPU %.2f s (%.2f cores), peak heap %.0f MB, load average %.2f%n",
                name, wall, cpuSecs, cpuSecs / wall, peak / 1e6, OS.getSystemLoadAverage());
    }
}
