package io.mercato.recsys.mf;

import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A trained latent-factor recommender (biased MF, SVD++, ALS, implicit ALS, BPR): scores are
 * {@code μ + b_u + b_i + p_u · q_i} over the model's {@link LatentFactors}.
 *
 * <p>Batch scoring is one matrix product; {@link #update} folds new users (or new interactions of known users)
 * in by solving their factors with the item factors fixed; {@link #explain} names the user's own items that
 * produced the score ("because you liked X") plus the biases and the strongest latent dimensions. Immutable and
 * thread-safe.
 */
public final class FactorModel extends AbstractRecommender {

    /** Shape and kind of the saved factors. */
    record Header(int rank, double offset, boolean predictsRatings, boolean hasBiases) {
    }

    private final LatentFactors factors;
    private final boolean ratings;
    private final FoldIn foldIn;

    FactorModel(ModelInfo info, Interactions data, LatentFactors factors, boolean ratings, FoldIn foldIn) {
        super(info, data);
        if (factors.users() != data.userCount() || factors.items() != data.itemCount()) {
            throw new IllegalArgumentException("factors for " + factors.users() + " x " + factors.items()
                    + " do not match interactions of " + data.userCount() + " x " + data.itemCount());
        }
        this.factors = factors;
        this.ratings = ratings;
        this.foldIn = foldIn;
    }

    /**
     * A model of implicit-feedback factors learned elsewhere (by Spark MLlib's ALS, say), so that training can scale
     * out while serving stays embedded: scores are {@code x_u · y_i}; fold-in and explanations solve a user as
     * Hu–Koren–Volinsky ALS does, with confidence {@code 1 + α·v} and penalty {@code λ}, or {@code λ·n_u} when
     * {@code regularizationPerInteraction} (Spark's ALS-WR weighting).
     *
     * @param userFactors row-major, user {@code u} (index in {@code data.users()}) at {@code u·rank}
     * @param itemFactors row-major, item {@code i} (index in {@code data.items()}) at {@code i·rank}
     * @throws IllegalArgumentException if the arrays do not match {@code data} at {@code rank}
     */
    public static FactorModel ofImplicitFactors(ModelInfo info, Interactions data, int rank, float[] userFactors,
            float[] itemFactors, double regularization, boolean regularizationPerInteraction, double alpha) {
        LatentFactors factors = new LatentFactors(rank, userFactors, itemFactors, null, null, 0);
        return new FactorModel(info, data, factors, false,
                FoldIn.implicit(regularization, regularizationPerInteraction,
                        Confidence.plain(ImplicitAlsTrainer.Scaling.LINEAR, alpha, 1)));
    }

    /**
     * A model of explicit-rating factors learned elsewhere without biases (Spark MLlib's explicit ALS): predictions
     * are {@code p_u · q_i}; new users are folded in by the same ridge solve without a bias term, with
     * {@code λ·n_u} when {@code regularizationPerInteraction} (the biases are kept as zeros).
     *
     * @throws IllegalArgumentException if the arrays do not match {@code data} at {@code rank}
     */
    public static FactorModel ofRatingFactors(ModelInfo info, Interactions data, int rank, float[] userFactors,
            float[] itemFactors, double regularization, boolean regularizationPerInteraction) {
        if (rank <= 0) {
            throw new IllegalArgumentException("rank must be at least 1, not " + rank);
        }
        LatentFactors factors = new LatentFactors(rank, userFactors, itemFactors, new float[data.userCount()],
                new float[itemFactors.length / rank], 0);
        return new FactorModel(info, data, factors, true,
                FoldIn.ridgeWithoutBias(regularization, regularizationPerInteraction));
    }

    /** The learned parameters. */
    public LatentFactors factors() {
        return factors;
    }

    @Override
    public double[] scores(int user) {
        return factors.scores(user);
    }

    /** One matrix product {@code P[users] · Qᵀ} plus biases. */
    @Override
    public double[][] scores(int[] users) {
        return factors.scores(users);
    }

    @Override
    public boolean predictsRatings() {
        return ratings;
    }

    /** The predicted rating, clipped to the range of the training ratings. */
    @Override
    public double predict(int user, int item) {
        if (!ratings) {
            return super.predict(user, item);
        }
        return Math.max(data.minValue(), Math.min(data.maxValue(), factors.score(user, item)));
    }

    /** Cosine similarity of the item factor vectors. */
    @Override
    public double[] itemSimilarities(int item) {
        return factors.itemCosines(item);
    }

    /**
     * The score split into the biases, the user's own items that contributed most to the latent part (see
     * {@link FoldIn#attribution}) and the three strongest latent dimensions.
     */
    @Override
    public Explanation explain(int user, int item) {
        List<Explanation.Reason> reasons = new ArrayList<>();
        if (factors.hasBiases()) {
            reasons.add(new Explanation.Reason("bias", "global mean", factors.offset()));
            reasons.add(new Explanation.Reason("bias", "user bias", factors.userBias(user)));
            reasons.add(new Explanation.Reason("bias", "item bias", factors.itemBias(item)));
        }
        SparseMatrix byUser = data.byUser();
        List<Explanation.Reason> items = new ArrayList<>();
        if (byUser.length(user) > 0) {
            double[] share = foldIn.attribution(byUser, user, factors, item);
            for (int e = 0; e < share.length; e++) {
                items.add(new Explanation.Reason("item", data.items().id(byUser.index(byUser.start(user) + e)), share[e]));
            }
            items.sort(Comparator.comparingDouble(r -> -r.contribution()));
        }
        List<Explanation.Reason> topItems = items.subList(0, Math.min(3, items.size()));
        reasons.addAll(topItems);
        double[] latent = factors.contributions(user, item);
        List<Explanation.Reason> dims = new ArrayList<>();
        for (int f = 0; f < latent.length; f++) {
            dims.add(new Explanation.Reason("factor", "factor " + f, latent[f]));
        }
        dims.sort(Comparator.comparingDouble(r -> -Math.abs(r.contribution())));
        reasons.addAll(dims.subList(0, Math.min(3, dims.size())));
        double score = ratings ? predict(user, item) : factors.score(user, item);
        String summary = summary(data.items().id(item), score, topItems);
        return new Explanation(data.users().id(user), data.items().id(item), score, summary, reasons);
    }

    private String summary(String item, double score, List<Explanation.Reason> topItems) {
        String what = ratings ? String.format(Locale.ROOT, "Predicted rating %.2f for %s", score, item)
                : String.format(Locale.ROOT, "%s scored %.3f", item, score);
        List<String> liked = topItems.stream().filter(r -> r.contribution() > 0).map(Explanation.Reason::label).toList();
        return liked.isEmpty() ? what + "." : what + ", mostly because of " + String.join(", ", liked) + ".";
    }

    /**
     * Folds {@code additional} in without retraining: the returned model's data is the union (a repeated pair takes
     * the new value), item factors are unchanged, every user with new interactions gets factors (and bias) solved
     * with the items fixed by this model's fold-in rule, the others keep theirs. Items the model never saw get zero
     * factors (a neutral score) until the next full training.
     */
    @Override
    public FactorModel update(Interactions additional) {
        Interactions merged = data.plus(additional, Interactions.DuplicatePolicy.LAST);
        int k = factors.rank();
        int users = merged.userCount();
        int items = merged.itemCount();
        float[] q = new float[items * k];
        float[] bi = factors.hasBiases() ? new float[items] : null;
        int[] oldItem = new int[items];
        for (int i = 0; i < items; i++) {
            int old = data.items().index(merged.items().id(i));
            oldItem[i] = old;
            if (old >= 0) {
                System.arraycopy(factors.itemFactorsArray(), old * k, q, i * k, k);
                if (bi != null) {
                    bi[i] = factors.itemBiasArray()[old];
                }
            }
        }
        LatentFactors fixedItems = new LatentFactors(k, new float[0], q, null, bi, factors.offset());
        float[] p = new float[users * k];
        float[] bu = factors.hasBiases() ? new float[users] : null;
        float[] scratchBias = new float[users];
        SparseMatrix byUser = merged.byUser();
        FoldIn rule = foldIn.remapItems(oldItem);
        for (int u = 0; u < users; u++) {
            String id = merged.users().id(u);
            int old = data.users().index(id);
            if (old >= 0 && !additional.users().contains(id)) {
                System.arraycopy(factors.userFactorsArray(), old * k, p, u * k, k);
                scratchBias[u] = (float) factors.userBias(old);
            } else {
                rule.solve(byUser, u, fixedItems, p, scratchBias);
            }
        }
        if (bu != null) {
            System.arraycopy(scratchBias, 0, bu, 0, users);
        }
        LatentFactors updated = new LatentFactors(k, p, q, bu, bi, factors.offset());
        return new FactorModel(info, merged, updated, ratings, rule);
    }

    /**
     * Writes the top {@code n} items of every training user (their own items excluded) as CSV
     * {@code user,item,rank,score} to {@code out}, streamed block by block ({@link LatentFactors#forEachTopN}), so
     * that memory does not grow with the number of users.
     */
    public void writeTopN(java.io.Writer out, int n, int threads) throws java.io.IOException {
        out.write("user,item,rank,score\n");
        StringBuilder line = new StringBuilder();
        factors.forEachTopN(n, data.byUser(), threads, (u, items, scores, length) -> {
            String user = csv(data.users().id(u));
            for (int r = 0; r < length; r++) {
                line.setLength(0);
                line.append(user).append(',').append(csv(data.items().id(items[r]))).append(',').append(r + 1).append(',')
                        .append(scores[r]).append('\n');
                out.append(line);
            }
        });
    }

    private static String csv(String id) {
        return id.indexOf(',') < 0 && id.indexOf('"') < 0 && id.indexOf('\n') < 0 ? id
                : '"' + id.replace("\"", "\"\"") + '"';
    }

    @Override
    public void writeTo(ModelWriter out) {
        out.json("factors.json", new Header(factors.rank(), factors.offset(), ratings, factors.hasBiases()));
        out.json("foldin.json", foldIn);
        out.floats("user-factors", factors.userFactorsArray());
        out.floats("item-factors", factors.itemFactorsArray());
        if (factors.hasBiases()) {
            out.floats("user-bias", factors.userBiasArray());
            out.floats("item-bias", factors.itemBiasArray());
        }
    }

    /** Reads a model written by {@link #writeTo}; shapes are checked against the training data. */
    static FactorModel read(ModelReader in, Interactions data, ModelInfo info) {
        Header h = in.json("factors.json", Header.class);
        FoldIn rule = in.json("foldin.json", FoldIn.class);
        if (h == null || rule == null || h.rank() <= 0) {
            throw in.corrupt("factor model header is missing or invalid");
        }
        float[] p = in.floats("user-factors");
        float[] q = in.floats("item-factors");
        float[] bu = h.hasBiases() ? in.floats("user-bias") : null;
        float[] bi = h.hasBiases() ? in.floats("item-bias") : null;
        long users = data.userCount();
        long items = data.itemCount();
        if (p.length != users * h.rank() || q.length != items * h.rank()
                || bu != null && (bu.length != users || bi.length != items)) {
            throw in.corrupt("factor arrays do not match " + users + " users x " + items + " items at rank " + h.rank());
        }
        return new FactorModel(info, data, new LatentFactors(h.rank(), p, q, bu, bi, h.offset()), h.predictsRatings(),
                rule);
    }
}
