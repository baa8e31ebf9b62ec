package io.mercato.recsys.mf;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mercato.recsys.data.SparseMatrix;
import java.util.SplittableRandom;

/**
 * How a factor model solves one user's factors with the item side fixed: the rule used to fold new users in
 * without retraining ({@link FactorModel#update}) and to attribute a score to the user's own items
 * ({@link FactorModel#explain}). Saved with the model as JSON.
 *
 * @param kind how the user is solved
 * @param regularization λ on the factors (ridge, implicit, bpr)
 * @param biasRegularization λ on the user bias (ridge)
 * @param weighted whether λ is multiplied by the user's number of interactions (ALS-WR, as Spark MLlib does)
 * @param confidence how strengths become confidences, with its frozen data statistics (implicit; else null)
 * @param learningRate SGD step (bpr)
 * @param epochs passes over the user's items (bpr)
 * @param seed seed of the negative sampling (bpr)
 * @param withoutBias whether the model has no user bias, so the ridge solve has none (ridge; a file without the
 *                    field has one)
 */
record FoldIn(FoldIn.Kind kind, double regularization, double biasRegularization, boolean weighted,
        Confidence confidence, double learningRate, int epochs, long seed, boolean withoutBias) {

    /** The per-user solve of each family of models. */
    enum Kind {
        /** Explicit ratings: least squares on {@code r − μ − b_i} against {@code [q_i, 1]}. */
        RIDGE,
        /** Hu–Koren–Volinsky confidence-weighted least squares over all items. */
        IMPLICIT,
        /** SGD on the BPR objective with the items fixed. */
        BPR
    }

    /**
     * Reads a saved rule, also in the format before confidence scaling had statistics ({@code alpha} and
     * {@code logScaling} instead of {@code confidence}), so that older implicit-ALS model files still load.
     */
    @JsonCreator
    static FoldIn fromJson(@JsonProperty("kind") Kind kind, @JsonProperty("regularization") double regularization,
            @JsonProperty("biasRegularization") double biasRegularization, @JsonProperty("weighted") boolean weighted,
            @JsonProperty("confidence") Confidence confidence, @JsonProperty("learningRate") double learningRate,
            @JsonProperty("epochs") int epochs, @JsonProperty("seed") long seed,
            @JsonProperty("withoutBias") boolean withoutBias,
            @JsonProperty("alpha") Double legacyAlpha, @JsonProperty("logScaling") Boolean legacyLogScaling) {
        Confidence rule = confidence;
        if (rule == null && kind == Kind.IMPLICIT && legacyAlpha != null) {
            rule = Confidence.plain(Boolean.TRUE.equals(legacyLogScaling) ? ImplicitAlsTrainer.Scaling.LOG1P
                    : ImplicitAlsTrainer.Scaling.LINEAR, legacyAlpha, 1);
        }
        return new FoldIn(kind, regularization, biasRegularization, weighted, rule, learningRate, epochs, seed,
                withoutBias);
    }

    static FoldIn ridge(double regularization, double biasRegularization, boolean weighted) {
        return new FoldIn(Kind.RIDGE, regularization, biasRegularization, weighted, null, 0, 0, 0, false);
    }

    /** The ridge solve of a model without biases: {@code r − μ − b_i} against {@code q_i} alone. */
    static FoldIn ridgeWithoutBias(double regularization, boolean weighted) {
        return new FoldIn(Kind.RIDGE, regularization, 0, weighted, null, 0, 0, 0, true);
    }

    static FoldIn implicit(double regularization, Confidence confidence) {
        return implicit(regularization, false, confidence);
    }

    static FoldIn implicit(double regularization, boolean weighted, Confidence confidence) {
        return new FoldIn(Kind.IMPLICIT, regularization, 0, weighted, confidence, 0, 0, 0, false);
    }

    static FoldIn bpr(double regularization, double learningRate, int epochs, long seed) {
        return new FoldIn(Kind.BPR, regularization, 0, false, null, learningRate, epochs, seed, false);
    }

    /** The confidences of user {@code u}'s entries in {@code byUser} (implicit), in entry order. */
    float[] confidences(SparseMatrix byUser, int u) {
        double length = confidence.needsLength() ? Confidence.length(byUser, u) : 0;
        float[] c = new float[byUser.length(u)];
        for (int e = byUser.start(u); e < byUser.end(u); e++) {
            c[e - byUser.start(u)] = (float) confidence.of(byUser.value(e), length, byUser.index(e));
        }
        return c;
    }

    /** This rule for a model whose item {@code i} was item {@code oldIndex[i]} at training ({@code -1}: new). */
    FoldIn remapItems(int[] oldIndex) {
        return confidence == null ? this
                : new FoldIn(kind, regularization, biasRegularization, weighted, confidence.remapItems(oldIndex),
                        learningRate, epochs, seed, withoutBias);
    }

    /**
     * Solves user {@code u} (a row of {@code byUser}) against the fixed {@code items}, writing its factor to
     * {@code p[u·rank ..]} and its bias to {@code bu[u]}. Items with index ≥ {@code items.items()} are ignored.
     */
    void solve(SparseMatrix byUser, int u, LatentFactors items, float[] p, float[] bu) {
        int k = items.rank();
        switch (kind) {
            case RIDGE -> AlsTrainer.ridgeRow(byUser, u, k, p, withoutBias ? null : bu, items.itemFactorsArray(),
                    items.itemBiasArray(),
                    items.offset(), penalty(regularization, byUser.length(u)), penalty(biasRegularization, byUser.length(u)),
                    new double[(k + 1) * (k + 2)]);
            case IMPLICIT -> {
                java.util.Arrays.fill(p, u * k, (u + 1) * k, 0f);
                ImplicitAlsTrainer.cgRow(byUser, confidences(byUser, u), byUser.start(u), u, k, p,
                        items.itemFactorsArray(), gram(items), (float) penalty(regularization, byUser.length(u)), k,
                        new ImplicitAlsTrainer.CgWorkspace(k));
            }
            case BPR -> BprTrainer.foldInUser(byUser, u, items, p, this);
        }
    }

    private double penalty(double lambda, int count) {
        return weighted ? lambda * Math.max(1, count) : lambda;
    }

    private static float[] gram(LatentFactors items) {
        return ImplicitAlsTrainer.gram(items.itemFactorsArray(), items.rank());
    }

    /**
     * How much each of user {@code u}'s own items contributes to the latent part of the user's score for item
     * {@code i}, by writing the user's factor as the solution of its regularized least-squares system
     * {@code x_u = A⁻¹ Σ_j w_j y_j} (Hu, Koren &amp; Volinsky 2008, §5): item {@code j} contributes
     * {@code w_j · y_iᵀ A⁻¹ y_j}. Exact when the user's factor is that solution (a folded-in implicit user; close
     * after implicit ALS training); an approximation otherwise (explicit models leave the bias dimension out, SGD
     * factors are not a ridge solution). Aligned with {@code byUser}'s row of {@code u}.
     */
    double[] attribution(SparseMatrix byUser, int u, LatentFactors items, int i) {
        int k = items.rank();
        float[] y = items.itemFactorsArray();
        int from = byUser.start(u);
        int n = byUser.length(u);
        double[] a = new double[k * k];
        boolean implicit = kind != Kind.RIDGE;
        float[] confidences = kind == Kind.IMPLICIT ? confidences(byUser, u) : null;
        if (implicit) {
            float[] g = gram(items);
            for (int c = 0; c < a.length; c++) {
                a[c] = g[c];
            }
        }
        double lambda = penalty(regularization, n);
        for (int e = from; e < from + n; e++) {
            int yo = byUser.index(e) * k;
            double c = implicit ? weight(confidences, e - from, byUser.value(e)) - 1 : 1;
            for (int f = 0; f < k; f++) {
                for (int g = 0; g < k; g++) {
                    a[f * k + g] += c * y[yo + f] * y[yo + g];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        double[] z = new double[k];
        for (int f = 0; f < k; f++) {
            z[f] = y[i * k + f];
        }
        Cholesky.solve(a, z, k);
        double[] out = new double[n];
        for (int e = from; e < from + n; e++) {
            int j = byUser.index(e);
            double w = implicit ? weight(confidences, e - from, byUser.value(e))
                    : byUser.value(e) - items.offset() - items.itemBias(j);
            out[e - from] = w * LatentFactors.dot(y, j * k, toFloat(z), 0, k);
        }
        return out;
    }

    /** The implicit confidence of the row's entry {@code at}, or {@code 1 + v} (BPR, attributed like implicit). */
    private static double weight(float[] confidences, int at, float v) {
        return confidences != null ? confidences[at] : 1 + v;
    }

    private static float[] toFloat(double[] z) {
        float[] f = new float[z.length];
        for (int x = 0; x < z.length; x++) {
            f[x] = (float) z[x];
        }
        return f;
    }

    /** A generator for the seeded parts of a fold-in, distinct per user. */
    SplittableRandom random(int u) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + u);
    }
}
