package io.mercato.recsys.data;

import io.mercato.core.linalg.SparseVector;
import java.nio.file.Path;
import java.util.List;

/**
 * Content features of users: what a user declared or what is known about them (interests such as
 * "category=running", a sign-up survey, numeric attributes, a TF-IDF vector of a free-text profile),
 * built exactly like {@link ItemFeatures}. A content-based model matches them to item features by
 * name ("category=running" meets items tagged category "running"; a vector block meets the items'
 * block of the same name and dimension), so that a user with no interactions can be recommended
 * items; features without an item counterpart (e.g. "age") are ignored there. Immutable.
 */
public final class UserFeatures extends Features {

    private UserFeatures(IdIndex ids, List<String> names, SparseVector[] vectors) {
        super(ids, names, vectors);
    }

    /** A builder. */
    public static FeatureBuilder<UserFeatures> builder() {
        return new FeatureBuilder<>(UserFeatures::new);
    }

    /** A loader for a CSV/TSV file with one row per user (id column "user" unless set). */
    public static FeatureCsv<UserFeatures> csv(Path file) {
        return new FeatureCsv<>(file, "user", UserFeatures::builder);
    }

    /**
     * Features from their parts: user ids, feature names and one vector per id (of dimension
     * {@code names.size()}), e.g. the TF-IDF vectors of the users' stated interests made by the same
     * vectorizer as the items' descriptions, with its feature names.
     *
     * @throws IllegalArgumentException when the sizes disagree or a name repeats
     */
    public static UserFeatures of(List<String> ids, List<String> names, List<SparseVector> vectors) {
        return new UserFeatures(IdIndex.of(ids), names, checked(ids, names, vectors));
    }
}
