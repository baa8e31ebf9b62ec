package io.mercato.text.vectorize;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Feature hashing: a term's index is {@code floorMod(murmur3_32(utf8(term), seed 0x6D657263), buckets)},
 * with Guava's {@code Hashing.murmur3_32_fixed}. The function is fixed and documented, so indices are the
 * same on every JVM and in every version of the library.
 */
final class HashingIndex implements FeatureIndex {

  /** Seed of the hash ("merc" in ASCII). Changing it would break every saved hashing model. */
  static final int SEED = 0x6D657263;
  private static final HashFunction HASH = Hashing.murmur3_32_fixed(SEED);

  private final int buckets;

  HashingIndex(int buckets) {
    this.buckets = buckets;
  }

  static int bucket(String term, int buckets) {
    return Math.floorMod(HASH.hashString(term, StandardCharsets.UTF_8).asInt(), buckets);
  }

  @Override
  public int indexOf(String term) {
    return bucket(term, buckets);
  }

  @Override
  public int dimension() {
    return buckets;
  }

  @Override
  public String name(int index) {
    return "#" + index;
  }
}
