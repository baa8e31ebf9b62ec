/** Loading labelled texts from CSV/TSV files: {@link io.mercato.text.data.TextDataset}. */
package io.mercato.text.data;
