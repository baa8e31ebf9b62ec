/**
 * Text classification for marketing text in English and Chinese: {@link io.mercato.text.TextClassifier}
 * (trained, immutable, thread-safe: predict, top-k, batch, explain, evaluate, save/load), configured and
 * trained through {@link io.mercato.text.TextClassifierTrainer} ({@code TextClassifier.builder()}), with
 * {@link io.mercato.text.Prediction}, {@link io.mercato.text.Explanation},
 * {@link io.mercato.text.CrossValidation} and the training examples {@link io.mercato.text.LabeledText}.
 */
package io.mercato.text;
