package io.mercato.core.data;

import io.mercato.core.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded, reproducible splits of example indices {@code 0..n-1}: train/test, stratified train/test
 * (class proportions kept), k-fold and stratified k-fold cross-validation. The same arguments and
 * seed always give the same split. Index arrays are returned sorted ascending.
 */
public final class Splits {

    /**
     * One split: disjoint sorted index arrays that together cover {@code 0..n-1}.
     *
     * @param train indices of the training examples
     * @param test indices of the test (or validation) examples
     */
    public record Split(int[] train, int[] test) {
    }

    private Splits() {
    }

    /**
     * A random train/test split with {@code ceil(testFraction * n)} test examples (at least 1 and at
     * most {@code n - 1}).
     *
     * @param n number of examples, {@code >= 2}
     * @param testFraction in (0, 1)
     * @param seed the random seed
     * @return the split
     */
    public static Split trainTest(int n, double testFraction, long seed) {
        checkFraction(testFraction);
        checkAtLeastTwo(n);
        int[] order = shuffled(n, new Random(seed));
        int nTest = testSize(n, testFraction);
        int[] test = Arrays.copyOfRange(order, 0, nTest);
        int[] train = Arrays.copyOfRange(order, nTest, n);
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }

    /**
     * A random train/test split keeping each class's proportion: the total test size is as in
     * {@link #trainTest}, shared between classes by largest remainder of {@code testFraction * count}.
     *
     * @param labels class of each example
     * @param testFraction in (0, 1)
     * @param seed the random seed
     * @return the split
     */
    public static Split stratified(int[] labels, double testFraction, long seed) {
        checkFraction(testFraction);
        int n = labels.length;
        checkAtLeastTwo(n);
        Random rnd = new Random(seed);
        Map<Integer, List<Integer>> byClass = byClass(labels);
        int classes = byClass.size();
        int[][] members = new int[classes][];
        int ci = 0;
        for (List<Integer> m : byClass.values()) {
            int[] arr = m.stream().mapToInt(Integer::intValue).toArray();
            shuffle(arr, rnd);
            members[ci++] = arr;
        }
        int total = testSize(n, testFraction);
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = testFraction * members[c].length;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        Integer[] byRemainder = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            byRemainder[c] = c;
        }
        Arrays.sort(byRemainder, (x, y) -> remainder[x] != remainder[y] ? Double.compare(remainder[y], remainder[x])
                : Integer.compare(members[y].length, members[x].length));
        for (int i = 0; assigned < total && i < classes; i++) {
            int c = byRemainder[i];
            if (quota[c] < members[c].length) {
                quota[c]++;
                assigned++;
            }
        }
        int[] test = new int[assigned];
        int[] train = new int[n - assigned];
        int t = 0;
        int tr = 0;
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < members[c].length; i++) {
                if (i < quota[c]) {
                    test[t++] = members[c][i];
                } else {
                    train[tr++] = members[c][i];
                }
            }
        }
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }

    /**
     * K-fold cross-validation: a random partition into {@code k} folds whose sizes differ by at most
     * one; split {@code i} tests on fold {@code i} and trains on the rest.
     *
     * @param n number of examples
     * @param k number of folds, in {@code [2, n]}
     * @param seed the random seed
     * @return the {@code k} splits
     */
    public static List<Split> kFold(int n, int k, long seed) {
        checkFolds(n, k);
        int[] order = shuffled(n, new Random(seed));
        return folds(order, k);
    }

    /**
     * Stratified k-fold: each class's examples are dealt round-robin over the folds (continuing from
     * class to class), so every fold keeps the class proportions and fold sizes differ by at most one.
     *
     * @param labels class of each example
     * @param k number of folds, in {@code [2, n]}
     * @param seed the random seed
     * @return the {@code k} splits
     */
    public static List<Split> stratifiedKFold(int[] labels, int k, long seed) {
        int n = labels.length;
        checkFolds(n, k);
        Random rnd = new Random(seed);
        int[] order = new int[n];
        int pos = 0;
        for (List<Integer> m : byClass(labels).values()) {
            int[] arr = m.stream().mapToInt(Integer::intValue).toArray();
            shuffle(arr, rnd);
            System.arraycopy(arr, 0, order, pos, arr.length);
            pos += arr.length;
        }
        // deal positions round-robin: fold f gets order[f], order[f + k], ...
        List<List<Integer>> foldMembers = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            foldMembers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            foldMembers.get(i % k).add(order[i]);
        }
        int[] fold = new int[n];
        for (int f = 0; f < k; f++) {
            for (int idx : foldMembers.get(f)) {
                fold[idx] = f;
            }
        }
        return fromFoldAssignment(fold, k);
    }

    private static List<Split> folds(int[] order, int k) {
        int n = order.length;
        int[] fold = new int[n];
        int base = n / k;
        int extra = n % k;
        int pos = 0;
        for (int f = 0; f < k; f++) {
            int size = base + (f < extra ? 1 : 0);
            for (int i = 0; i < size; i++) {
                fold[order[pos++]] = f;
            }
        }
        return fromFoldAssignment(fold, k);
    }

    private static List<Split> fromFoldAssignment(int[] fold, int k) {
        int n = fold.length;
        int[] sizes = new int[k];
        for (int f : fold) {
            sizes[f]++;
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = new int[sizes[f]];
            int[] train = new int[n - sizes[f]];
            int t = 0;
            int tr = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    test[t++] = i;
                } else {
                    train[tr++] = i;
                }
            }
            out.add(new Split(train, test));
        }
        return List.copyOf(out);
    }

    private static Map<Integer, List<Integer>> byClass(int[] labels) {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            m.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, rnd);
        return a;
    }

    /** Fisher-Yates shuffle. */
    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int testSize(int n, double fraction) {
        return Math.max(1, Math.min(n - 1, (int) Math.ceil(fraction * n - 1e-9)));
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw ConfigurationException.invalid("testFraction", f, "must be in (0, 1)");
        }
    }

    private static void checkAtLeastTwo(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 examples to split but got " + n);
        }
    }

    private static void checkFolds(int n, int k) {
        if (k < 2 || k > n) {
            throw ConfigurationException.invalid("k", k, "must be in [2, " + n + "] (the number of examples)");
        }
    }
}
