package io.mercato.recsys.mf;

import java.util.SplittableRandom;

/** Seeded random initialization and shuffling shared by the factorization trainers. */
final class Gaussian {

    private Gaussian() {
    }

    /** A {@code rows × cols} row-major matrix of N(0, std²) values. */
    static float[] matrix(SplittableRandom random, int rows, int cols, double std) {
        float[] m = new float[rows * cols];
        for (int x = 0; x < m.length; x++) {
            m[x] = (float) (random.nextGaussian() * std);
        }
        return m;
    }

    /** Fisher-Yates shuffle of the whole array. */
    static void shuffle(int[] a, SplittableRandom random) {
        shuffle(a, a.length, random);
    }

    /** Fisher-Yates shuffle of {@code a[0, n)}. */
    static void shuffle(int[] a, int n, SplittableRandom random) {
        for (int x = n - 1; x > 0; x--) {
            int y = random.nextInt(x + 1);
            int t = a[x];
            a[x] = a[y];
            a[y] = t;
        }
    }
}
