package io.mercato.core.linalg;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Top-k selection on a score array in plain Java: the indices of the {@code k} highest scores, best
 * first, in {@code O(n log k)} with a bounded heap. Ties are broken by the lower index first, so the
 * result is deterministic. NaN and negative-infinity scores are never selected (use them to mark
 * excluded candidates).
 */
public final class TopK {
    private TopK() {
    }

    /**
     * @param scores the scores
     * @param k how many to return, {@code >= 0}; fewer are returned when fewer are eligible
     * @return indices of the highest scores, highest first
     */
    public static int[] indices(double[] scores, int k) {
        return indices(scores, k, null);
    }

    /**
     * @param scores the scores
     * @param k how many to return, {@code >= 0}
     * @param allowed only indices for which this returns true are considered (null = all)
     * @return indices of the highest allowed scores, highest first
     */
    public static int[] indices(double[] scores, int k, IntPredicate allowed) {
        return indices(scores, scores.length, k, allowed);
    }

    /**
     * The top {@code k} of the first {@code length} scores only: for callers that reuse one large scratch array.
     *
     * @param scores the scores; entries from {@code length} on are ignored
     * @param length how many leading scores are candidates, {@code 0 <= length <= scores.length}
     * @param k how many to return, {@code >= 0}
     * @return indices of the highest of those scores, highest first
     */
    public static int[] prefixIndices(double[] scores, int length, int k) {
        if (length < 0 || length > scores.length) {
            throw new IllegalArgumentException("length must be in [0, " + scores.length + "] but was " + length);
        }
        return indices(scores, length, k, null);
    }

    private static int[] indices(double[] scores, int length, int k, IntPredicate allowed) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0 but was " + k);
        }
        int cap = Math.min(k, length);
        if (cap == 0) {
            return new int[0];
        }
        // min-heap on "worse" ordering: heap[0] is the worst of the kept candidates
        int[] heap = new int[cap];
        int size = 0;
        for (int i = 0; i < length; i++) {
            double s = scores[i];
            if (Double.isNaN(s) || s == Double.NEGATIVE_INFINITY || (allowed != null && !allowed.test(i))) {
                continue;
            }
            if (size < cap) {
                heap[size] = i;
                siftUp(heap, size, scores);
                size++;
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        // pop worst-first into the tail of the result
        int[] out = new int[size];
        for (int n = size; n > 0; n--) {
            out[n - 1] = heap[0];
            heap[0] = heap[n - 1];
            siftDown(heap, n - 1, scores);
        }
        return size == cap ? out : Arrays.copyOf(out, size);
    }

    /** True if candidate {@code a} ranks before {@code b}: higher score, or equal score and lower index. */
    private static boolean better(int a, int b, double[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] heap, int pos, double[] s) {
        int x = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (better(heap[parent], x, s)) {
                heap[pos] = heap[parent];
                pos = parent;
            } else {
                break;
            }
        }
        heap[pos] = x;
    }

    private static void siftDown(int[] heap, int size, double[] s) {
        int pos = 0;
        if (size == 0) {
            return;
        }
        int x = heap[0];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child], heap[child + 1], s)) {
                child++;
            }
            if (better(x, heap[child], s)) {
                heap[pos] = heap[child];
                pos = child;
            } else {
                break;
            }
        }
        heap[pos] = x;
    }
}
