package io.mercato.recsys.mf;

import io.mercato.recsys.data.SparseMatrix;

/**
 * How implicit ALS turns an interaction strength {@code v} of user {@code u} for item {@code i} into a confidence
 * {@code c = 1 + α·w}, with the weight {@code w} of the {@link ImplicitAlsTrainer.Scaling}:
 * <ul>
 * <li>{@code LINEAR}: {@code w = v};</li>
 * <li>{@code LOG1P}: {@code w = ln(1 + v/ε)};</li>
 * <li>{@code BM25}: {@code w = v·(K1 + 1) / (K1·((1 − B) + B·len_u/avgLen) + v) · idf_i} with {@code len_u} the
 * sum of the user's strengths;</li>
 * <li>{@code TFIDF}: {@code w = √v · idf_i};</li>
 * </ul>
 * where {@code idf_i = ln(N) − ln(1 + df_i)} over the {@code N} training users, {@code df_i} of whom interacted with
 * item {@code i} (the implicit library's {@code bm25_weight} and {@code tfidf_weight} with users as documents),
 * floored at 0 so that a confidence never drops below 1. The idf and the average length are frozen at training
 * and saved with the model, so a user folded in later is weighted exactly as the training users were.
 *
 * @param scaling the weight
 * @param alpha the confidence slope α
 * @param epsilon ε of {@code LOG1P}
 * @param k1 K1 of {@code BM25}
 * @param b B of {@code BM25}
 * @param averageLength the training users' mean strength sum ({@code BM25}; 0 otherwise)
 * @param users the number of training users {@code N} (0 when the rule needs no statistics)
 * @param idf per-item idf of the training data ({@code BM25}, {@code TFIDF}; {@code null} otherwise)
 */
record Confidence(ImplicitAlsTrainer.Scaling scaling, double alpha, double epsilon, double k1, double b,
        double averageLength, int users, float[] idf) {

    /** A rule that needs no statistics of the data ({@code LINEAR}, {@code LOG1P}). */
    static Confidence plain(ImplicitAlsTrainer.Scaling scaling, double alpha, double epsilon) {
        return new Confidence(scaling, alpha, epsilon, 0, 0, 0, 0, null);
    }

    /** The rule with the statistics of {@code byUser} (users × items) frozen in. */
    static Confidence fit(ImplicitAlsTrainer.Scaling scaling, double alpha, double epsilon, double k1, double b,
            SparseMatrix byUser) {
        if (scaling == ImplicitAlsTrainer.Scaling.LINEAR || scaling == ImplicitAlsTrainer.Scaling.LOG1P) {
            return new Confidence(scaling, alpha, epsilon, k1, b, 0, 0, null);
        }
        int[] df = new int[byUser.cols()];
        double total = 0;
        for (int e = 0; e < byUser.nnz(); e++) {
            df[byUser.index(e)]++;
            total += byUser.value(e);
        }
        double logN = Math.log(byUser.rows());
        float[] idf = new float[df.length];
        for (int i = 0; i < df.length; i++) {
            idf[i] = (float) Math.max(0, logN - Math.log1p(df[i]));
        }
        double averageLength = scaling == ImplicitAlsTrainer.Scaling.BM25 ? total / Math.max(1, byUser.rows()) : 0;
        return new Confidence(scaling, alpha, epsilon, k1, b, averageLength, byUser.rows(), idf);
    }

    /** Whether the weight depends on the user's strength sum. */
    boolean needsLength() {
        return scaling == ImplicitAlsTrainer.Scaling.BM25;
    }

    /**
     * The confidence of strength {@code v} for {@code item}, by a user whose strengths sum to {@code length} (only
     * read by {@code BM25}). Items beyond the frozen idf (new since training) get the idf of an item nobody had.
     */
    double of(float v, double length, int item) {
        double w = switch (scaling) {
            case LINEAR -> v;
            case LOG1P -> Math.log1p(v / epsilon);
            case BM25 -> v * (k1 + 1) / (k1 * ((1 - b) + b * length / averageLength) + v) * idf(item);
            case TFIDF -> Math.sqrt(v) * idf(item);
        };
        return 1 + alpha * w;
    }

    private double idf(int item) {
        return item < idf.length ? idf[item] : Math.log(Math.max(1, users));
    }

    /**
     * This rule for a model whose item {@code i} was item {@code oldIndex[i]} of the training data ({@code -1}: an
     * item new since training, weighted as one nobody had).
     */
    Confidence remapItems(int[] oldIndex) {
        if (idf == null) {
            return this;
        }
        float[] mapped = new float[oldIndex.length];
        for (int i = 0; i < oldIndex.length; i++) {
            mapped[i] = (float) (oldIndex[i] >= 0 ? idf[oldIndex[i]] : idf(Integer.MAX_VALUE));
        }
        return new Confidence(scaling, alpha, epsilon, k1, b, averageLength, users, mapped);
    }

    /** The sum of row {@code r}'s strengths. */
    static double length(SparseMatrix m, int r) {
        double s = 0;
        for (int e = m.start(r); e < m.end(r); e++) {
            s += m.value(e);
        }
        return s;
    }

    /** Confidences of every entry of a user × item matrix, in its entry order. */
    float[] ofUsers(SparseMatrix byUser) {
        float[] c = new float[byUser.nnz()];
        for (int u = 0; u < byUser.rows(); u++) {
            double len = needsLength() ? length(byUser, u) : 0;
            for (int e = byUser.start(u); e < byUser.end(u); e++) {
                c[e] = (float) of(byUser.value(e), len, byUser.index(e));
            }
        }
        return c;
    }

    /** Confidences of every entry of an item × user matrix, in its entry order. */
    float[] ofItems(SparseMatrix byItem, SparseMatrix byUser) {
        double[] lengths = null;
        if (needsLength()) {
            lengths = new double[byUser.rows()];
            for (int u = 0; u < lengths.length; u++) {
                lengths[u] = length(byUser, u);
            }
        }
        float[] c = new float[byItem.nnz()];
        for (int i = 0; i < byItem.rows(); i++) {
            for (int e = byItem.start(i); e < byItem.end(i); e++) {
                c[e] = (float) of(byItem.value(e), lengths == null ? 0 : lengths[byItem.index(e)], i);
            }
        }
        return c;
    }
}
