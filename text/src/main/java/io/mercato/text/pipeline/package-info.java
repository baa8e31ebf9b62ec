/**
 * The text pipeline: {@link io.mercato.text.pipeline.TextPipeline} (configuration: PII masker, normalizer,
 * tokenizer, vectorizer) fits a {@link io.mercato.text.pipeline.FittedTextPipeline} that encodes raw text
 * into feature vectors and token ids and persists itself in a model file.
 */
package io.mercato.text.pipeline;
