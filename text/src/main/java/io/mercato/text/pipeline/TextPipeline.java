package io.mercato.text.pipeline;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.text.normalize.Normalizer;
import io.mercato.text.privacy.PiiMasker;
import io.mercato.text.tokenize.TokenizedText;
import io.mercato.text.tokenize.Tokenizer;
import io.mercato.text.tokenize.UnicodeTokenizer;
import io.mercato.text.vectorize.Vectorizer;
import io.mercato.text.vectorize.TermCounts;
import io.mercato.text.vectorize.VectorizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The configuration of the text pipeline: PII masker → normalizer → tokenizer → vectorizer,
 * plus the token vocabulary for sequence models. Immutable; {@link #fit} learns the vocabularies and
 * document frequencies from a corpus and returns a {@link FittedTextPipeline}.
 *
 * <p>The defaults suit short marketing text in English, Chinese or both: NFKC, lower-casing, URL
 * placeholders; word uni- and bigrams, CJK character uni- and bigrams and cross-script bigrams (a CJK
 * character and the word beside it); sublinear TF-IDF with smooth
 * idf and l2 normalization; PII masking of every kind ({@link PiiMasker#standard()}; opt out with
 * {@code piiMasker(PiiMasker.none())}).
 */
public final class TextPipeline {

  /** Default {@link Builder#maxSequenceLength}. */
  public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 256;

  private final PiiMasker piiMasker;
  private final Normalizer normalizer;
  private final Tokenizer tokenizer;
  private final VectorizerConfig vectorizer;
  private final int maxSequenceLength;
  private final int minTokenCount;
  private final int maxVocabularySize;

  private TextPipeline(Builder b) {
    this.piiMasker = b.piiMasker;
    this.normalizer = b.normalizer;
    this.tokenizer = b.tokenizer;
    this.vectorizer = b.vectorizer;
    this.maxSequenceLength = b.maxSequenceLength;
    this.minTokenCount = b.minTokenCount;
    this.maxVocabularySize = b.maxVocabularySize;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default pipeline. */
  public static TextPipeline defaults() {
    return builder().build();
  }

  /** A builder initialized with this configuration. */
  public Builder toBuilder() {
    return new Builder().piiMasker(piiMasker).normalizer(normalizer).tokenizer(tokenizer).vectorizer(vectorizer)
        .maxSequenceLength(maxSequenceLength).minTokenCount(minTokenCount).maxVocabularySize(maxVocabularySize);
  }

  /** The PII masker ({@link PiiMasker#none()} when masking is off). */
  public PiiMasker piiMasker() {
    return piiMasker;
  }

  /** The normalizer run before tokenization. */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** The tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The configuration of the token-to-features vectorizer. */
  public VectorizerConfig vectorizer() {
    return vectorizer;
  }

  /** The most token ids {@link FittedTextPipeline#encode} returns per text. */
  public int maxSequenceLength() {
    return maxSequenceLength;
  }

  /** Tokens seen fewer times than this in the corpus are unknown (id 1) to sequence models. */
  public int minTokenCount() {
    return minTokenCount;
  }

  /** The most tokens in the token vocabulary (most frequent first; 0 = unlimited). */
  public int maxVocabularySize() {
    return maxVocabularySize;
  }

  /** Masks (if configured) and normalizes one raw text. */
  String prepare(String text) {
    Objects.requireNonNull(text, "text");
    return normalizer.normalize(piiMasker.mask(text));
  }

  /**
   * Learns the feature vocabulary with document frequencies and the token vocabulary from {@code texts}.
   * Deterministic: the same texts give the same fitted pipeline.
   *
   * @throws DataException if {@code texts} is empty or no feature survives the vectorizer's pruning
   */
  public FittedTextPipeline fit(List<String> texts) {
    TokenizedText[] analyzed = analyze(texts);
    Vectorizer features = vectorizer.fit(Arrays.stream(analyzed).map(TokenizedText::terms).toList());
    return new FittedTextPipeline(this, features, tokenVocabulary(countTokens(analyzed, false)).tokens);
  }

  /** A fitted pipeline together with the encodings of the texts it was fitted on. */
  public record FittedAndEncoded(FittedTextPipeline pipeline, List<EncodedText> encoded) {
  }

  /**
   * {@link #fit} and {@link FittedTextPipeline#encodeAll} of the same texts in one go, as training does:
   * each text is tokenized once, and counting the vocabularies numbers every term and token, so encoding
   * needs no look-up (except of features in hashing mode, which are hashed again).
   *
   * @throws DataException if {@code texts} is empty or no feature survives the vectorizer's pruning
   */
  public FittedAndEncoded fitAndEncode(List<String> texts) {
    return fitAndEncode(texts, List.of());
  }

  /**
   * {@link #fitAndEncode(List)} with a token vocabulary extended by {@code extraWords}, such as the
   * words of pretrained vectors, so that sequence models know them even when the training texts do
   * not hold them. Each word goes through the pipeline (masking, normalization, tokenization); one that
   * becomes exactly one token not yet in the vocabulary is appended after the counted tokens, in order
   * (a word that becomes several tokens, such as a Chinese word of several characters, adds nothing).
   * The feature vocabulary is not extended.
   *
   * @throws DataException if {@code texts} is empty or no feature survives the vectorizer's pruning
   */
  public FittedAndEncoded fitAndEncode(List<String> texts, List<String> extraWords) {
    Objects.requireNonNull(extraWords, "extraWords");
    TokenizedText[] analyzed = analyze(texts);
    VectorizerConfig.FittedAndTransformed features =
        vectorizer.fitTransform(Arrays.stream(analyzed).map(TokenizedText::terms).toList());
    TermCounts tokenCounts = countTokens(analyzed, true);
    TokenVocabulary vocabulary = extend(tokenVocabulary(tokenCounts), tokenCounts, extraWords);
    FittedTextPipeline fitted = new FittedTextPipeline(this, features.vectorizer(), vocabulary.tokens);
    EncodedText[] encoded = new EncodedText[analyzed.length];
    IntStream.range(0, analyzed.length).parallel().forEach(d -> {
      int[] ids = tokenCounts.termIds(d);
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.tokenIdOf[ids[i]];
      }
      encoded[d] = new EncodedText(features.vectors().get(d),
          ids.length > maxSequenceLength ? Arrays.copyOf(ids, maxSequenceLength) : ids);
    });
    return new FittedAndEncoded(fitted, List.of(encoded));
  }

  private TokenizedText[] analyze(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      throw new DataException("cannot fit a text pipeline on no texts");
    }
    TokenizedText[] analyzed = new TokenizedText[texts.size()];
    IntStream.range(0, analyzed.length).parallel().forEach(i -> analyzed[i] = tokenizer.analyze(prepare(texts.get(i))));
    return analyzed;
  }

  private static TermCounts countTokens(TokenizedText[] analyzed, boolean keepTokenIds) {
    List<List<String>> tokens = Arrays.stream(analyzed).map(TokenizedText::tokens).toList();
    return keepTokenIds ? TermCounts.of(tokens) : TermCounts.frequenciesOf(tokens);
  }

  /** The token vocabulary and, per counted token id, its token id in it ({@link FittedTextPipeline#UNKNOWN_ID} if left out). */
  private record TokenVocabulary(List<String> tokens, int[] tokenIdOf) {
  }

  /**
   * The tokens counted at least {@code minTokenCount} times, from most to least frequent (ties by token),
   * at most {@code maxVocabularySize} of them.
   */
  private TokenVocabulary tokenVocabulary(TermCounts counts) {
    int[] kept = counts.mostFrequent(
        IntStream.range(0, counts.size()).filter(id -> counts.totalCount(id) >= minTokenCount).toArray(),
        maxVocabularySize);
    List<String> tokens = new ArrayList<>(kept.length);
    int[] tokenIdOf = new int[counts.size()];
    Arrays.fill(tokenIdOf, FittedTextPipeline.UNKNOWN_ID);
    for (int rank = 0; rank < kept.length; rank++) {
      tokens.add(counts.term(kept[rank]));
      tokenIdOf[kept[rank]] = FittedTextPipeline.FIRST_TOKEN_ID + rank;
    }
    return new TokenVocabulary(tokens, tokenIdOf);
  }

  /** {@code vocabulary} with the single-token forms of {@code extraWords} appended (see {@link #fitAndEncode(List, List)}). */
  private TokenVocabulary extend(TokenVocabulary vocabulary, TermCounts counts, List<String> extraWords) {
    if (extraWords.isEmpty()) {
      return vocabulary;
    }
    List<String> tokens = new ArrayList<>(vocabulary.tokens);
    Map<String, Integer> known = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      known.put(tokens.get(i), FittedTextPipeline.FIRST_TOKEN_ID + i);
    }
    for (String word : extraWords) {
      List<String> asTokens = tokenizer.tokenize(prepare(word));
      if (asTokens.size() == 1 && known.putIfAbsent(asTokens.get(0), FittedTextPipeline.FIRST_TOKEN_ID + tokens.size()) == null) {
        tokens.add(asTokens.get(0));
      }
    }
    // counted tokens left out by minTokenCount or maxVocabularySize get the id of their extra word, if any
    int[] tokenIdOf = vocabulary.tokenIdOf.clone();
    for (int id = 0; id < tokenIdOf.length; id++) {
      if (tokenIdOf[id] == FittedTextPipeline.UNKNOWN_ID) {
        tokenIdOf[id] = known.getOrDefault(counts.term(id), FittedTextPipeline.UNKNOWN_ID);
      }
    }
    return new TokenVocabulary(tokens, tokenIdOf);
  }

  @Override
  public String toString() {
    return "TextPipeline{piiMasker=" + piiMasker + ", normalizer=" + normalizer + ", tokenizer=" + tokenizer
        + ", vectorizer=" + vectorizer + ", maxSequenceLength=" + maxSequenceLength + ", minTokenCount="
        + minTokenCount + ", maxVocabularySize=" + maxVocabularySize + "}";
  }

  /** Fluent builder of {@link TextPipeline}; {@link #build()} validates. */
  public static final class Builder {
    private PiiMasker piiMasker = PiiMasker.standard();
    private Normalizer normalizer = Normalizer.standard();
    private Tokenizer tokenizer = UnicodeTokenizer.standard();
    private VectorizerConfig vectorizer = VectorizerConfig.defaults();
    private int maxSequenceLength = DEFAULT_MAX_SEQUENCE_LENGTH;
    private int minTokenCount = 1;
    private int maxVocabularySize;

    private Builder() {}

    /** PII masking before everything else (default {@link PiiMasker#standard()}; {@link PiiMasker#none()} for none). */
    public Builder piiMasker(PiiMasker piiMasker) {
      this.piiMasker = piiMasker;
      return this;
    }

    /** The normalizer (default {@link Normalizer#standard()}). */
    public Builder normalizer(Normalizer normalizer) {
      this.normalizer = normalizer;
      return this;
    }

    /** The tokenizer (default {@link UnicodeTokenizer#standard()}); see {@link Tokenizer} on persistence. */
    public Builder tokenizer(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    /** The vectorizer configuration (default {@link VectorizerConfig#defaults()}). */
    public Builder vectorizer(VectorizerConfig vectorizer) {
      this.vectorizer = vectorizer;
      return this;
    }

    /** The most token ids per encoded text, in [1, 100000] (default 256). */
    public Builder maxSequenceLength(int maxSequenceLength) {
      this.maxSequenceLength = maxSequenceLength;
      return this;
    }

    /** Minimum corpus count of a token to get its own id (>= 1, default 1). */
    public Builder minTokenCount(int minTokenCount) {
      this.minTokenCount = minTokenCount;
      return this;
    }

    /** The most tokens in the token vocabulary, most frequent first (>= 0, 0 = unlimited, the default). */
    public Builder maxVocabularySize(int maxVocabularySize) {
      this.maxVocabularySize = maxVocabularySize;
      return this;
    }

    /** Validates and builds. */
    public TextPipeline build() {
      if (piiMasker == null) {
        throw ConfigurationException.invalid("piiMasker", null, "must not be null (use PiiMasker.none() to mask nothing)");
      }
      if (normalizer == null) {
        throw ConfigurationException.invalid("normalizer", null, "must not be null");
      }
      if (tokenizer == null) {
        throw ConfigurationException.invalid("tokenizer", null, "must not be null");
      }
      if (vectorizer == null) {
        throw ConfigurationException.invalid("vectorizer", null, "must not be null");
      }
      if (maxSequenceLength < 1 || maxSequenceLength > 100_000) {
        throw ConfigurationException.invalid("maxSequenceLength", maxSequenceLength, "must be in [1, 100000]");
      }
      if (minTokenCount < 1) {
        throw ConfigurationException.invalid("minTokenCount", minTokenCount, "must be >= 1");
      }
      if (maxVocabularySize < 0) {
        throw ConfigurationException.invalid("maxVocabularySize", maxVocabularySize, "must be >= 0 (0 = unlimited)");
      }
      return new TextPipeline(this);
    }
  }
}
