/**
 * Pretrained word vectors for the neural text models: {@link io.mercato.text.embed.WordVectors}
 * reads fastText {@code .vec}, word2vec text and binary files (gzip too) with errors naming file,
 * line or byte and reason; {@link io.mercato.text.embed.EmbeddingInit} copies them into the
 * embedding layer of any DL4J {@code ComputationGraph} and reports the vocabulary's coverage.
 */
package io.mercato.text.embed;
