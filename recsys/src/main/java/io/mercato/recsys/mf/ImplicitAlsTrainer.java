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
 * Implicit-feedback ALS (Hu, Koren &amp; Volinsky 2008) for top-N recommendation: every user × item cell has a
 * preference (1 where an interaction exists, else 0) and a confidence {@code c = 1 + α·s(v)} of the interaction
 * strength {@code v}; the factors minimise {@code Σ c (pref − x_u·y_i)² + λ(‖x‖² + ‖y‖²)} over all cells.
 *
 * <p>The all-cells sum is never materialised: each row solve uses the shared Gram matrix {@code YᵀY} plus a
 * correction from the row's own interactions. The solve takes a few conjugate-gradient steps warm-started from the
 * previous factors (Takács, Pilászy &amp; Tikk 2011), O(rank² + nnz·rank) per row instead of a rank³ Cholesky.
 * Rows run in parallel on a fixed pool and read only the fixed side, so results do not depend on scheduling.
 */
public final class ImplicitAlsTrainer extends FactorTrainer {

    /** How an interaction strength becomes a confidence. */
    public enum Scaling {
        /** {@code c = 1 + α·v}. */
        LINEAR,
        /** {@code c = 1 + α·ln(1 + v)}, for heavy-tailed counts. */
        LOG
    }

    private final int iterations;
    private final double regularization;
    private final double alpha;
    private final Scaling scaling;
    private final int cgSteps;
    private final int threads;

    private ImplicitAlsTrainer(Builder b) {
        super(b);
        this.iterations = b.iterations;
        this.regularization = b.regularization;
        this.alpha = b.alpha;
        this.scaling = b.scaling;
        this.cgSteps = b.cgSteps;
        this.threads = b.threads;
    }

    /** A builder with the defaults (rank 64, 15 iterations, λ 10, α 1 linear, 3 CG steps, 2 threads). */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name, {@code "implicit-als"}. */
    @Override
    public String algorithm() {
        return "implicit-als";
    }

    /** The fold-in and attribution rule of the trained models (same λ, α and scaling). */
    @Override
    FoldIn foldIn() {
        return FoldIn.implicit(regularization, alpha, scaling == Scaling.LOG);
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("rank", Integer.toString(rank), "iterations", Integer.toString(iterations),
                "regularization", Double.toString(regularization), "alpha", Double.toString(alpha),
                "scaling", scaling.name(), "cgSteps", Integer.toString(cgSteps), "initStdDev", Double.toString(initStdDev),
                "threads", Integer.toString(threads), "seed", Long.toString(seed));
    }

    @Override
    boolean predictsRatings() {
        return false;
    }

    /** Learns the factors of {@code data} (values are interaction strengths ≥ 0). */
    @Override
    LatentFactors factorize(Interactions data) {
        return factorize(data.byUser(), data.byItem());
    }

