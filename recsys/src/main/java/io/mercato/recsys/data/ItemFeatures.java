package io.mercato.recsys.data;

import io.mercato.core.linalg.SparseVector;
import java.nio.file.Path;
import java.util.List;

/**
 * Content features of items: categorical tags ("genre=Drama"), numeric columns min-max scaled to
 * [0, 1] with missing values imputed by the column mean, and blocks of sparse vectors such as TF-IDF
 * of descriptions (produced by the text module or anything else). Each item gets one
 * {@link SparseVector} over the named features; content-based recommendation scores them. Built with
 * {@link #builder()}, loaded with {@link #csv(Path)} or restored with {@link #of}. Immutable.
 *
 * @see UserFeatures the same kind of table for users (declared interests), matched to items by feature name
 */
public final class ItemFeatures extends Features {

    private ItemFeatures(IdIndex ids, List<String> names, SparseVector[] vectors) {
        super(ids, names, vectors);
    }

    /** A builder. */
    public static FeatureBuilder<ItemFeatures> builder() {
        return new FeatureBuilder<>(ItemFeatures::new);
    }

    /** A loader for a CSV/TSV file with one row per item (id column "item" unless set). */
    public static FeatureCsv<ItemFeatures> csv(Path file) {
        return new FeatureCsv<>(file, "item", ItemFeatures::builder);
    }

    /**
     * Features from their parts: item ids, feature names and one vector per id (of dimension
     * {@code names.size()}), e.g. TF-IDF vectors and the vectorizer's feature names.
     *
     * @throws IllegalArgumentException when the sizes disagree or a name repeats
     */
    public static ItemFeatures of(List<String> ids, List<String> names, List<SparseVector> vectors) {
        return new ItemFeatures(IdIndex.of(ids), names, checked(ids, names, vectors));
    }
}
