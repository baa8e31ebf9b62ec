package io.mercato.recsys;

import io.mercato.core.linalg.TopK;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import io.mercato.recsys.filter.BusinessRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The high-level recommendation logic behind {@link Recommender}'s default methods, written once. */
final class Ranking {

    /** Users scored per {@link Recommender#scores(int[])} call in batch top-n. */
    static final int BLOCK = 512;

    private Ranking() {
    }

    static int user(Recommender model, String id) {
        int u = model.trainingData().users().index(id);
        if (u < 0) {
            throw new UnknownIdException("user", id, model.algorithm());
        }
        return u;
    }

    static int item(Recommender model, String id) {
        int i = model.trainingData().items().index(id);
        if (i < 0) {
            throw new UnknownIdException("item", id, model.algorithm());
        }
        return i;
    }

    static List<Recommendation> recommend(Recommender model, RecommendRequest request) {
        Interactions data = model.trainingData();
        double[] scores = model.scores(request.user());
        int u = data.users().index(request.user());
        if (u >= 0 && request.excludeOwnItems()) {
            excludeOwn(data.byUser(), u, scores);
        }
        for (BusinessRule rule : request.rules()) {
            rule.apply(data, u, scores);
        }
        return toList(data, scores, TopK.indices(scores, request.n()));
    }

    static Map<String, List<Recommendation>> recommendAll(Recommender model, Collection<String> users, int n) {
        io.mercato.core.Check.positive("n", n);
        Interactions data = model.trainingData();
        Map<String, List<Recommendation>> out = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (String user : users) {
            if (data.users().contains(user)) {
                known.add(user);
            } else {
                out.put(user, model.recommend(user, n)); // cold-start path or UnknownIdException
            }
        }
        int[] indices = known.stream().mapToInt(id -> data.users().index(id)).toArray();
        inBlocks(model, indices, n, (k, top, row) -> out.put(known.get(k), toList(data, row, top)));
        return out;
    }

    static int[][] topN(Recommender model, int[] users, int n) {
        int[][] out = new int[users.length][];
        inBlocks(model, users, n, (k, top, row) -> out[k] = top);
        return out;
    }

    /** Receives the top-n of the k-th user of a batch with its (own-items-excluded) score row. */
    private interface TopConsumer {
        void accept(int k, int[] top, double[] row);
    }

    private static void inBlocks(Recommender model, int[] users, int n, TopConsumer consumer) {
        SparseMatrix byUser = model.trainingData().byUser();
        for (int from = 0; from < users.length; from += BLOCK) {
            int to = Math.min(users.length, from + BLOCK);
            int[] block = java.util.Arrays.copyOfRange(users, from, to);
            double[][] rows = model.scores(block);
            for (int k = 0; k < block.length; k++) {
                excludeOwn(byUser, block[k], rows[k]);
                consumer.accept(from + k, TopK.indices(rows[k], n), rows[k]);
                rows[k] = null;
            }
        }
    }

    static List<Recommendation> similarItems(Recommender model, String item, int n) {
        io.mercato.core.Check.positive("n", n);
        int i = item(model, item);
        double[] sims = model.itemSimilarities(i);
        sims[i] = Double.NEGATIVE_INFINITY;
        return toList(model.trainingData(), sims, TopK.indices(sims, n));
    }

    /** Cosine similarity between item {@code item}'s interaction column and every other column. */
    static double[] cooccurrenceCosine(Interactions data, int item) {
        SparseMatrix byUser = data.byUser();
        SparseMatrix byItem = data.byItem();
        double[] dots = new double[data.itemCount()];
        for (int k = byItem.start(item); k < byItem.end(item); k++) {
            int u = byItem.index(k);
            double v = byItem.value(k);
            for (int q = byUser.start(u); q < byUser.end(u); q++) {
                dots[byUser.index(q)] += v * byUser.value(q);
            }
        }
        double self = norm(byItem, item);
        for (int j = 0; j < dots.length; j++) {
            if (dots[j] != 0) {
                dots[j] /= self * norm(byItem, j);
            }
        }
        return dots;
    }

    private static double norm(SparseMatrix m, int row) {
        double s = 0;
        for (int k = m.start(row); k < m.end(row); k++) {
            s += (double) m.value(k) * m.value(k);
        }
        return Math.sqrt(s);
    }

    private static void excludeOwn(SparseMatrix byUser, int u, double[] scores) {
        for (int k = byUser.start(u); k < byUser.end(u); k++) {
            scores[byUser.index(k)] = Double.NEGATIVE_INFINITY;
        }
    }

    private static List<Recommendation> toList(Interactions data, double[] scores, int[] top) {
        List<Recommendation> list = new ArrayList<>(top.length);
        for (int i : top) {
            list.add(new Recommendation(data.items().id(i), i, scores[i]));
        }
        return list;
    }
}
