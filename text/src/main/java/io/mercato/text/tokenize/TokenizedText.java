package io.mercato.text.tokenize;

import java.util.List;

/**
 * The two views of one tokenized text.
 *
 * @param tokens tokens in text order (for sequence models)
 * @param terms  bag-of-words terms: the tokens plus any n-grams (for vectorizers)
 */
public record TokenizedText(List<String> tokens, List<String> terms) {}
