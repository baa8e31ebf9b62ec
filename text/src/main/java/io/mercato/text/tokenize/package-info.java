/**
 * Tokenization: the pluggable {@link io.mercato.text.tokenize.Tokenizer} interface, the dictionary-free
 * {@link io.mercato.text.tokenize.UnicodeTokenizer} (Latin words, CJK character unigrams and bigrams,
 * cross-script bigrams, word and character n-grams) and {@link io.mercato.text.tokenize.StopWords}.
 */
package io.mercato.text.tokenize;
