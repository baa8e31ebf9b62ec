package io.mercato.text.vectorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.linalg.SparseVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorizerTest {

  private static final List<List<String>> DOCS = List.of(
      words("good good movie"), words("bad movie"), words("good plot bad acting"), words("movie"));

  private static List<String> words(String s) {
    return Arrays.asList(s.split(" "));
  }

  /** The values of {@code x} in alphabetical order of feature names, the order of scikit-learn's vocabulary. */
  private static double[] dense(Vectorizer v, SparseVector x) {
    return alphabetical(v).stream().mapToDouble(term -> x.get(v.featureIndex(term))).toArray();
  }

  private static List<String> alphabetical(Vectorizer v) {
    return names(v).stream().sorted().toList();
  }

  @Test
  void tfidfMatchesScikitLearn() {
    Vectorizer v = VectorizerConfig.defaults().fit(DOCS);
    // reference: sklearn 1.2.1 TfidfVectorizer(analyzer=str.split, sublinear_tf=True, smooth_idf=True, norm='l2')
    // fitted on the same four documents; feature order acting, bad, good, movie, plot
    assertThat(v.dimension()).isEqualTo(5);
    assertThat(alphabetical(v)).containsExactly("acting", "bad", "good", "movie", "plot");
    double[] idf = {1.916290731874155, 1.5108256237659907, 1.5108256237659907, 1.2231435513142097, 1.916290731874155};
    for (int i = 0; i < 5; i++) {
      assertThat(v.idf(v.featureIndex(alphabetical(v).get(i)))).isCloseTo(idf[i], within(1e-12));
    }
    double[][] expected = {
        {0.0, 0.0, 0.9021715203942673, 0.43137750032830424, 0.0},
        {0.0, 0.7772211620785797, 0.0, 0.6292275146695526, 0.0},
        {0.5552826649411127, 0.43779123108611473, 0.43779123108611473, 0.0, 0.5552826649411127},
        {0.0, 0.0, 0.0, 1.0, 0.0}};
    for (int d = 0; d < DOCS.size(); d++) {
      assertThat(dense(v, v.transform(DOCS.get(d)))).containsExactly(expected[d], within(1e-12));
    }
  }

  @Test
  void plainIdfAndRawTfWithoutNormalizationMatchScikitLearn() {
    Vectorizer v = VectorizerConfig.builder().sublinearTf(false).smoothIdf(false).l2Normalize(false).build().fit(DOCS);
    // reference: sklearn TfidfVectorizer(sublinear_tf=False, smooth_idf=False, norm=None); idf = ln(n/df) + 1
    assertThat(dense(v, v.transform(DOCS.get(0))))
        .containsExactly(new double[] {0.0, 0.0, 3.386294361119891, 1.2876820724517808, 0.0}, within(1e-12));
  }

  @Test
  void countsAndBinaryWeights() {
    Vectorizer counts = VectorizerConfig.builder().weighting(Weighting.COUNT).sublinearTf(false).l2Normalize(false)
        .build().fit(DOCS);
    assertThat(dense(counts, counts.transform(words("good good good bad unknown")))).containsExactly(0, 1, 3, 0, 0);
    Vectorizer sublinear = VectorizerConfig.builder().weighting(Weighting.COUNT).l2Normalize(false).build().fit(DOCS);
    assertThat(dense(sublinear, sublinear.transform(words("good good good"))))
        .containsExactly(new double[] {0, 0, 1 + Math.log(3), 0, 0}, within(1e-15));
    Vectorizer binary = VectorizerConfig.builder().weighting(Weighting.BINARY).build().fit(DOCS);
    // two distinct known terms, each 1, l2 -> 1/sqrt(2)
    double h = 1 / Math.sqrt(2);
    assertThat(dense(binary, binary.transform(words("good good bad")))).containsExactly(new double[] {0, h, h, 0, 0}, within(1e-15));
    assertThat(binary.idf(0)).isEqualTo(1.0);
  }

  @Test
  void unknownTermsAndEmptyDocumentsGiveEmptyVectors() {
    Vectorizer v = VectorizerConfig.defaults().fit(DOCS);
    SparseVector empty = v.transform(List.of("zzz"));
    assertThat(empty.size()).isZero();
    assertThat(empty.dimension()).isEqualTo(5);
    assertThat(v.transform(List.of()).size()).isZero();
    assertThat(v.featureIndex("zzz")).isEqualTo(-1);
  }

  @Test
  void documentFrequencyPruningMatchesScikitLearn() {
    // references: sklearn CountVectorizer vocabularies on the same documents
    assertThat(alphabetical(VectorizerConfig.builder().minDf(2).build().fit(DOCS))).containsExactly("bad", "good", "movie");
    assertThat(alphabetical(VectorizerConfig.builder().minDf(0.5).build().fit(DOCS))).containsExactly("bad", "good", "movie");
    assertThat(alphabetical(VectorizerConfig.builder().maxDf(0.5).build().fit(DOCS)))
        .containsExactly("acting", "bad", "good", "plot");
  }

  @Test
  void maxFeaturesKeepsTheMostFrequentTermsTiesByTerm() {
    // corpus counts: good 3, movie 3, bad 2, acting 1, plot 1
    assertThat(alphabetical(VectorizerConfig.builder().maxFeatures(2).build().fit(DOCS))).containsExactly("good", "movie");
    assertThat(alphabetical(VectorizerConfig.builder().maxFeatures(3).build().fit(DOCS))).containsExactly("bad", "good", "movie");
    assertThat(alphabetical(VectorizerConfig.builder().maxFeatures(4).build().fit(DOCS)))
        .containsExactly("acting", "bad", "good", "movie");
  }

  @Test
  void pruningEverythingIsAnError() {
    assertThatThrownBy(() -> VectorizerConfig.builder().minDf(5).build().fit(DOCS))
        .isInstanceOf(DataException.class).hasMessageContaining("no term is left");
    assertThatThrownBy(() -> VectorizerConfig.defaults().fit(List.of())).isInstanceOf(DataException.class);
  }

  @Test
  void hashingUsesAFixedMurmur3() {
    Vectorizer v = VectorizerConfig.builder().hashingBuckets(1024).weighting(Weighting.COUNT).sublinearTf(false)
        .l2Normalize(false).build().fit(DOCS);
    // reference: murmur3_32 (x86, 32-bit) of the UTF-8 bytes with seed 0x6D657263, computed with a
    // 20-line Python implementation checked against murmur3_32("hello", 0) = 0x248bfa47; then mod 1024
    assertThat(v.featureIndex("good")).isEqualTo(300);
    assertThat(v.featureIndex("not good")).isEqualTo(715);
    assertThat(v.featureIndex("很好")).isEqualTo(751);
    assertThat(v.featureIndex("😍")).isEqualTo(113);
    assertThat(v.featureName(300)).isEqualTo("#300");
    assertThat(v.dimension()).isEqualTo(1024);
    SparseVector x = v.transform(words("good not good"));
    assertThat(x.get(300)).isEqualTo(2.0); // "good" twice; a plain word list holds no "not good" term
    assertThat(x.get(HashingIndex.bucket("not", 1024))).isEqualTo(1.0);
  }

  @Test
  void hashingWithTfidfLearnsBucketDocumentFrequencies() {
    Vectorizer v = VectorizerConfig.builder().hashingBuckets(1 << 16).build().fit(DOCS);
    int good = v.featureIndex("good");
    // "good" is in 2 of 4 documents: smooth idf = ln(5/3) + 1 (assuming no collision among 5 terms in 65536 buckets)
    assertThat(v.idf(good)).isCloseTo(Math.log(5.0 / 3.0) + 1, within(1e-12));
    // a bucket no fitted term hashed to: df = 0 -> ln(5/1) + 1
    int empty = v.featureIndex("never-seen-term");
    assertThat(v.idf(empty)).isCloseTo(Math.log(5.0) + 1, within(1e-12));
  }

  @Test
  void writeThenReadGivesTheSameVectorizer() throws IOException {
    for (VectorizerConfig config : List.of(VectorizerConfig.defaults(),
        VectorizerConfig.builder().weighting(Weighting.COUNT).build(),
        VectorizerConfig.builder().hashingBuckets(64).build())) {
      Vectorizer v = config.fit(DOCS);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      v.write(new DataOutputStream(bytes));
      Vectorizer back = Vectorizer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), config);
      assertThat(back.dimension()).isEqualTo(v.dimension());
      for (List<String> doc : DOCS) {
        assertThat(back.transform(doc)).isEqualTo(v.transform(doc));
      }
      for (int i = 0; i < v.dimension(); i++) {
        assertThat(back.featureName(i)).isEqualTo(v.featureName(i));
      }
    }
  }

  @Test
  void readingWithAMismatchedConfigurationFails() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    VectorizerConfig.defaults().fit(DOCS).write(new DataOutputStream(bytes));
    assertThatThrownBy(() -> Vectorizer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
        VectorizerConfig.builder().weighting(Weighting.COUNT).build()))
        .isInstanceOf(IOException.class).hasMessageContaining("idf");
  }

  @Test
  void featuresAreNumberedInOrderOfFirstOccurrence() {
    // DOCS: "good good movie", "bad movie", "good plot bad acting", "movie"
    assertThat(names(VectorizerConfig.defaults().fit(DOCS))).containsExactly("good", "movie", "bad", "plot", "acting");
    // maxFeatures keeps "b" and "c" (2 each, like "d", but first alphabetically), numbered as they first occur
    assertThat(names(VectorizerConfig.builder().maxFeatures(2).build().fit(List.of(words("d c b b c a d")))))
        .containsExactly("c", "b");
  }

  @Test
  void fitTransformGivesTheFittedVectorizerAndItsTransforms() {
    for (VectorizerConfig config : List.of(VectorizerConfig.defaults(),
        VectorizerConfig.builder().minDf(2).weighting(Weighting.COUNT).build(),
        VectorizerConfig.builder().hashingBuckets(64).build())) {
      VectorizerConfig.FittedAndTransformed both = config.fitTransform(DOCS);
      Vectorizer alone = config.fit(DOCS);
      assertThat(names(both.vectorizer())).isEqualTo(names(alone));
      for (int d = 0; d < DOCS.size(); d++) {
        assertThat(both.vectors().get(d)).isEqualTo(alone.transform(DOCS.get(d)));
      }
    }
  }

  @Test
  void fittingIsDeterministic() {
    Vectorizer a = VectorizerConfig.defaults().fit(DOCS);
    Vectorizer b = VectorizerConfig.defaults().fit(List.of(DOCS.get(0), DOCS.get(1), DOCS.get(2), DOCS.get(3)));
    assertThat(names(a)).isEqualTo(names(b));
    assertThat(a.transform(DOCS.get(2))).isEqualTo(b.transform(DOCS.get(2)));
  }

  @Test
  void validatesSettings() {
    assertThatThrownBy(() -> VectorizerConfig.builder().minDf(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("minDf");
    assertThatThrownBy(() -> VectorizerConfig.builder().minDf(1.5).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("minDf").hasMessageContaining("1.5");
    assertThatThrownBy(() -> VectorizerConfig.builder().maxDf(0.0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxDf");
    assertThatThrownBy(() -> VectorizerConfig.builder().maxFeatures(-1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxFeatures");
    assertThatThrownBy(() -> VectorizerConfig.builder().hashingBuckets(-3).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("hashingBuckets");
    assertThatThrownBy(() -> VectorizerConfig.builder().hashingBuckets(16).maxFeatures(5).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxFeatures");
    assertThatThrownBy(() -> VectorizerConfig.builder().weighting(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("weighting");
    VectorizerConfig c = VectorizerConfig.builder().minDf(0.25).maxDf(0.9).maxFeatures(7).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  private static List<String> names(Vectorizer v) {
    return java.util.stream.IntStream.range(0, v.dimension()).mapToObj(v::featureName).toList();
  }
}
