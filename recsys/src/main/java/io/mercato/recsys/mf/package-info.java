/**
 * Latent-factor recommenders: biased MF and SVD++ by SGD ({@link io.mercato.recsys.mf.BiasedMfTrainer}), explicit
 * ALS ({@link io.mercato.recsys.mf.AlsTrainer}), implicit ALS with conjugate-gradient solves
 * ({@link io.mercato.recsys.mf.ImplicitAlsTrainer}) and BPR ({@link io.mercato.recsys.mf.BprTrainer}). All train
 * on the CSR arrays of {@code Interactions} into one model type, {@link io.mercato.recsys.mf.FactorModel}
 * (batch scoring as one float32 matrix product, fold-in of new users, "because you liked X" attributions,
 * persistence). Registered by name as {@code biased-mf}, {@code svdpp}, {@code als}, {@code implicit-als},
 * {@code bpr}.
 */
package io.mercato.recsys.mf;
