package io.mercato.text.vectorize;

import io.mercato.core.DataException;
import io.mercato.core.linalg.SparseVector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** The one {@link Vectorizer} implementation: a {@link FeatureIndex} plus the weighting of its config. */
final class FittedVectorizer implements Vectorizer {

  private static final int FORMAT = 1;

  private final VectorizerConfig config;
  private final FeatureIndex index;
  /** Per-feature idf, or null unless the weighting is TF-IDF. */
  private final double[] idf;
  /** Per feature: is it a character n-gram (normalized as its own block); null in hashing mode or when none is. */
  private final boolean[] characterNgram;

  private FittedVectorizer(VectorizerConfig config, FeatureIndex index, double[] idf) {
    this.config = config;
    this.index = index;
    this.idf = idf;
    this.characterNgram = index instanceof Vocabulary vocabulary ? characterNgrams(vocabulary.terms()) : null;
  }

  /** Which features are character n-grams, or null when none is (then no per-feature check is needed). */
  private static boolean[] characterNgrams(List<String> terms) {
    boolean[] out = new boolean[terms.size()];
    boolean any = false;
    for (int i = 0; i < out.length; i++) {
      out[i] = isCharacterNgram(terms.get(i));
      any |= out[i];
    }
    return any ? out : null;
  }

  /** The tokenizer writes character n-grams in brackets, e.g. {@code "[ lo]"}; words never contain brackets. */
  private static boolean isCharacterNgram(String term) {
    return term.length() > 2 && term.charAt(0) == '[' && term.charAt(term.length() - 1) == ']';
  }

  static FittedVectorizer fit(VectorizerConfig config, List<? extends List<String>> documents) {
    requireDocuments(documents);
    return config.hashingBuckets() > 0 ? fitHashing(config, documents)
        : fitVocabulary(config, TermCounts.frequenciesOf(documents)).vectorizer;
  }

  /**
   * {@link #fit} and the transform of the same documents. In vocabulary mode each document's terms are
   * mapped to features through the ids counting gave them, without looking any term up again; in hashing
   * mode it is fit then transform.
   */
  static VectorizerConfig.FittedAndTransformed fitTransform(VectorizerConfig config,
      List<? extends List<String>> documents) {
    requireDocuments(documents);
    SparseVector[] vectors = new SparseVector[documents.size()];
    if (config.hashingBuckets() > 0) {
      FittedVectorizer hashing = fitHashing(config, documents);
      IntStream.range(0, vectors.length).parallel().forEach(d -> vectors[d] = hashing.transform(documents.get(d)));
      return new VectorizerConfig.FittedAndTransformed(hashing, List.of(vectors));
    }
    TermCounts counts = TermCounts.of(documents);
    Pruned pruned = fitVocabulary(config, counts);
    IntStream.range(0, vectors.length).parallel().forEach(d -> {
      int[] ids = counts.termIds(d);
      int k = 0;
      for (int id : ids) {
        int feature = pruned.featureOf[id];
        if (feature >= 0) {
          ids[k++] = feature;
        }
      }
      vectors[d] = pruned.vectorizer.vector(ids, k);
    });
    return new VectorizerConfig.FittedAndTransformed(pruned.vectorizer, List.of(vectors));
  }

  private static void requireDocuments(List<? extends List<String>> documents) {
    if (documents.isEmpty()) {
      throw new DataException("cannot fit a vectorizer on an empty corpus");
    }
  }

  /** A vocabulary-mode vectorizer and, per counted term id, its feature id (-1 when pruned). */
  private record Pruned(FittedVectorizer vectorizer, int[] featureOf) {
  }

  /**
   * Keeps the terms within the document-frequency bounds (and the most frequent {@code maxFeatures},
   * ties by term), numbered in order of first occurrence: deterministic whatever the thread count.
   */
  private static Pruned fitVocabulary(VectorizerConfig config, TermCounts counts) {
    int n = counts.documents();
    double minCount = config.minDfIsFraction() ? config.minDf() * n : config.minDf();
    double maxCount = config.maxDf() * n;
    int[] kept = IntStream.range(0, counts.size())
        .filter(id -> counts.documentFrequency(id) >= minCount && counts.documentFrequency(id) <= maxCount)
        .toArray();
    if (config.maxFeatures() > 0 && kept.length > config.maxFeatures()) {
      kept = counts.mostFrequent(kept, config.maxFeatures());
      Arrays.sort(kept); // back to the order of first occurrence
    }
    if (kept.length == 0) {
      throw new DataException("no term is left after pruning " + counts.size() + " terms of " + n
          + " documents with " + config);
    }
    int[] featureOf = new int[counts.size()];
    Arrays.fill(featureOf, -1);
    List<String> terms = new ArrayList<>(kept.length);
    int[] df = new int[kept.length];
    for (int f = 0; f < kept.length; f++) {
      featureOf[kept[f]] = f;
      terms.add(counts.term(kept[f]));
      df[f] = counts.documentFrequency(kept[f]);
    }
    return new Pruned(new FittedVectorizer(config, new Vocabulary(terms), idf(config, df, n)), featureOf);
  }

