package io.mercato.core.bench;

import io.mercato.core.linalg.BatchSimilarity;
import io.mercato.core.linalg.Tensors;
import io.mercato.core.metrics.Similarities;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Benchmark program (not a test; surefire does not run it): prints the cost of the scalar
 * similarities on {@code double[]}, of the batch cosine matrix on ND4J, and of the naive
 * one-INDArray-op-per-pair alternative. Run from the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl core test-compile
 * mvn -B -o -q -pl core dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "core/target/test-classes:core/target/classes:$(cat core/target/cp.txt)" io.mercato.core.bench.SimilarityBenchmark
 * </pre>
 *
 * Expected on a laptop-class CPU: scalar ≤ 100 ns/op at 64-d; the batch matrix at least 100× faster
 * than per-pair INDArray calls. Scalar figures are reported as thread CPU time (robust on a shared,
 * busy machine) and wall clock. A rough guide, not JMH.
 */
public final class SimilarityBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static double sink;

    private SimilarityBenchmark() {
    }

    private interface Pairwise {
        double of(double[] a, double[] b);
    }

    public static void main(String[] args) {
        System.out.println("Mercato core similarity benchmark (" + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        Random rnd = new Random(1);
        for (int dim : new int[] {64, 1024}) {
            double[][] vectors = new double[256][dim];
            for (double[] v : vectors) {
                for (int i = 0; i < dim; i++) {
                    v[i] = rnd.nextGaussian();
                }
            }
            scalar("cosine", dim, vectors, Similarities::cosine);
            scalar("pearson", dim, vectors, Similarities::pearson);
            scalar("euclidean", dim, vectors, Similarities::euclidean);
        }
        batch(rnd);
        System.out.println("(checksum " + sink + ")");
    }

    private static void scalar(String name, int dim, double[][] v, Pairwise f) {
        int ops = dim <= 64 ? 4_000_000 : 400_000;
        run(f, v, ops); // warm-up: JIT compilation
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run(f, v, ops);
            bestWall = Math.min(bestWall, System.nanoTime() - t0);
            bestCpu = Math.min(bestCpu, THREADS.getCurrentThreadCpuTime() - c0);
        }
        System.out.printf(Locale.ROOT, "scalar %-9s %4d-d double[]: %8.1f ns/op CPU time (%.1f ns/op wall clock)%n",
                name, dim, (double) bestCpu / ops, (double) bestWall / ops);
    }

    /** Calls {@code f} on {@code ops} pairs cycling through the 256 vectors (indices precomputed). */
    private static void run(Pairwise f, double[][] v, int ops) {
        double s = 0;
        int mask = v.length - 1; // v.length is a power of two
        for (int i = 0; i < ops; i++) {
            s += f.of(v[i & mask], v[(i * 7 + 3) & mask]);
        }
        sink += s;
    }

    private static void batch(Random rnd) {
        int rows = 2000;
        int dim = 256;
        float[][] a = new float[rows][dim];
        float[][] b = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                a[r][c] = (float) rnd.nextGaussian();
                b[r][c] = (float) rnd.nextGaussian();
            }
        }
        INDArray ma = Tensors.matrix(a);
        INDArray mb = Tensors.matrix(b);
        sink += BatchSimilarity.cosine(ma, mb).getDouble(0, 0); // warm-up incl. native load
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            INDArray s = BatchSimilarity.cosine(ma, mb);
            sink += s.getDouble(rows - 1, rows - 1);
            best = Math.min(best, System.nanoTime() - t0);
        }
        double batchMs = best / 1e6;
        System.out.printf(Locale.ROOT, "batch  cosine matrix %d x %d rows of %d-d float32 (BatchSimilarity): %.1f ms%n",
                rows, rows, dim, batchMs);

        // naive: one INDArray op per pair; rows are extracted beforehand (generous to the naive way)
        INDArray[] ra = new INDArray[rows];
        INDArray[] rb = new INDArray[rows];
        for (int r = 0; r < rows; r++) {
            ra[r] = ma.getRow(r);
            rb[r] = mb.getRow(r);
        }
        int sample = 20_000;
        for (int i = 0; i < 2_000; i++) { // warm-up
            sink += Transforms.cosineSim(ra[i % rows], rb[(i * 31) % rows]);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            sink += Transforms.cosineSim(ra[i % rows], rb[(i * 31 + 7) % rows]);
        }
        double perPairNs = (double) (System.nanoTime() - t0) / sample;
        double naiveMs = perPairNs * rows * (double) rows / 1e6;
        System.out.printf(Locale.ROOT, "naive  cosine, one INDArray op (Transforms.cosineSim) per pair: %.0f ns/pair;"
                + " measured on %d sampled pairs, extrapolated to %d x %d pairs: %.0f ms%n",
                perPairNs, sample, rows, rows, naiveMs);
        System.out.printf(Locale.ROOT, "speed-up of the batch form over per-pair INDArray: %.0fx%n", naiveMs / batchMs);
    }
}
