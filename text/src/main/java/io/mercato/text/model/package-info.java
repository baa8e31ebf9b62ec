/**
 * Text models behind one small seam: a {@link io.mercato.text.model.TextModelTrainer} turns a
 * {@link io.mercato.text.model.TrainingSet} of encoded texts into an immutable, thread-safe
 * {@link io.mercato.text.model.TextModel} that maps batches of encoded texts to probabilities.
 * {@link io.mercato.text.model.TextModels} reads saved models back by type name and gives each
 * type's default trainer. Types: linear softmax ({@code LinearModel}), fastText-style embedding bag
 * ({@code FastTextModel}), MLP and CNN on DL4J ({@code MlpModel}, {@code CnnModel}; the CNN optionally starts from pretrained
 * word vectors of {@link io.mercato.text.embed}).
 */
package io.mercato.text.model;
