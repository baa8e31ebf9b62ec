package io.mercato.recsys.mf;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.train.EpochEvent;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Alternating least squares for explicit ratings with user and item biases: {@code r̂ = μ + b_u + b_i + p_u · q_i}.
 *
 * <p>Each half-iteration fixes one side and solves every row's ridge regression exactly (a (rank+1)² Cholesky
 * solve on {@code [p_u, b_u]} against {@code [q_i, 1]}); with weighted-λ regularization (Zhou et al. 2008, as in
 * Spark) a row's penalty grows with its number of ratings. Rows are solved in parallel on a fixed pool; every
 * solve reads only the fixed side, so the factors do not depend on thread scheduling.
 */
public final class AlsTrainer extends FactorTrainer {

    private final int iterations;
    private final double regularization;
    private final boolean weighted;
    private final int threads;

    private AlsTrainer(Builder b) {
        super(b);
        this.iterations = b.iterations;
        this.regularization = b.regularization;
        this.weighted = b.weighted;
        this.threads = b.threads;
    }

    /** A builder with the defaults (rank 30, 10 iterations, λ 0.1 weighted by row count, 2 threads). */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name, {@code "als"}. */
    @Override
    public String algorithm() {
        return "als";
    }

    /** The ridge penalty used when solving a row with {@code count} ratings. */
    double penalty(int count) {
        return weighted ? regularization * Math.max(1, count) : regularization;
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("rank", Integer.toString(rank), "iterations", Integer.toString(iterations),
                "regularization", Double.toString(regularization), "weightedRegularization", Boolean.toString(weighted),
                "initStdDev", Double.toString(initStdDev), "threads", Integer.toString(threads), "seed", Long.toString(seed));
    }

    @Override
    boolean predictsRatings() {
        return true;
    }

    /** New users are folded in by the same ridge solve as training (same λ and weighting). */
    @Override
    FoldIn foldIn() {
        return FoldIn.ridge(regularization, regularization, weighted);
    }

    /** Learns the factors of {@code data}'s values (ratings). */
    @Override
    LatentFactors factorize(Interactions data) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = rank;
        SparseMatrix ratings = data.byUser();
        SparseMatrix byItem = data.byItem();
        float[] p = new float[ratings.rows() * k];
        float[] q = Gaussian.matrix(random, ratings.cols(), k, initStdDev);
        float[] bu = new float[ratings.rows()];
        float[] bi = new float[ratings.cols()];
        float mu = (float) data.globalMean();
        long start = System.nanoTime();
        listener.onStart(algorithm(), iterations);
        try (RowParallel parallel = new RowParallel(threads)) {
            for (int it = 1; it <= iterations; it++) {
                solveSide(parallel, ratings, p, bu, q, bi, mu);
                solveSide(parallel, byItem, q, bi, p, bu, mu);
                listener.onEpoch(new EpochEvent(it, iterations, trainingRmse(ratings, p, q, bu, bi, mu), null, Double.NaN,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        listener.onEnd();
        return new LatentFactors(k, p, q, bu, bi, mu);
    }

    /**
     * Solves {@code [x_r, b_r]} for every row of {@code rows} with the columns' factors {@code y} and biases
     * {@code c} fixed.
     */
    private void solveSide(RowParallel parallel, SparseMatrix rows, float[] x, float[] b, float[] y, float[] c,
            float mu) {
        int d = rank + 1;
        parallel.forEachRow(rows.rows(), () -> new double[d * (d + 1)], (from, to, w) -> {
            for (int r = from; r < to; r++) {
                double lambda = penalty(rows.length(r));
                ridgeRow(rows, r, rank, x, b, y, c, mu, lambda, lambda, w);
            }
        });
    }

    /**
     * One row's exact ridge solve of {@code [x_r, b_r]} against {@code [y_col, 1]} with target
     * {@code value − μ − c_col}, or of {@code x_r} alone against {@code y_col} when {@code b} is null (a model
     * without biases); columns at or beyond {@code c.length} are skipped. {@code w} is a workspace of
     * (rank+1)·(rank+2) doubles.
     */
    static void ridgeRow(SparseMatrix rows, int r, int k, float[] x, float[] b, float[] y, float[] c, double mu,
            double lambda, double biasLambda, double[] w) {
        boolean bias = b != null;
        int d = bias ? k + 1 : k;
        int off = d * d;
        java.util.Arrays.fill(w, 0);
        if (rows.length(r) == 0) {
            java.util.Arrays.fill(x, r * k, (r + 1) * k, 0f);
            if (bias) {
                b[r] = 0;
            }
            return;
        }
        for (int e = rows.start(r); e < rows.end(r); e++) {
            int col = rows.index(e);
            if (col >= c.length) {
                continue;
            }
            int yc = col * k;
            double t = rows.value(e) - mu - c[col];
            for (int f = 0; f < k; f++) {
                double yf = y[yc + f];
                int row = f * d;
                for (int g = 0; g <= f; g++) {
                    w[row + g] += yf * y[yc + g];
                }
                if (bias) {
                    w[k * d + f] += yf;
                }
                w[off + f] += t * yf;
            }
            if (bias) {
                w[k * d + k] += 1;
                w[off + k] += t;
            }
        }
        for (int f = 0; f < d; f++) { // mirror the lower triangle, add the ridge
            for (int g = 0; g < f; g++) {
                w[g * d + f] = w[f * d + g];
            }
            w[f * d + f] += f < k ? lambda : biasLambda;
        }
        double[] rhs = java.util.Arrays.copyOfRange(w, off, off + d);
        Cholesky.solve(w, rhs, d);
        for (int f = 0; f < k; f++) {
            x[r * k + f] = (float) rhs[f];
        }
        if (bias) {
            b[r] = (float) rhs[k];
        }
    }

    private double trainingRmse(SparseMatrix m, float[] p, float[] q, float[] bu, float[] bi, float mu) {
        int k = rank;
        double se = 0;
        for (int u = 0; u < m.rows(); u++) {
            for (int e = m.start(u); e < m.end(u); e++) {
                int i = m.index(e);
                double err = m.value(e) - (mu + bu[u] + bi[i] + LatentFactors.dot(p, u * k, q, i * k, k));
                se += err * err;
            }
        }
        return Math.sqrt(se / Math.max(1, m.nnz()));
    }

    /** Fluent, validating configuration of {@link AlsTrainer}. */
    public static final class Builder extends FactorTrainer.Builder<Builder> {
        private int iterations = 10;
        private double regularization = 0.1;
        private boolean weighted = true;
        private int threads = 2;

        private Builder() {
            super(30, 0.1);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Alternations (a user half and an item half each), 1..1000. */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** Ridge weight λ, (0, 100]. */
        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        /** Whether λ is multiplied by each row's number of ratings (ALS-WR). */
        public Builder weightedRegularization(boolean weighted) {
            this.weighted = weighted;
            return this;
        }

        /** Worker threads for the row solves, 1..64; the result does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public AlsTrainer build() {
            validateShared();
            Check.inRange("iterations", iterations, 1, 1000);
            Settings.openClosed("regularization", regularization, 0, 100);
            Check.inRange("threads", threads, 1, 64);
            return new AlsTrainer(this);
        }
    }
}
