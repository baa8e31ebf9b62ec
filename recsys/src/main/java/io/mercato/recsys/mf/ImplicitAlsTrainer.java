package io.mercato.recsys.mf;

import static io.mercato.core.linalg.FloatKernels.addTransposedTimes;
import static io.mercato.core.linalg.FloatKernels.axpy;
import static io.mercato.core.linalg.FloatKernels.dot;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.FloatKernels;
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

    /** How an interaction strength becomes a confidence (formulas in {@link #builder()}'s setters). */
    public enum Scaling {
        /** {@code c = 1 + α·v}. */
        LINEAR,
        /** {@code c = 1 + α·ln(1 + v/ε)}, for heavy-tailed counts. */
        LOG1P,
        /** {@code c = 1 + α·bm25(v)}: saturating in the strength, normalised by the user's total, times item idf. */
        BM25,
        /** {@code c = 1 + α·√v·idf}. */
        TFIDF
    }

    /** Gram-matrix rows summed in {@code float} before they are added to the {@code double} total. */
    private static final int GRAM_RUN = 64;
    /** Rows per block of the Gram matrix; fixed so that the sum does not depend on the thread count. */
    private static final int GRAM_BLOCK = 16_384;

    private final int iterations;
    private final double regularization;
    private final double alpha;
    private final Scaling scaling;
    private final double epsilon;
    private final double k1;
    private final double b;
    private final int cgSteps;
    private final int threads;

    private ImplicitAlsTrainer(Builder b) {
        super(b);
        this.iterations = b.iterations;
        this.regularization = b.regularization;
        this.alpha = b.alpha;
        this.scaling = b.scaling;
        this.epsilon = b.epsilon;
        this.k1 = b.k1;
        this.b = b.b;
        this.cgSteps = b.cgSteps;
        this.threads = b.threads;
    }

    /**
     * A builder with the defaults (rank 64, 15 iterations, λ 10, α 1, linear confidence, ε 1, BM25 K1 100 and
     * B 0.8, 3 CG steps, 2 threads).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name, {@code "implicit-als"}. */
    @Override
    public String algorithm() {
        return "implicit-als";
    }

    /** The fold-in rule without data statistics (the trained model's rule has them: {@link #fit}). */
    @Override
    FoldIn foldIn() {
        return FoldIn.implicit(regularization, confidence(null));
    }

    @Override
    FoldIn foldIn(Interactions data) {
        return FoldIn.implicit(regularization, confidence(data.byUser()));
    }

    /** The confidence rule, with the statistics of {@code byUser} when the scaling needs them. */
    Confidence confidence(SparseMatrix byUser) {
        return byUser == null ? Confidence.plain(scaling, alpha, epsilon)
                : Confidence.fit(scaling, alpha, epsilon, k1, b, byUser);
    }

    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("rank", Integer.toString(rank));
        h.put("iterations", Integer.toString(iterations));
        h.put("regularization", Double.toString(regularization));
        h.put("alpha", Double.toString(alpha));
        h.put("scaling", scaling.name());
        h.put("epsilon", Double.toString(epsilon));
        h.put("k1", Double.toString(k1));
        h.put("b", Double.toString(b));
        h.put("cgSteps", Integer.toString(cgSteps));
        h.put("initStdDev", Double.toString(initStdDev));
        h.put("threads", Integer.toString(threads));
        h.put("seed", Long.toString(seed));
        return h;
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
    LatentFactors factorize(SparseMatrix byUser, SparseMatrix byItem) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = rank;
        Confidence rule = confidence(byUser);
        float[] userConfidence = rule.ofUsers(byUser);
        float[] itemConfidence = rule.ofItems(byItem, byUser);
        float[] x = Gaussian.matrix(random, byUser.rows(), k, initStdDev);
        float[] y = Gaussian.matrix(random, byItem.rows(), k, initStdDev);
        long start = System.nanoTime();
        listener.onStart(algorithm(), iterations);
        try (RowParallel parallel = new RowParallel(threads)) {
            int blocks = 64 * threads;
            int[] userBlocks = RowParallel.balanced(byUser, k / 2, blocks);
            int[] itemBlocks = RowParallel.balanced(byItem, k / 2, blocks);
            for (int it = 1; it <= iterations; it++) {
                solveSide(parallel, userBlocks, byUser, userConfidence, x, y);
                solveSide(parallel, itemBlocks, byItem, itemConfidence, y, x);
                listener.onEpoch(new EpochEvent(it, iterations,
                        observedLoss(parallel, userBlocks, byUser, userConfidence, x, y), null, Double.NaN,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        listener.onEnd();
        return new LatentFactors(k, x, y, null, null, 0);
    }

    private void solveSide(RowParallel parallel, int[] bounds, SparseMatrix rows, float[] confidence, float[] x,
            float[] y) {
        float[] gram = gram(parallel, y, rank);
        float lambda = (float) regularization;
        parallel.forEachBlock(bounds, () -> new CgWorkspace(rank), (block, from, to, w) -> {
            for (int r = from; r < to; r++) {
                cgRow(rows, confidence, 0, r, rank, x, y, gram, lambda, cgSteps, w);
            }
        });
    }

    /** {@code YᵀY} (rank × rank, row-major) of a row-major factor matrix, on one thread. */
    static float[] gram(float[] y, int k) {
        try (RowParallel one = new RowParallel(1)) {
            return gram(one, y, k);
        }
    }

    /**
     * {@code YᵀY} of a row-major factor matrix: fixed blocks of rows in parallel, each summed in runs of
     * {@value #GRAM_RUN} rows in {@code float} and the runs in {@code double}; blocks added in order.
     */
    static float[] gram(RowParallel parallel, float[] y, int k) {
        int rows = y.length / k;
        int[] bounds = RowParallel.even(rows, GRAM_BLOCK);
        double[][] partial = new double[bounds.length - 1][];
        parallel.forEachBlock(bounds, () -> new float[k * k + GRAM_RUN], (block, from, to, run) -> {
            double[] g = new double[k * k];
            for (int r0 = from; r0 < to; r0 += GRAM_RUN) {
                java.util.Arrays.fill(run, 0, k * k, 0f);
                int r1 = Math.min(to, r0 + GRAM_RUN);
                for (int f = 0; f < k; f++) {
                    // column f of the run, then row f of the run's Gram: Σ_r y[r][f] · y[r]
                    for (int r = r0; r < r1; r++) {
                        run[k * k + r - r0] = y[r * k + f];
                    }
                    addTransposedTimes(y, r0 * k, r1 - r0, k, run, k * k, run, f * k);
                }
                for (int c = 0; c < g.length; c++) {
                    g[c] += run[c];
                }
            }
            partial[block] = g;
        });
        double[] total = new double[k * k];
        for (double[] g : partial) {
            for (int c = 0; c < total.length; c++) {
                total[c] += g[c];
            }
        }
        float[] out = new float[k * k];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) total[c];
        }
        return out;
    }

    /**
     * A thread's scratch for {@link #cgRow}: the solver's four k-vectors, and the factors and confidences of the row's
     * entries gathered into contiguous arrays (grown to the longest row seen), so that the conjugate-gradient steps
     * stream through them instead of reading scattered rows of the fixed side (for a popular item, hundreds of
     * thousands of user rows that no cache holds) once per step.
     */
    static final class CgWorkspace {
        private final int k;
        private final float[] vectors;
        private float[] rows;
        private float[] weights;
        private float[] terms;

        CgWorkspace(int k) {
            this.k = k;
            this.vectors = new float[4 * k];
            this.rows = new float[16 * k];
            this.weights = new float[16];
            this.terms = new float[16];
        }

        private void ensure(int entries) {
            if (weights.length < entries) {
                int n = Math.max(entries, 2 * weights.length);
                rows = new float[n * k];
                weights = new float[n];
                terms = new float[n];
            }
        }
    }

    /**
     * Improves row {@code r}'s factor in place with {@code steps} conjugate-gradient steps on
     * {@code (YᵀY + Yᵀ(C−I)Y + λI) x = YᵀC·1} (Hu, Koren &amp; Volinsky; CG as in Takács et al. and the implicit
     * library), warm-started from the current {@code x}. Entry {@code e} of the row has confidence
     * {@code confidence[e − shift]}; columns at or beyond {@code y.length / k} are skipped. The row's factors are
     * read from {@code y} once, in the first pass, and gathered into {@code ws}.
     */
    static void cgRow(SparseMatrix rows, float[] confidence, int shift, int r, int k, float[] x, float[] y,
            float[] gram, float lambda, int steps, CgWorkspace ws) {
        int xo = r * k;
        int cols = y.length / k;
        float[] w = ws.vectors;
        int res = k;
        int dir = 2 * k;
        int ad = 3 * k;
        System.arraycopy(x, xo, w, 0, k);
        // residual = b − A x = Σ_i (c_i − (c_i − 1) y_i·x) y_i − (YᵀY + λI) x, in one pass over the row
        gramTimes(gram, lambda, w, 0, w, res, k);
        for (int f = 0; f < k; f++) {
            w[res + f] = -w[res + f];
        }
        int from = rows.start(r);
        int to = rows.end(r);
        ws.ensure(to - from);
        float[] g = ws.rows;
        float[] cm1 = ws.weights;
        float[] t = ws.terms;
        int n = 0;
        for (int e = from; e < to; e++) {
            int j = rows.index(e);
            if (j < cols) {
                float c = confidence[e - shift];
                int go = n * k;
                System.arraycopy(y, j * k, g, go, k);
                t[n] = c;
                cm1[n++] = c - 1;
            }
        }
        // the dots in a second pass, so that the gather's cache misses overlap instead of each waiting for a dot
        for (int i = 0, go = 0; i < n; i++, go += k) {
            t[i] -= cm1[i] * dot(g, go, w, 0, k);
        }
        addTransposedTimes(g, 0, n, k, t, 0, w, res);
        System.arraycopy(w, res, w, dir, k);
        float rsOld = dot(w, res, w, res, k);
        for (int step = 0; step < steps && rsOld > 1e-20f; step++) {
            gramTimes(gram, lambda, w, dir, w, ad, k);
            for (int i = 0, go = 0; i < n; i++, go += k) {
                t[i] = cm1[i] * dot(g, go, w, dir, k);
            }
            addTransposedTimes(g, 0, n, k, t, 0, w, ad);
            float a = rsOld / dot(w, dir, w, ad, k);
            axpy(a, w, dir, w, 0, k);
            axpy(-a, w, ad, w, res, k);
            float rsNew = dot(w, res, w, res, k);
            float beta = rsNew / rsOld;
            for (int f = 0; f < k; f++) {
                w[dir + f] = w[res + f] + beta * w[dir + f];
            }
            rsOld = rsNew;
        }
        System.arraycopy(w, 0, x, xo, k);
    }

    /**
     * {@code out[outAt..] = (G + λI) · v[vAt..]} for the symmetric {@code G}: {@code λv} plus {@code Gᵀv} by
     * {@link FloatKernels#addTransposedTimes} (row {@code h} of {@code G} weighted by {@code v[h]}).
     */
    private static void gramTimes(float[] gram, float lambda, float[] v, int vAt, float[] out, int outAt, int k) {
        for (int f = 0; f < k; f++) {
            out[outAt + f] = lambda * v[vAt + f];
        }
        addTransposedTimes(gram, 0, k, k, v, vAt, out, outAt);
    }

    /** Confidence-weighted squared error on the observed cells only (a cheap progress signal). */
    private double observedLoss(RowParallel parallel, int[] bounds, SparseMatrix m, float[] confidence, float[] x,
            float[] y) {
        double[] partial = new double[bounds.length - 1];
        parallel.forEachBlock(bounds, () -> null, (block, from, to, unused) -> {
            double loss = 0;
            for (int u = from; u < to; u++) {
                for (int e = m.start(u); e < m.end(u); e++) {
                    double err = 1 - dot(x, u * rank, y, m.index(e) * rank, rank);
                    loss += confidence[e] * err * err;
                }
            }
            partial[block] = loss;
        });
        double loss = 0;
        for (double p : partial) {
            loss += p;
        }
        return loss / Math.max(1, m.nnz());
    }

    /** Fluent, validating configuration of {@link ImplicitAlsTrainer}. */
    public static final class Builder extends FactorTrainer.Builder<Builder> {
        private int iterations = 15;
        private double regularization = 10;
        private double alpha = 1;
        private Scaling scaling = Scaling.LINEAR;
        private double epsilon = 1;
        private double k1 = 100;
        private double b = 0.8;
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

        /**
         * How interaction strengths {@code v} become confidences {@code c = 1 + α·w}: {@code LINEAR} {@code w = v};
         * {@code LOG1P} {@code w = ln(1 + v/ε)}; {@code BM25} and {@code TFIDF} as the implicit library's
         * {@code bm25_weight} and {@code tfidf_weight} with users as documents (see {@link Confidence}).
         */
        public Builder scaling(Scaling scaling) {
            this.scaling = scaling;
            return this;
        }

        /** ε of {@code LOG1P} (the strength that counts as one), (0, 1e6]. */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** K1 of {@code BM25} (how slowly repeated interactions saturate), (0, 1e6]. */
        public Builder k1(double k1) {
            this.k1 = k1;
            return this;
        }

        /** B of {@code BM25} (how much a user's total strength normalises the weight), [0, 1]. */
        public Builder b(double b) {
            this.b = b;
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
            Settings.openClosed("epsilon", epsilon, 0, 1e6);
            Settings.openClosed("k1", k1, 0, 1e6);
            Check.inRange("b", b, 0, 1);
            Check.inRange("cgSteps", cgSteps, 1, 100);
            Check.inRange("threads", threads, 1, 64);
            return new ImplicitAlsTrainer(this);
        }
    }
}
