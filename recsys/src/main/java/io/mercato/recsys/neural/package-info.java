/**
 * Neural collaborative filtering on DL4J ({@link io.mercato.recsys.neural.NcfTrainer},
 * {@link io.mercato.recsys.neural.NcfModel}), registered by name as {@code ncf}.
 */
package io.mercato.recsys.neural;
