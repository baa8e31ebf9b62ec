package io.mercato.text.vectorize;

import io.mercato.core.DataException;
import io.mercato.core.linalg.SparseVector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The one {@link Vectorizer} implementation: a {@link FeatureIndex} plus the weighting of its config. */
final class FittedVectorizer implements Vectorizer {

  private static final int FORMAT = 1;

  private final VectorizerConfig config;
  private final FeatureIndex index;
  /** Per-feature idf, or null unless the weighting is TF-IDF. */
  private final double[] idf;
  /** Per feature: is it a character n-gram (normalized as its own block); null in hashing mode. */
  private final boolean[] characterNgram;

  private FittedVectorizer(VectorizerConfig config, FeatureIndex index, double[] idf) {
    this.config = config;
    this.index = index;
    this.idf = idf;
    if (index instanceof Vocabulary vocabulary) {
      List<String> terms = vocabulary.terms();
      characterNgram = new boolean[terms.size()];
      for (int i = 0; i < characterNgram.length; i++) {
        characterNgram[i] = isCharacterNgram(terms.get(i));
      }
    } else {
      characterNgram = null;
    }
  }

  /** The tokenizer writes character n-grams in brackets, e.g. {@code "[ lo]"}; words never contain brackets. */
  private static boolean isCharacterNgram(String term) {
    return term.length() > 2 && term.charAt(0) == '[' && term.charAt(term.length() - 1) == ']';
  }

  static FittedVectorizer fit(VectorizerConfig config, List<? extends List<String>> documents) {
    if (documents.isEmpty()) {
      throw new DataException("cannot fit a vectorizer on an empty corpus");
    }
    return config.hashingBuckets() > 0 ? fitHashing(config, documents) : fitVocabulary(config, documents);
  }

  private static FittedVectorizer fitVocabulary(VectorizerConfig config, List<? extends List<String>> documents) {
    int n = documents.size();
    Map<String, int[]> stats = TermCounts.of(documents);
    double minCount = config.minDfIsFraction() ? config.minDf() * n : config.minDf();
    double maxCount = config.maxDf() * n;
    List<Map.Entry<String, int[]>> kept = new ArrayList<>();
    for (Map.Entry<String, int[]> e : stats.entrySet()) {
      int df = e.getValue()[0];
      if (df >= minCount && df <= maxCount) {
        kept.add(e);
      }
    }
    if (config.maxFeatures() > 0 && kept.size() > config.maxFeatures()) {
      kept.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[1])
          .thenComparing(Map.Entry::getKey));
      kept = new ArrayList<>(kept.subList(0, config.maxFeatures()));
    }
    if (kept.isEmpty()) {
      throw new DataException("no term is left after pruning " + stats.size() + " terms of " + n
          + " documents with " + config);
    }
    // feature ids in term order, whatever the counting order (terms are distinct, so the order is total
    // and the parallel sort deterministic)
    String[] sorted = new String[kept.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = kept.get(i).getKey();
    }
    Arrays.parallelSort(sorted);
    List<String> terms = Arrays.asList(sorted);
    int[] df = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      df[i] = stats.get(sorted[i])[0];
    }
    return new FittedVectorizer(config, new Vocabulary(terms), idf(config, df, n));
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
    double tf = config.sublinearTf() ? 1.0 + Math.log(count) : count;
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
