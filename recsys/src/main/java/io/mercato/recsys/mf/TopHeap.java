package io.mercato.recsys.mf;

/**
 * A bounded min-heap of (item, score) pairs in two parallel arrays, the worst at the root, for top-N selection:
 * "worse" means a lower score, or an equal score and a higher item index, so ties go to the lower index.
 */
final class TopHeap {

    private TopHeap() {
    }

    /** Whether (item a, score sa) ranks below (item b, score sb). */
    static boolean worse(int a, float sa, int b, float sb) {
        return sa < sb || sa == sb && a > b;
    }

    /** Restores the heap after adding the entry at position {@code c}. */
    static void siftUp(int[] it, float[] sc, int c) {
        while (c > 0) {
            int parent = (c - 1) / 2;
            if (!worse(it[c], sc[c], it[parent], sc[parent])) {
                return;
            }
            swap(it, sc, c, parent);
            c = parent;
        }
    }

    /** Restores the heap of {@code size} entries after replacing the root. */
    static void siftDown(int[] it, float[] sc, int size) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                return;
            }
            int w = l + 1 < size && worse(it[l + 1], sc[l + 1], it[l], sc[l]) ? l + 1 : l;
            if (!worse(it[w], sc[w], it[c], sc[c])) {
                return;
            }
            swap(it, sc, c, w);
            c = w;
        }
    }

    /** Heap sort in place: repeatedly moves the worst to the end, leaving the best first. */
    static void sortBestFirst(int[] it, float[] sc, int size) {
        for (int last = size - 1; last > 0; last--) {
            swap(it, sc, 0, last);
            siftDown(it, sc, last);
        }
    }

    private static void swap(int[] it, float[] sc, int a, int b) {
        int ti = it[a];
        it[a] = it[b];
        it[b] = ti;
        float ts = sc[a];
        sc[a] = sc[b];
        sc[b] = ts;
    }
}
