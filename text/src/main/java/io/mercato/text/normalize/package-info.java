/**
 * Text normalization before tokenization: {@link io.mercato.text.normalize.Normalizer} (NFKC, full-width
 * folding, lower-casing, URL / number / emoji placeholders).
 */
package io.mercato.text.normalize;
