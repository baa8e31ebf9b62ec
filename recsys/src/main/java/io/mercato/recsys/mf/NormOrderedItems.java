package io.mercato.recsys.mf;

import io.mercato.recsys.data.SparseMatrix;
import java.util.Arrays;

/**
 * Exact top-N search over all items for one user at a time, without scoring every item: items are kept in order of
 * decreasing factor norm, in chunks stored dimension-major, so a user's scan stops as soon as no remaining item can
 * beat the current n-th best ({@code p·q ≤ |p|·|q|}, plus the largest remaining item bias).
 *
 * <p>Factor models put popular items at large norms and the long tail near zero, so most of the tail is never
 * scored; in the worst case (all norms equal) every item is scored, as a full scan would. Thread-safe: the arrays
 * are written only in the constructor; each thread brings its own {@link Workspace}.
 */
final class NormOrderedItems {

    /** Items per chunk: a chunk's factors (rank × 256 floats) stay in the first-level cache while a user scans it. */
    static final int CHUNK = 256;

    private final int rank;
    private final int items;
    private final int chunks;
    /** Item index at each position of the norm order. */
    private final int[] order;
    /** Factors of the items in norm order, chunk by chunk, each chunk dimension-major ({@code rank × CHUNK}). */
    private final float[] packed;
    /** The largest norm in each chunk (its first item's), with a little headroom for float rounding. */
    private final float[] chunkNorm;
    /** The largest item bias from each chunk to the end (0 without biases). */
    private final float[] biasFromChunk;
    /** Item biases by item index, or {@code null}. */
    private final float[] itemBias;

    NormOrderedItems(int rank, float[] itemFactors, float[] itemBias) {
        this.rank = rank;
        this.items = itemFactors.length / rank;
        this.chunks = (items + CHUNK - 1) / CHUNK;
        this.itemBias = itemBias;
        float[] norm = new float[items];
        // sort keys: decreasing norm (the bits of a non-negative float order like the float), then increasing index
        long[] keys = new long[items];
        for (int i = 0; i < items; i++) {
            norm[i] = (float) Math.sqrt(LatentFactors.dot(itemFactors, i * rank, itemFactors, i * rank, rank));
            keys[i] = (long) (Integer.MAX_VALUE - Float.floatToIntBits(norm[i])) << 32 | i;
        }
        Arrays.sort(keys);
        order = new int[chunks * CHUNK];
        Arrays.fill(order, -1);
        packed = new float[chunks * CHUNK * rank];
        for (int pos = 0; pos < items; pos++) {
            int i = (int) keys[pos];
            order[pos] = i;
            int c = pos / CHUNK;
            int j = pos % CHUNK;
            for (int f = 0; f < rank; f++) {
                packed[(c * rank + f) * CHUNK + j] = itemFactors[i * rank + f];
            }
        }
        chunkNorm = new float[chunks];
        biasFromChunk = new float[chunks + 1];
        biasFromChunk[chunks] = Float.NEGATIVE_INFINITY;
        for (int c = chunks - 1; c >= 0; c--) {
            chunkNorm[c] = (float) (norm[order[c * CHUNK]] * (1 + 1e-4) + 1e-30);
            float best = biasFromChunk[c + 1];
            for (int pos = c * CHUNK; pos < Math.min(items, (c + 1) * CHUNK); pos++) {
                best = Math.max(best, itemBias == null ? 0 : itemBias[order[pos]]);
            }
            biasFromChunk[c] = best;
        }
    }

    /** Per-thread scratch: one chunk of scores and a marker of the user's excluded items. */
    static final class Workspace {
        private final float[] chunkScores = new float[CHUNK];
        private final int[] excludedFor;

        Workspace(int items) {
            excludedFor = new int[items];
            Arrays.fill(excludedFor, -1);
        }
    }

    Workspace workspace() {
        return new Workspace(items);
    }

    /**
     * Fills {@code heapItems}/{@code heapScores} with user {@code u}'s best items (scores {@code base + p·q + b_i}),
     * best first, ties to the lower item index, skipping {@code exclude}'s row of {@code u}; returns how many.
     */
    int topOf(float[] userFactors, int u, float base, SparseMatrix exclude, int[] heapItems, float[] heapScores,
            Workspace w) {
        if (exclude != null) {
            for (int e = exclude.start(u); e < exclude.end(u); e++) {
                w.excludedFor[exclude.index(e)] = u;
            }
        }
        int at = u * rank;
        float userNorm = (float) Math.sqrt(LatentFactors.dot(userFactors, at, userFactors, at, rank));
        int n = heapItems.length;
        int size = 0;
        float[] s = w.chunkScores;
        for (int c = 0; c < chunks; c++) {
            if (size == n) {
                float bound = base + userNorm * chunkNorm[c] + biasFromChunk[c];
                if (bound + 1e-6f * (Math.abs(bound) + 1) < heapScores[0]) {
                    break;
                }
            }
            Arrays.fill(s, 0);
            int chunkAt = c * rank * CHUNK;
            for (int f = 0; f < rank; f++) {
                float pf = userFactors[at + f];
                int row = chunkAt + f * CHUNK;
                for (int j = 0; j < CHUNK; j++) {
                    s[j] += pf * packed[row + j];
                }
            }
            int first = c * CHUNK;
            for (int j = 0, last = Math.min(CHUNK, items - first); j < last; j++) {
                int i = order[first + j];
                if (w.excludedFor[i] == u) {
                    continue;
                }
                float score = base + s[j] + (itemBias == null ? 0 : itemBias[i]);
                if (size < n) {
                    heapItems[size] = i;
                    heapScores[size] = score;
                    TopHeap.siftUp(heapItems, heapScores, size++);
                } else if (TopHeap.worse(heapItems[0], heapScores[0], i, score)) {
                    heapItems[0] = i;
                    heapScores[0] = score;
                    TopHeap.siftDown(heapItems, heapScores, size);
                }
            }
        }
        TopHeap.sortBestFirst(heapItems, heapScores, size);
        return size;
    }
}
