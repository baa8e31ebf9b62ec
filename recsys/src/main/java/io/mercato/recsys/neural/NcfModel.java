package io.mercato.recsys.neural;

import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import io.mercato.recsys.mf.LatentFactors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A trained neural collaborative filtering (GMF) model: the score of user {@code u} for item {@code i} is the
 * probability-like {@code σ(b + b_i + p_u · q_i)} in (0, 1) over the model's {@link LatentFactors}. Scoring many
 * users is one matrix product. Immutable and thread-safe.
 *
 * <p>Saved as state version {@value NcfProvider#VERSION}: {@code ncf.json} (rank, offset) and the float arrays
 * {@code user-factors}, {@code item-factors}, {@code item-bias}. Version 1 files (a DL4J network) are refused with a
 * message asking to retrain.
 */
public final class NcfModel extends AbstractRecommender {

    /** Shape of the saved state. */
    record Header(int rank, double offset) {
    }

    private final LatentFactors factors;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] itemBias;

    /** The arrays are taken over; they are only read afterwards (for saving). */
    NcfModel(ModelInfo info, Interactions data, int rank, float[] userFactors, float[] itemFactors,
            float[] itemBias, double offset) {
        super(info, data);
        this.factors = LatentFactors.of(rank, userFactors, itemFactors, null, itemBias, offset);
        if (factors.users() != data.userCount() || factors.items() != data.itemCount()) {
            throw new IllegalArgumentException("NCF embeddings for " + factors.users() + " x " + factors.items()
                    + " do not match interactions of " + data.userCount() + " x " + data.itemCount());
        }
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemBias = itemBias;
    }

    /** The learned embeddings and biases (the score before the sigmoid). */
    public LatentFactors factors() {
        return factors;
    }

    @Override
    public double[] scores(int user) {
        return sigmoid(factors.scores(user));
    }

    /** One matrix product {@code P[users] · Qᵀ}, plus biases, through the sigmoid. */
    @Override
    public double[][] scores(int[] users) {
        double[][] out = factors.scores(users);
        for (double[] row : out) {
            sigmoid(row);
        }
        return out;
    }

    private static double[] sigmoid(double[] logits) {
        for (int i = 0; i < logits.length; i++) {
            logits[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        return logits;
    }

    /** Cosine similarity of the items' embeddings. */
    @Override
    public double[] itemSimilarities(int item) {
        return factors.itemCosines(item);
    }

    /**
     * The score with the user's own items most similar (embedding cosine) to the item: "because you liked X". The
     * contributions are similarities in [−1, 1], not shares of the score.
     */
    @Override
    public Explanation explain(int user, int item) {
        SparseMatrix byUser = data.byUser();
        double[] similarity = factors.itemCosines(item);
        List<Explanation.Reason> reasons = new ArrayList<>();
        for (int e = byUser.start(user); e < byUser.end(user); e++) {
            int j = byUser.index(e);
            reasons.add(new Explanation.Reason("item", data.items().id(j), similarity[j]));
        }
        reasons.sort(Comparator.comparingDouble(r -> -r.contribution()));
        List<Explanation.Reason> top = reasons.subList(0, Math.min(3, reasons.size()));
        double score = 1 / (1 + Math.exp(-factors.score(user, item)));
        String itemId = data.items().id(item);
        String summary = String.format(Locale.ROOT, "%s scored %.3f", itemId, score)
                + (top.isEmpty() ? "." : ", similar to " + String.join(", ", top.stream().map(Explanation.Reason::label)
                .toList()) + ".");
        return new Explanation(data.users().id(user), itemId, score, summary, top);
    }

    @Override
    public void writeTo(ModelWriter out) {
        out.json("ncf.json", new Header(factors.rank(), factors.offset()));
        out.floats("user-factors", userFactors);
        out.floats("item-factors", itemFactors);
        out.floats("item-bias", itemBias);
    }

    /** Reads a model written by {@link #writeTo}; shapes are checked against the training data. */
    static NcfModel read(ModelReader in, Interactions data, ModelInfo info) {
        if (!in.has("ncf.json")) {
            throw in.corrupt(in.has("network")
                    ? "this NCF model has state version 1 (a DL4J network), which this library no longer reads; "
                            + "train it again"
                    : "NCF model header ncf.json is missing");
        }
        Header h = in.json("ncf.json", Header.class);
        if (h == null || h.rank() <= 0 || !Double.isFinite(h.offset())) {
            throw in.corrupt("NCF model header ncf.json is invalid");
        }
        float[] p = in.floats("user-factors");
        float[] q = in.floats("item-factors");
        float[] b = in.floats("item-bias");
        long users = data.userCount();
        long items = data.itemCount();
        if (p.length != users * h.rank() || q.length != items * h.rank() || b.length != items) {
            throw in.corrupt("NCF arrays (" + p.length + " user, " + q.length + " item factors, " + b.length
                    + " item biases) do not match " + users + " users x " + items + " items at rank " + h.rank());
        }
        return new NcfModel(info, data, h.rank(), p, q, b, h.offset());
    }
}