    /**
     * Learns the factors of a user × item matrix given in both orientations (the scale benchmark builds these
     * without string ids).
     */
    LatentFactors factorize(SparseMatrix interactions, SparseMatrix byItem) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = rank;
        FoldIn rule = foldIn();
        float[] x = Gaussian.matrix(random, interactions.rows(), k, initStdDev);
        float[] y = Gaussian.matrix(random, interactions.cols(), k, initStdDev);
        long start = System.nanoTime();
        listener.onStart(algorithm(), iterations);
        try (RowParallel parallel = new RowParallel(threads)) {
            for (int it = 1; it <= iterations; it++) {
                solveSide(parallel, interactions, x, y, rule);
                solveSide(parallel, byItem, y, x, rule);
                listener.onEpoch(new EpochEvent(it, iterations, observedLoss(interactions, x, y, rule), null, Double.NaN,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        listener.onEnd();
        return new LatentFactors(k, x, y, null, null, 0);
    }

    private void solveSide(RowParallel parallel, SparseMatrix rows, float[] x, float[] y, FoldIn rule) {
        double[] gram = gram(y, rank);
        parallel.forEachRow(rows.rows(), () -> new double[5 * rank], (from, to, w) -> {
            for (int r = from; r < to; r++) {
                cgRow(rows, r, rank, x, y, gram, regularization, rule, cgSteps, w);
            }
        });
    }

    /** {@code YᵀY} (rank × rank, row-major) of a row-major factor matrix. */
    static double[] gram(float[] y, int k) {
        double[] g = new double[k * k];
        int rows = y.length / k;
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            for (int f = 0; f < k; f++) {
                double yf = y[o + f];
                for (int h = 0; h <= f; h++) {
                    g[f * k + h] += yf * y[o + h];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            for (int h = 0; h < f; h++) {
                g[h * k + f] = g[f * k + h];
            }
        }
        return g;
    }

    /**
     * Improves row {@code r}'s factor in place with {@code steps} conjugate-gradient steps on
     * {@code (YᵀY + Yᵀ(C−I)Y + λI) x = YᵀC·1}, confidences from {@code rule}; columns at or beyond
     * {@code y.length / k} are skipped. {@code w} is a workspace of 5·k doubles.
     */
    static void cgRow(SparseMatrix rows, int r, int k, float[] x, float[] y, double[] gram, double lambda,
            FoldIn rule, int steps, double[] w) {
        int xo = r * k;
        int cols = y.length / k;
        // w: [0,k) x, [k,2k) residual, [2k,3k) direction, [3k,4k) A·direction
        for (int f = 0; f < k; f++) {
            w[f] = x[xo + f];
        }
        // residual = b − A x, with b = Σ c_i y_i
        multiply(rows, r, k, y, gram, lambda, rule, w, 0, w, 3 * k);
        for (int f = 0; f < k; f++) {
            w[k + f] = -w[3 * k + f];
        }
        for (int e = rows.start(r); e < rows.end(r); e++) {
            if (rows.index(e) >= cols) {
                continue;
            }
            double c = rule.confidence(rows.value(e));
            int yo = rows.index(e) * k;
            for (int f = 0; f < k; f++) {
                w[k + f] += c * y[yo + f];
            }
        }
        System.arraycopy(w, k, w, 2 * k, k);
        double rsOld = 0;
        for (int f = 0; f < k; f++) {
            rsOld += w[k + f] * w[k + f];
        }
        for (int step = 0; step < steps && rsOld > 1e-20; step++) {
            multiply(rows, r, k, y, gram, lambda, rule, w, 2 * k, w, 3 * k);
            double pAp = 0;
            for (int f = 0; f < k; f++) {
                pAp += w[2 * k + f] * w[3 * k + f];
            }
            double a = rsOld / pAp;
            double rsNew = 0;
            for (int f = 0; f < k; f++) {
                w[f] += a * w[2 * k + f];
                w[k + f] -= a * w[3 * k + f];
                rsNew += w[k + f] * w[k + f];
            }
            double beta = rsNew / rsOld;
            for (int f = 0; f < k; f++) {
                w[2 * k + f] = w[k + f] + beta * w[2 * k + f];
            }
            rsOld = rsNew;
        }
        for (int f = 0; f < k; f++) {
            x[xo + f] = (float) w[f];
        }
    }

    /** out[outAt..] = (YᵀY + λI + Σ_{i∈row} (c_i − 1) y_i y_iᵀ) · v[vAt..]. */
    private static void multiply(SparseMatrix rows, int r, int k, float[] y, double[] gram, double lambda,
            FoldIn rule, double[] v, int vAt, double[] out, int outAt) {
        int cols = y.length / k;
        for (int f = 0; f < k; f++) {
            double s = lambda * v[vAt + f];
            int g = f * k;
            for (int h = 0; h < k; h++) {
                s += gram[g + h] * v[vAt + h];
            }
            out[outAt + f] = s;
        }
        for (int e = rows.start(r); e < rows.end(r); e++) {
            if (rows.index(e) >= cols) {
                continue;
            }
            int yo = rows.index(e) * k;
            double dot = 0;
            for (int f = 0; f < k; f++) {
                dot += y[yo + f] * v[vAt + f];
            }
            dot *= rule.confidence(rows.value(e)) - 1;
            for (int f = 0; f < k; f++) {
                out[outAt + f] += dot * y[yo + f];
            }
        }
    }

    /** Confidence-weighted squared error on the observed cells only (a cheap progress signal). */
    private double observedLoss(SparseMatrix m, float[] x, float[] y, FoldIn rule) {
        double loss = 0;
        for (int u = 0; u < m.rows(); u++) {
            for (int e = m.start(u); e < m.end(u); e++) {
                double err = 1 - LatentFactors.dot(x, u * rank, y, m.index(e) * rank, rank);
                loss += rule.confidence(m.value(e)) * err * err;
            }
        }
        return loss / Math.max(1, m.nnz());
    }

    /** Fluent, validating configuration of {@link ImplicitAlsTrainer}. */
    public static final class Builder extends FactorTrainer.Builder<Builder> {
        private int iterations = 15;
        private double regularization = 10;
        private double alpha = 1;
        private Scaling scaling = Scaling.LINEAR;
        private int cgSteps = 3;
        private int threads = 2;

        private Builder() {
            super(64, 0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Alternations, 1..1000. */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** Ridge weight λ, (0, 1e6]. */
        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        /** Confidence slope α, (0, 1e6]. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** How interaction strengths scale the confidence. */
        public Builder scaling(Scaling scaling) {
            this.scaling = scaling;
            return this;
        }

        /** Conjugate-gradient steps per row solve, 1..100. */
        public Builder cgSteps(int cgSteps) {
            this.cgSteps = cgSteps;
            return this;
        }

        /** Worker threads for the row solves, 1..64; the result does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public ImplicitAlsTrainer build() {
            validateShared();
            Check.inRange("iterations", iterations, 1, 1000);
            Settings.openClosed("regularization", regularization, 0, 1e6);
            Settings.openClosed("alpha", alpha, 0, 1e6);
            Check.notNull("scaling", scaling);
            Check.inRange("cgSteps", cgSteps, 1, 100);
            Check.inRange("threads", threads, 1, 64);
            return new ImplicitAlsTrainer(this);
        }
    }
}
