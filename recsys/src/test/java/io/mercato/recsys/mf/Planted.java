package io.mercato.recsys.mf;

import io.mercato.recsys.data.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated data sets with known structure for the factorization tests. */
public final class Planted {

    private Planted() {
    }

    /** Observed and held-out entries of a planted matrix. */
    record Split(Interactions train, int[] testUser, int[] testItem, float[] testValue) {
    }

    /**
     * A rank-{@code rank} rating matrix {@code 3 + U·Vᵀ} (U, V with N(0, 0.6²) entries, so values spread about ±1 around
     * 3), each cell observed with probability {@code observed}; the unobserved cells are the test set.
     */
    static Split lowRank(int users, int items, int rank, double observed, long seed) {
        Random random = new Random(seed);
        double[][] u = gaussian(random, users, rank, 0.6);
        double[][] v = gaussian(random, items, rank, 0.6);
        List<int[]> train = new ArrayList<>();
        List<Float> trainV = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        List<Float> testV = new ArrayList<>();
        for (int a = 0; a < users; a++) {
            for (int b = 0; b < items; b++) {
                double r = 3;
                for (int f = 0; f < rank; f++) {
                    r += u[a][f] * v[b][f];
                }
                boolean seen = random.nextDouble() < observed;
                (seen ? train : test).add(new int[] {a, b});
                (seen ? trainV : testV).add((float) r);
            }
        }
        int[] tu = new int[test.size()];
        int[] ti = new int[test.size()];
        float[] tv = new float[test.size()];
        for (int e = 0; e < tu.length; e++) {
            tu[e] = test.get(e)[0];
            ti[e] = test.get(e)[1];
            tv[e] = testV.get(e);
        }
        return new Split(matrix(users, items, train, trainV), tu, ti, tv);
    }

    /**
     * Users and items in {@code groups} planted clusters: user {@code u} belongs to group {@code u % groups}, item
     * {@code i} to {@code i % groups}; each user has interacted (value 1) with a random {@code share} of its group's
     * items and with nothing else.
     */
    public static Interactions clusters(int users, int items, int groups, double share, long seed) {
        Random random = new Random(seed);
        List<int[]> cells = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int a = 0; a < users; a++) {
            for (int b = a % groups; b < items; b += groups) {
                if (random.nextDouble() < share) {
                    cells.add(new int[] {a, b});
                    values.add(1f);
                }
            }
        }
        return matrix(users, items, cells, values);
    }

    /** Interactions whose user index a is id "u{a}" and item index b is id "i{b}". */
    static Interactions matrix(int users, int items, List<int[]> cells, List<Float> values) {
        Interactions.Builder b = Interactions.builder();
        for (int a = 0; a < users; a++) {
            b.addUser("u" + a);
        }
        for (int i = 0; i < items; i++) {
            b.addItem("i" + i);
        }
        for (int e = 0; e < cells.size(); e++) {
            b.add("u" + cells.get(e)[0], "i" + cells.get(e)[1], values.get(e));
        }
        return b.build();
    }

    static double rmse(LatentFactors model, Split split) {
        double se = 0;
        for (int e = 0; e < split.testUser().length; e++) {
            double d = model.score(split.testUser()[e], split.testItem()[e]) - split.testValue()[e];
            se += d * d;
        }
        return Math.sqrt(se / split.testUser().length);
    }

    /** RMSE of always predicting the training mean: the bar a model must clear by far. */
    static double meanRmse(Split split) {
        double se = 0;
        for (float v : split.testValue()) {
            se += (v - split.train().globalMean()) * (v - split.train().globalMean());
        }
        return Math.sqrt(se / split.testValue().length);
    }

    /** Share of the top-{@code n} unseen items of every user that lie in the user's planted group. */
    public static double inGroupShare(java.util.function.IntFunction<double[]> scores, Interactions train, int groups,
            int n) {
        int hits = 0;
        int total = 0;
        for (int u = 0; u < train.userCount(); u++) {
            double[] s = scores.apply(u);
            for (int x = 0; x < n; x++) {
                int best = -1;
                for (int i = 0; i < s.length; i++) {
                    if (!train.contains(u, i) && (best < 0 || s[i] > s[best])) {
                        best = i;
                    }
                }
                s[best] = Double.NEGATIVE_INFINITY;
                hits += best % groups == u % groups ? 1 : 0;
                total++;
            }
        }
        return hits / (double) total;
    }

    private static double[][] gaussian(Random random, int rows, int cols, double std) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian() * std;
            }
        }
        return m;
    }
}
