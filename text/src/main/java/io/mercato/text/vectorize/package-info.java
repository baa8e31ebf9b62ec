/**
 * Bag-of-words vectorization: {@link io.mercato.text.vectorize.VectorizerConfig} fits a
 * {@link io.mercato.text.vectorize.Vectorizer} (counts, binary or TF-IDF; vocabulary or feature hashing;
 * document-frequency pruning) that maps terms to sparse vectors.
 */
package io.mercato.text.vectorize;
