package io.mercato.text.pipeline;

import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.tokenize.TokenizedText;
import io.mercato.text.tokenize.Tokenizer;
import io.mercato.core.linalg.SparseVector;
import io.mercato.text.vectorize.TermIndex;
import io.mercato.text.vectorize.Vectorizer;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A fitted text pipeline: turns raw text into model input. Holds the configuration, the fitted vectorizer
 * (feature vocabulary and idf) and the token vocabulary of sequence models (id 0 = padding, 1 = unknown,
 * then tokens from most to least frequent). Immutable and thread-safe; persisted with
 * {@link #writeTo} / {@link #readFrom} so that a loaded pipeline encodes exactly as the saved one.
 */
public final class FittedTextPipeline {

  /** Token id used for padding by sequence models; never produced by {@link #encode}. */
  public static final int PADDING_ID = 0;
  /** Token id of a token outside the token vocabulary. */
  public static final int UNKNOWN_ID = 1;
  /** Token id of the most frequent token of the vocabulary; the others follow by decreasing frequency. */
  static final int FIRST_TOKEN_ID = 2;
  static final String PADDING_TOKEN = "<PAD>";
  static final String UNKNOWN_TOKEN = "<UNK>";

  private final TextPipeline config;
  private final Vectorizer vectorizer;
  /** The tokens with ids {@link #FIRST_TOKEN_ID}, ...: token id = index + {@link #FIRST_TOKEN_ID}. */
  private final TermIndex tokens;
  /** The empty feature vector of {@link EncodedText.Views#TOKEN_IDS} encodings. */
  private final SparseVector noFeatures;

  FittedTextPipeline(TextPipeline config, Vectorizer vectorizer, List<String> vocabulary) {
    this.config = config;
    this.vectorizer = vectorizer;
    this.tokens = new TermIndex(vocabulary);
    this.noFeatures = SparseVector.empty(vectorizer.dimension());
  }

  /** The configuration this pipeline was fitted with. */
  public TextPipeline config() {
    return config;
  }

  /** The fitted vectorizer. */
  public Vectorizer vectorizer() {
    return vectorizer;
  }

  /** The text after PII masking (if configured) and normalization: what the tokenizer sees. */
  public String prepare(String text) {
    return config.prepare(text);
  }

  /** The tokens of {@code text} in order (mask → normalize → tokenize), as sequence models see them. */
  public List<String> tokens(String text) {
    return config.tokenizer().tokenize(prepare(text));
  }

  /** The bag-of-words terms of {@code text} (tokens plus n-grams), as the vectorizer sees them. */
  public List<String> terms(String text) {
    return config.tokenizer().terms(prepare(text));
  }

  /** Both views of {@code text}: the feature vector and the token ids. */
  public EncodedText encode(String text) {
    return encode(text, EncodedText.Views.BOTH);
  }

  /** {@link #encode} with only the given views filled in (the other is empty). */
  public EncodedText encode(String text, EncodedText.Views views) {
    String prepared = prepare(text);
    return switch (views) {
      case FEATURES -> new EncodedText(vectorizer.transform(config.tokenizer().terms(prepared)), NO_IDS);
      case TOKEN_IDS -> new EncodedText(noFeatures, ids(config.tokenizer().tokenize(prepared)));
      case BOTH -> encode(config.tokenizer().analyze(prepared));
    };
  }

  /** Both views of an already tokenized text. */
  EncodedText encode(TokenizedText t) {
    return new EncodedText(vectorizer.transform(t.terms()), ids(t.tokens()));
  }

  private static final int[] NO_IDS = new int[0];

  /** Lists at least this long are encoded in parallel by {@link #encodeAll}. */
  static final int PARALLEL_THRESHOLD = 2048;

  /**
   * {@link #encode} of each text, in order. Long lists (at least 2048 texts) are encoded in parallel on the
   * common fork-join pool; the result is the same as encoding one by one.
   */
  public List<EncodedText> encodeAll(List<String> texts) {
    return encodeAll(texts, EncodedText.Views.BOTH);
  }

  /** {@link #encodeAll} with only the given views filled in (the other is empty). */
  public List<EncodedText> encodeAll(List<String> texts, EncodedText.Views views) {
    Objects.requireNonNull(texts, "texts");
    EncodedText[] out = new EncodedText[texts.size()];
    IntStream indices = IntStream.range(0, out.length);
    if (out.length >= PARALLEL_THRESHOLD) {
      indices = indices.parallel();
    }
    indices.forEach(i -> out[i] = encode(texts.get(i), views));
    return List.of(out);
  }

  /** The feature vector of {@code text} only: {@code encode(text, Views.FEATURES).features()}. */
  public SparseVector features(String text) {
    return encode(text, EncodedText.Views.FEATURES).features();
  }

  /** The token ids of {@code text} only: {@code encode(text, Views.TOKEN_IDS).tokenIds()}. */
  public int[] tokenIds(String text) {
    return encode(text, EncodedText.Views.TOKEN_IDS).tokenIds();
  }

  private int[] ids(List<String> tokenList) {
    int n = Math.min(tokenList.size(), config.maxSequenceLength());
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = tokenId(tokenList.get(i));
    }
    return ids;
  }

  /** The dimension of {@link EncodedText#features()}. */
  public int featureDimension() {
    return vectorizer.dimension();
  }

  /** The term behind a feature (e.g. {@code "not good"}), or {@code "#bucket"} with feature hashing. */
  public String featureName(int featureIndex) {
    return vectorizer.featureName(featureIndex);
  }

  /** The number of token ids, padding and unknown included. */
  public int vocabularySize() {
    return tokens.size() + FIRST_TOKEN_ID;
  }

  /** The token with id {@code tokenId} ({@code <PAD>} for 0, {@code <UNK>} for 1). */
  public String token(int tokenId) {
    if (tokenId < 0 || tokenId >= vocabularySize()) {
      throw new IndexOutOfBoundsException("token id " + tokenId + " of " + vocabularySize());
    }
    return tokenId == PADDING_ID ? PADDING_TOKEN : tokenId == UNKNOWN_ID ? UNKNOWN_TOKEN : tokens.term(tokenId - FIRST_TOKEN_ID);
  }

  /** The id of {@code token}, or {@link #UNKNOWN_ID}. */
  public int tokenId(String token) {
    int index = tokens.indexOf(token);
    return index < 0 ? UNKNOWN_ID : index + FIRST_TOKEN_ID;
  }

  /** The tokens with ids 2, 3, ... (without padding and unknown). */
  List<String> vocabulary() {
    return tokens.terms();
  }

  /** The most token ids per encoded text. */
  public int maxSequenceLength() {
    return config.maxSequenceLength();
  }

  /**
   * Writes the whole fitted state under entry names starting with {@code prefix}: the configuration
   * ({@code <prefix>pipeline.json}), the feature vocabulary and idf ({@code <prefix>vectorizer.bin}) and the
   * token vocabulary ({@code <prefix>tokens.bin}). Raw texts are never written.
   */
  public void writeTo(ModelFileWriter writer, String prefix) {
    PipelineFormat.write(this, writer, prefix);
  }

  /**
   * Reads a pipeline written by {@link #writeTo}.
   *
   * @throws io.mercato.core.ModelFileException if the entries are missing or malformed, or the pipeline was
   *     saved with a custom tokenizer (use {@link #readFrom(ModelFileReader, String, Tokenizer)})
   */
  public static FittedTextPipeline readFrom(ModelFileReader reader, String prefix) {
    return PipelineFormat.read(reader, prefix, null);
  }

  /**
   * Reads a pipeline saved with a custom tokenizer, which is not persisted: {@code tokenizer} must be an
   * instance of the same class, configured as when fitting (only the class name is checked). Also accepts
   * a {@code UnicodeTokenizer} pipeline, in which case {@code tokenizer} must equal the saved one.
   */
  public static FittedTextPipeline readFrom(ModelFileReader reader, String prefix, Tokenizer tokenizer) {
    return PipelineFormat.read(reader, prefix, Objects.requireNonNull(tokenizer, "tokenizer"));
  }

  @Override
  public String toString() {
    return "FittedTextPipeline{features=" + featureDimension() + ", tokens=" + vocabularySize() + ", " + config + "}";
  }
}
