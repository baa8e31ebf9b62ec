/**
 * Neural collaborative filtering in its generalized-matrix-factorization form, trained in plain Java
 * ({@link io.mercato.recsys.neural.NcfTrainer}, {@link io.mercato.recsys.neural.NcfModel}), registered by name as
 * {@code ncf}.
 */
package io.mercato.recsys.neural;
