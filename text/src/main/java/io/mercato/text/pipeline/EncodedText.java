package io.mercato.text.pipeline;

import io.mercato.core.linalg.SparseVector;
import java.util.Arrays;
import java.util.Objects;

/**
 * One text encoded by a {@link FittedTextPipeline}, in the two views models need.
 *
 * @param features the bag-of-words vector (e.g. TF-IDF over word and CJK n-grams) for linear models and MLPs
 * @param tokenIds the token ids in text order (1 = unknown token), at most {@code maxSequenceLength} of them,
 *                 for embedding and convolutional models; never padded (id 0 is reserved for padding)
 */
public record EncodedText(SparseVector features, int[] tokenIds) {

  /** Which views of a text a model reads, so that encoding can skip the other (it is then empty). */
  public enum Views {
    /** The sparse feature vector only (bag-of-words models). */
    FEATURES,
    /** The token ids only (embedding and convolutional models). */
    TOKEN_IDS,
    /** Both. */
    BOTH;

    /** The views read by a model reading {@code this} and one reading {@code other}. */
    public Views and(Views other) {
      return this == other ? this : BOTH;
    }
  }

  /** Checks for nulls. */
  public EncodedText {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(tokenIds, "tokenIds");
  }

  /** A copy of the token ids (use {@link #length()} and {@link #tokenId(int)} to read without copying). */
  @Override
  public int[] tokenIds() {
    return tokenIds.clone();
  }

  /** The number of token ids (without copying them). */
  public int length() {
    return tokenIds.length;
  }

  /** The {@code i}-th token id (without copying the array). */
  public int tokenId(int i) {
    return tokenIds[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedText e && features.equals(e.features) && Arrays.equals(tokenIds, e.tokenIds);
  }

  @Override
  public int hashCode() {
    return 31 * features.hashCode() + Arrays.hashCode(tokenIds);
  }

  @Override
  public String toString() {
    return "EncodedText{features=" + features.size() + " non-zero of " + features.dimension() + ", tokenIds="
        + Arrays.toString(tokenIds) + "}";
  }
}
