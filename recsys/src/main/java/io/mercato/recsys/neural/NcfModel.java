package io.mercato.recsys.neural;

import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained neural collaborative filtering model. Scoring every item for a user is one batched network call
 * (the user index repeated against all item indices); batch scoring packs several users into each call.
 *
 * <p>DL4J 1.0.0-M2.1's {@code ComputationGraph.output} is not thread-safe, so every network call holds the
 * network's monitor: the model is safe to share, calls from several threads are serialized. The item embedding
 * matrix is copied out once, at construction, for similarities and explanations.
 */
public final class NcfModel extends AbstractRecommender {

    /** Rows per network call in batch scoring (bounds the activations' memory). */
    private static final int MAX_ROWS = 1 << 18;

    private final ComputationGraph net;
    private final float[][] itemEmbeddings;
    private final float[] allItems;

    NcfModel(ModelInfo info, Interactions data, ComputationGraph net) {
        super(info, data);
        this.net = net;
        this.itemEmbeddings = net.getLayer("item-embedding").getParam("W").toFloatMatrix();
        this.allItems = new float[data.itemCount()];
        for (int i = 0; i < allItems.length; i++) {
            allItems[i] = i;
        }
    }

    /** Probability-like scores in (0, 1) of every item, from one network call. */
    @Override
    public double[] scores(int user) {
        return scores(new int[] {user})[0];
    }

    /** Scores of several users, packing as many users into each network call as fit in {@value #MAX_ROWS} rows. */
    @Override
    public double[][] scores(int[] users) {
        int items = allItems.length;
        double[][] out = new double[users.length][];
        int perCall = Math.max(1, MAX_ROWS / Math.max(1, items));
        for (int from = 0; from < users.length; from += perCall) {
            int count = Math.min(perCall, users.length - from);
            float[] u = new float[count * items];
            float[] i = new float[count * items];
            for (int r = 0; r < count; r++) {
                java.util.Arrays.fill(u, r * items, (r + 1) * items, users[from + r]);
                System.arraycopy(allItems, 0, i, r * items, items);
            }
            float[] s = output(u, i);
            for (int r = 0; r < count; r++) {
                double[] row = new double[items];
                for (int x = 0; x < items; x++) {
                    row[x] = s[r * items + x];
                }
                out[from + r] = row;
            }
        }
        return out;
    }

    private float[] output(float[] users, float[] items) {
        INDArray u = NcfTrainer.column(users);
        INDArray i = NcfTrainer.column(items);
        synchronized (net) {
            return net.output(false, u, i)[0].reshape(users.length).toFloatVector();
        }
    }

    /** Cosine similarity of the items' embeddings. */
    @Override
    public double[] itemSimilarities(int item) {
        double[] out = new double[itemEmbeddings.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = cosine(itemEmbeddings[item], itemEmbeddings[j]);
        }
        return out;
    }

    /**
     * The score with the user's own items most similar (embedding cosine) to the item: "because you liked X". The
     * contributions are similarities in [−1, 1], not shares of the score: a network has no additive decomposition.
     */
    @Override
    public Explanation explain(int user, int item) {
        SparseMatrix byUser = data.byUser();
        List<Explanation.Reason> reasons = new ArrayList<>();
        for (int e = byUser.start(user); e < byUser.end(user); e++) {
            int j = byUser.index(e);
            reasons.add(new Explanation.Reason("item", data.items().id(j), cosine(itemEmbeddings[item], itemEmbeddings[j])));
        }
        reasons.sort(Comparator.comparingDouble(r -> -r.contribution()));
        List<Explanation.Reason> top = reasons.subList(0, Math.min(3, reasons.size()));
        double score = output(new float[] {user}, new float[] {item})[0];
        String itemId = data.items().id(item);
        String summary = String.format(Locale.ROOT, "%s scored %.3f", itemId, score)
                + (top.isEmpty() ? "." : ", similar to " + String.join(", ", top.stream().map(Explanation.Reason::label)
                .toList()) + ".");
        return new Explanation(data.users().id(user), itemId, score, summary, top);
    }

    @Override
    public void writeTo(ModelWriter out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            synchronized (net) {
                ModelSerializer.writeModel(net, bytes, false);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot serialize the NCF network", e);
        }
        byte[] b = bytes.toByteArray();
        out.data("network", o -> o.write(b));
    }

    /** Reads a model written by {@link #writeTo}; the network's shape is checked against the training data. */
    static NcfModel read(ModelReader in, Interactions data, ModelInfo info) {
        ComputationGraph net = in.data("network",
                s -> ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(s.readAllBytes()), false));
        long users = net.getLayer("user-embedding").getParam("W").rows();
        long items = net.getLayer("item-embedding").getParam("W").rows();
        if (users != data.userCount() || items != data.itemCount()) {
            throw in.corrupt("NCF network for " + users + " users x " + items + " items does not match the training data ("
                    + data.userCount() + " x " + data.itemCount() + ")");
        }
        return new NcfModel(info, data, net);
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int f = 0; f < a.length; f++) {
            ab += a[f] * b[f];
            aa += a[f] * a[f];
            bb += b[f] * b[f];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