  private static FittedVectorizer fitHashing(VectorizerConfig config, List<? extends List<String>> documents) {
    int buckets = config.hashingBuckets();
    HashingIndex index = new HashingIndex(buckets);
    double[] idf = null;
    if (config.weighting() == Weighting.TFIDF) {
      int n = documents.size();
      int[] df = new int[buckets];
      int[] lastDoc = new int[buckets];
      Arrays.fill(lastDoc, -1);
      for (int d = 0; d < n; d++) {
        for (String term : documents.get(d)) {
          int b = index.indexOf(term);
          if (lastDoc[b] != d) {
            lastDoc[b] = d;
            df[b]++;
          }
        }
      }
      idf = idf(config, df, n);
    }
    return new FittedVectorizer(config, index, idf);
  }

  /** Smooth: ln((1+n)/(1+df)) + 1; plain: ln(n/df) + 1 (a never-seen hashing bucket counts as df = 1). */
  private static double[] idf(VectorizerConfig config, int[] df, int n) {
    if (config.weighting() != Weighting.TFIDF) {
      return null;
    }
    double[] idf = new double[df.length];
    for (int i = 0; i < df.length; i++) {
      idf[i] = config.smoothIdf()
          ? Math.log((1.0 + n) / (1.0 + df[i])) + 1.0
          : Math.log((double) n / Math.max(1, df[i])) + 1.0;
    }
    return idf;
  }

  @Override
  public SparseVector transform(List<String> terms) {
    int size = terms.size();
    int[] ids = new int[size];
    int k = 0;
    for (int i = 0; i < size; i++) {
      int id = index.indexOf(terms.get(i));
      if (id >= 0) {
        ids[k++] = id;
      }
    }
    return vector(ids, k);
  }

  /** The weighted (and normalized) vector of the first {@code k} feature ids of a document, which it sorts. */
  private SparseVector vector(int[] ids, int k) {
    Arrays.sort(ids, 0, k);
    int[] indices = new int[k];
    double[] values = new double[k];
    int m = 0;
    double wordSquares = 0;
    double characterSquares = 0;
    for (int i = 0; i < k; ) {
      int id = ids[i];
      int j = i + 1;
      while (j < k && ids[j] == id) {
        j++;
      }
      double v = weight(id, j - i);
      indices[m] = id;
      values[m] = v;
      if (characterNgram != null && characterNgram[id]) {
        characterSquares += v * v;
      } else {
        wordSquares += v * v;
      }
      m++;
      i = j;
    }
    if (config.l2Normalize()) {
      // words and character n-grams each get unit norm, like a union of a word and a char_wb
      // vectorizer: otherwise the many character n-grams would drown the words
      double wordScale = wordSquares > 0 ? 1.0 / Math.sqrt(wordSquares) : 0;
      double characterScale = characterSquares > 0 ? 1.0 / Math.sqrt(characterSquares) : 0;
      for (int i = 0; i < m; i++) {
        values[i] *= characterNgram != null && characterNgram[indices[i]] ? characterScale : wordScale;
      }
    }
    return SparseVector.of(index.dimension(), Arrays.copyOf(indices, m), Arrays.copyOf(values, m));
  }

  private double weight(int feature, int count) {
    if (config.weighting() == Weighting.BINARY) {
      return 1.0;
    }
    // most terms occur once in a text: skip the logarithm then
    double tf = count == 1 ? 1.0 : config.sublinearTf() ? 1.0 + Math.log(count) : count;
    return idf == null ? tf : tf * idf[feature];
  }

  @Override
  public int dimension() {
    return index.dimension();
  }

  @Override
  public String featureName(int i) {
    if (i < 0 || i >= index.dimension()) {
      throw new IndexOutOfBoundsException("feature " + i + " of " + index.dimension());
    }
    return index.name(i);
  }

  @Override
  public int featureIndex(String term) {
    return index.indexOf(term);
  }

  @Override
  public double idf(int i) {
    if (i < 0 || i >= index.dimension()) {
      throw new IndexOutOfBoundsException("feature " + i + " of " + index.dimension());
    }
    return idf == null ? 1.0 : idf[i];
  }

  @Override
  public VectorizerConfig config() {
    return config;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(FORMAT);
    if (index instanceof Vocabulary vocabulary) {
      out.writeInt(vocabulary.dimension());
      for (String term : vocabulary.terms()) {
        out.writeUTF(term);
      }
    } else {
      out.writeInt(-index.dimension());
    }
    out.writeBoolean(idf != null);
    if (idf != null) {
      for (double v : idf) {
        out.writeDouble(v);
      }
    }
  }

  static FittedVectorizer read(DataInput in, VectorizerConfig config) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("unknown vectorizer format " + format);
    }
    int size = in.readInt();
    FeatureIndex index;
    if (size >= 0) {
      if (config.hashingBuckets() != 0) {
        throw new IOException("vocabulary state but the configuration asks for feature hashing");
      }
      List<String> terms = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        terms.add(in.readUTF());
      }
      index = new Vocabulary(terms);
    } else {
      if (-size != config.hashingBuckets()) {
        throw new IOException("hashing state with " + -size + " buckets but the configuration has "
            + config.hashingBuckets());
      }
      index = new HashingIndex(-size);
    }
    double[] idf = null;
    if (in.readBoolean()) {
      idf = new double[index.dimension()];
      for (int i = 0; i < idf.length; i++) {
        idf[i] = in.readDouble();
      }
    }
    if ((idf != null) != (config.weighting() == Weighting.TFIDF)) {
      throw new IOException("idf state does not match weighting " + config.weighting());
    }
    return new FittedVectorizer(config, index, idf);
  }
}
