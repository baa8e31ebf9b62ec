package io.mercato.text.tokenize;

import java.util.List;

/**
 * Splits normalized text into tokens. Implement it to plug in your own segmentation (for example a
 * dictionary-based Chinese word segmenter).
 *
 * <p>Two views are used downstream: {@link #tokenize} gives the token sequence in text order (sequence
 * models embed it, and it is the unigram part of the bag of words); {@link #terms} gives the bag-of-words
 * terms for the vectorizer, by default the same tokens. {@link UnicodeTokenizer} adds word n-grams,
 * CJK bigrams, cross-script bigrams and character n-grams to the terms.
 *
 * <p>Implementations must be stateless (or thread-safe) and deterministic. A custom tokenizer is not
 * persisted with a model: a model trained with one records its class name and must be loaded with an
 * instance of the same class supplied again (see {@code FittedTextPipeline.readFrom}). Use a named class,
 * not a lambda: a lambda's class name is not stable from one JVM run to the next.
 */
public interface Tokenizer {

  /** The tokens of {@code normalizedText} in text order. */
  List<String> tokenize(String normalizedText);

  /** The bag-of-words terms of {@code normalizedText}; by default the tokens. */
  default List<String> terms(String normalizedText) {
    return tokenize(normalizedText);
  }

  /** Both views at once (one scan for tokenizers that can share the work). */
  default TokenizedText analyze(String normalizedText) {
    List<String> tokens = tokenize(normalizedText);
    return new TokenizedText(tokens, terms(normalizedText));
  }
}
