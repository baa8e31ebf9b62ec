package io.mercato.text.vectorize;

import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.SparseVector;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of a bag-of-words vectorizer; {@link #fit} learns the vocabulary and the
 * document frequencies from a corpus.
 *
 * <p>Defaults (strong for linear models on short marketing text): TF-IDF with sublinear tf
 * ({@code 1 + ln tf}), smooth idf ({@code ln((1 + n) / (1 + df)) + 1}, as scikit-learn), l2 normalization,
 * {@code minDf = 1}, {@code maxDf = 1.0}, no feature limit, vocabulary mode.
 *
 * <p>Vocabulary mode ({@code hashingBuckets = 0}) keeps every term that passes the df pruning and
 * {@code maxFeatures} (the most frequent terms in the corpus, ties broken alphabetically); features are
 * numbered in order of first occurrence in the corpus. Hashing mode ({@code hashingBuckets > 0}) maps
 * terms to buckets with a fixed murmur3 hash: unbounded vocabulary, fixed memory, no pruning (the pruning
 * settings must stay at their defaults), feature names are {@code #bucket}.
 */
public final class VectorizerConfig {

  private final Weighting weighting;
  private final boolean sublinearTf;
  private final boolean smoothIdf;
  private final boolean l2Normalize;
  private final double minDf;
  private final boolean minDfIsFraction;
  private final double maxDf;
  private final int maxFeatures;
  private final int hashingBuckets;

  private VectorizerConfig(Builder b) {
    this.weighting = b.weighting;
    this.sublinearTf = b.sublinearTf;
    this.smoothIdf = b.smoothIdf;
    this.l2Normalize = b.l2Normalize;
    this.minDf = b.minDf;
    this.minDfIsFraction = b.minDfIsFraction;
    this.maxDf = b.maxDf;
    this.maxFeatures = b.maxFeatures;
    this.hashingBuckets = b.hashingBuckets;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default configuration. */
  public static VectorizerConfig defaults() {
    return builder().build();
  }

  /** A builder initialized with this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder().weighting(weighting).sublinearTf(sublinearTf).smoothIdf(smoothIdf)
        .l2Normalize(l2Normalize).maxDf(maxDf).maxFeatures(maxFeatures).hashingBuckets(hashingBuckets);
    return minDfIsFraction ? b.minDf(minDf) : b.minDf((int) minDf);
  }

  /** How term counts become feature values (binary, counts, TF-IDF). */
  public Weighting weighting() {
    return weighting;
  }

  /** Whether tf is replaced by {@code 1 + ln tf} (COUNT and TFIDF). */
  public boolean sublinearTf() {
    return sublinearTf;
  }

  /** Whether idf adds one to n and df ({@code ln((1+n)/(1+df)) + 1}) rather than {@code ln(n/df) + 1}. */
  public boolean smoothIdf() {
    return smoothIdf;
  }

  /**
   * Whether each document vector is scaled to unit Euclidean norm; with a vocabulary, the words and the
   * character n-grams are scaled separately, each block to unit norm (like scikit-learn's union of a word
   * and a {@code char_wb} vectorizer), so that the many character n-grams do not drown the words.
   */
  public boolean l2Normalize() {
    return l2Normalize;
  }

  /** The minimum document frequency: a count, or a fraction of the documents if {@link #minDfIsFraction()}. */
  public double minDf() {
    return minDf;
  }

  /** Whether {@link #minDf()} is a fraction of the documents rather than a count. */
  public boolean minDfIsFraction() {
    return minDfIsFraction;
  }

  /** The maximum document frequency as a fraction of the documents. */
  public double maxDf() {
    return maxDf;
  }

  /** The largest vocabulary size, 0 = unlimited. */
  public int maxFeatures() {
    return maxFeatures;
  }

  /** The number of hashing buckets, 0 = vocabulary mode. */
  public int hashingBuckets() {
    return hashingBuckets;
  }

  /**
   * Learns the vocabulary (or, in hashing mode, the bucket document frequencies) from the terms of
   * {@code documents}. Deterministic: no randomness is involved.
   *
   * @throws io.mercato.core.DataException if the corpus is empty or no term survives the pruning
   */
  public Vectorizer fit(List<? extends List<String>> documents) {
    return FittedVectorizer.fit(this, documents);
  }

  /** A fitted vectorizer together with the vectors of the documents it was fitted on. */
  public record FittedAndTransformed(Vectorizer vectorizer, List<SparseVector> vectors) {
  }

  /**
   * {@link #fit} and {@link Vectorizer#transform} of each of the same documents in one go (as training
   * does). In vocabulary mode this is faster than the two apart: counting already numbered every term.
   *
   * @throws io.mercato.core.DataException if the corpus is empty or no term survives the pruning
   */
  public FittedAndTransformed fitTransform(List<? extends List<String>> documents) {
    return FittedVectorizer.fitTransform(this, documents);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorizerConfig c && weighting == c.weighting && sublinearTf == c.sublinearTf
        && smoothIdf == c.smoothIdf && l2Normalize == c.l2Normalize && minDf == c.minDf
        && minDfIsFraction == c.minDfIsFraction && maxDf == c.maxDf && maxFeatures == c.maxFeatures
        && hashingBuckets == c.hashingBuckets;
  }

  @Override
  public int hashCode() {
    return Objects.hash(weighting, sublinearTf, smoothIdf, l2Normalize, minDf, minDfIsFraction, maxDf,
        maxFeatures, hashingBuckets);
  }

  @Override
  public String toString() {
    return "VectorizerConfig{" + weighting + (sublinearTf ? ", sublinearTf" : "") + (smoothIdf ? ", smoothIdf" : "")
        + (l2Normalize ? ", l2" : "") + ", minDf=" + (minDfIsFraction ? minDf : (int) minDf) + ", maxDf=" + maxDf
        + ", maxFeatures=" + maxFeatures + ", hashingBuckets=" + hashingBuckets + "}";
  }

  /** Fluent builder of {@link VectorizerConfig}; {@link #build()} validates. */
  public static final class Builder {
    /** Largest number of hashing buckets (2^26: 64 M features). */
    public static final int MAX_BUCKETS = 1 << 26;

    private Weighting weighting = Weighting.TFIDF;
    private boolean sublinearTf = true;
    private boolean smoothIdf = true;
    private boolean l2Normalize = true;
    private double minDf = 1;
    private boolean minDfIsFraction;
    private double maxDf = 1.0;
    private int maxFeatures;
    private int hashingBuckets;

    private Builder() {}

    /** COUNT, BINARY or TFIDF (default). */
    public Builder weighting(Weighting weighting) {
      this.weighting = weighting;
      return this;
    }

    /** {@code 1 + ln tf} instead of tf (default true). */
    public Builder sublinearTf(boolean on) {
      this.sublinearTf = on;
      return this;
    }

    /** Smooth idf (default true). */
    public Builder smoothIdf(boolean on) {
      this.smoothIdf = on;
      return this;
    }

    /** Unit-length document vectors (default true). */
    public Builder l2Normalize(boolean on) {
      this.l2Normalize = on;
      return this;
    }

    /** Keep terms found in at least {@code count} documents (>= 1; default 1). */
    public Builder minDf(int count) {
      this.minDf = count;
      this.minDfIsFraction = false;
      return this;
    }

    /** Keep terms found in at least this fraction of the documents (in (0, 1]). */
    public Builder minDf(double fraction) {
      this.minDf = fraction;
      this.minDfIsFraction = true;
      return this;
    }

    /** Keep terms found in at most this fraction of the documents (in (0, 1]; default 1). */
    public Builder maxDf(double fraction) {
      this.maxDf = fraction;
      return this;
    }

    /** Keep at most this many terms, the most frequent (>= 0; 0 = unlimited, the default). */
    public Builder maxFeatures(int maxFeatures) {
      this.maxFeatures = maxFeatures;
      return this;
    }

    /** Feature hashing into this many buckets (0 = vocabulary mode, the default; at most 2^26). */
    public Builder hashingBuckets(int buckets) {
      this.hashingBuckets = buckets;
      return this;
    }

    /** Validates and builds. */
    public VectorizerConfig build() {
      if (weighting == null) {
        throw ConfigurationException.invalid("weighting", null, "one of COUNT, BINARY, TFIDF");
      }
      if (minDfIsFraction) {
        if (!(minDf > 0 && minDf <= 1)) {
          throw ConfigurationException.invalid("minDf", minDf, "a fraction must be in (0, 1] (or give a count >= 1)");
        }
      } else if (minDf < 1) {
        throw ConfigurationException.invalid("minDf", (int) minDf, "a count must be >= 1 (or give a fraction in (0, 1])");
      }
      if (!(maxDf > 0 && maxDf <= 1)) {
        throw ConfigurationException.invalid("maxDf", maxDf, "must be in (0, 1]");
      }
      if (maxFeatures < 0) {
        throw ConfigurationException.invalid("maxFeatures", maxFeatures, "must be >= 0 (0 = unlimited)");
      }
      if (hashingBuckets < 0 || hashingBuckets > MAX_BUCKETS) {
        throw ConfigurationException.invalid("hashingBuckets", hashingBuckets,
            "must be in [0, " + MAX_BUCKETS + "] (0 = vocabulary mode)");
      }
      if (hashingBuckets > 0) {
        if (maxFeatures != 0) {
          throw ConfigurationException.invalid("maxFeatures", maxFeatures,
              "must be 0 with feature hashing (hashingBuckets = " + hashingBuckets + ")");
        }
        if (minDfIsFraction || minDf != 1) {
          throw ConfigurationException.invalid("minDf", minDfIsFraction ? minDf : (int) minDf,
              "must be 1 with feature hashing (hashingBuckets = " + hashingBuckets + ")");
        }
        if (maxDf != 1.0) {
          throw ConfigurationException.invalid("maxDf", maxDf,
              "must be 1.0 with feature hashing (hashingBuckets = " + hashingBuckets + ")");
        }
      }
      return new VectorizerConfig(this);
    }
  }
}
