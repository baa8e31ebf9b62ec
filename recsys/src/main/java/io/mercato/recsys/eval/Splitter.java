package io.mercato.recsys.eval;

import io.mercato.core.Check;
import io.mercato.core.data.Splits;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits interactions into train and test. Seeded: the same seed and data give the same split.
 * Factories: {@link #random}, {@link #perUser}, {@link #leaveOneOut}, {@link #temporal} and
 * {@link #kFold} (a list of splits).
 */
@FunctionalInterface
public interface Splitter {

    /** Partitions {@code data}. */
    Split split(Interactions data);

    /**
     * {@code ceil(testFraction * n)} interactions, drawn uniformly (seeded, core's {@link Splits}), go to
     * test; {@code testFraction} in (0, 1).
     */
    static Splitter random(double testFraction, long seed) {
        Check.inRange("testFraction", testFraction, 0, 1);
        return data -> {
            boolean[] test = new boolean[data.size()];
            for (int k : Splits.trainTest(data.size(), testFraction, seed).test()) {
                test[k] = true;
            }
            return of(data, test);
        };
    }

    /**
     * Per user, {@code round(testFraction * n_u)} of the user's interactions (random, seeded) go to
     * test, always leaving at least one in train: every test user is known to the model.
     */
    static Splitter perUser(double testFraction, long seed) {
        Check.inRange("testFraction", testFraction, 0, 1);
        return data -> {
            SplittableRandom random = new SplittableRandom(seed);
            SparseMatrix byUser = data.byUser();
            boolean[] test = new boolean[data.size()];
            for (int u = 0; u < data.userCount(); u++) {
                int len = byUser.length(u);
                int nTest = Math.min(len - 1, (int) Math.round(testFraction * len));
                int[] order = shuffled(len, random);
                for (int k = 0; k < nTest; k++) {
                    test[byUser.start(u) + order[k]] = true;
                }
            }
            return of(data, test);
        };
    }

    /**
     * One interaction per user with at least two goes to test: the latest one when the data has
     * timestamps, otherwise a random one (seeded).
     */
    static Splitter leaveOneOut(long seed) {
        return data -> {
            SplittableRandom random = new SplittableRandom(seed);
            SparseMatrix byUser = data.byUser();
            boolean[] test = new boolean[data.size()];
            for (int u = 0; u < data.userCount(); u++) {
                int len = byUser.length(u);
                if (len < 2) {
                    continue;
                }
                int pick = byUser.start(u) + random.nextInt(len);
                if (data.hasTimestamps()) {
                    for (int k = byUser.start(u); k < byUser.end(u); k++) {
                        if (byUser.timestamp(k) > byUser.timestamp(pick)) {
                            pick = k;
                        }
                    }
                }
                test[pick] = true;
            }
            return of(data, test);
        };
    }

    /**
     * The latest {@code testFraction} of all interactions (by timestamp; ties by position) go to test:
     * training only on the past, as in production. Needs timestamps.
     */
    static Splitter temporal(double testFraction) {
        Check.inRange("testFraction", testFraction, 0, 1);
        return data -> {
            if (!data.hasTimestamps()) {
                throw io.mercato.core.ConfigurationException.invalid("splitter", "temporal",
                        "needs interactions with timestamps");
            }
            SparseMatrix byUser = data.byUser();
            int n = data.size();
            long[] keyed = new long[n];
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                keyed[k] = byUser.timestamp(k);
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> keyed[a] != keyed[b] ? Long.compare(keyed[a], keyed[b]) : Integer.compare(a, b));
            boolean[] test = new boolean[n];
            int nTest = (int) Math.round(testFraction * n);
            for (int k = n - nTest; k < n; k++) {
                test[order[k]] = true;
            }
            return of(data, test);
        };
    }

    /** {@code k} folds over the shuffled interactions (seeded, core's {@link Splits}); fold f is split f's test side. */
    static List<Split> kFold(Interactions data, int k, long seed) {
        Check.atLeast("k", k, 2);
        List<Split> splits = new ArrayList<>(k);
        for (Splits.Split fold : Splits.kFold(data.size(), k, seed)) {
            boolean[] test = new boolean[data.size()];
            for (int p : fold.test()) {
                test[p] = true;
            }
            splits.add(of(data, test));
        }
        return splits;
    }

    private static Split of(Interactions data, boolean[] test) {
        boolean[] train = new boolean[test.length];
        for (int k = 0; k < test.length; k++) {
            train[k] = !test[k];
        }
        return new Split(data.select(train), data.select(test));
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        return order;
    }
}
