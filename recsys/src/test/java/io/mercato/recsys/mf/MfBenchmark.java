package io.mercato.recsys.mf;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Development benchmark (a main program, not a test): trains the factorization models on a prepared peer split
 * ({@code python3 /work/shared/peers/prepare --out DIR}) and prints RMSE/MAE, P/R/NDCG@10 and timings under the
 * peers' protocol. Usage: {@code MfBenchmark DIR/ml-latest-small [algo...]}.
 */
public final class MfBenchmark {
  public static void main(String[] args) throws Exception {
    PreparedSplit split = new PreparedSplit(Path.of(args[0]));
    String[] algos = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"biased-mf"};
    RatingMatrix m = split.matrix();
    for (String a : algos) {
      String[] parts = a.split(":");
      long t0 = System.nanoTime();
      LatentFactors f;
      RatingMatrix train = m;
      switch (parts[0]) {
        case "biased-mf", "svd++" -> {
          BiasedMfTrainer.Builder b = BiasedMfTrainer.builder().svdPlusPlus(parts[0].equals("svd++"));
          if (parts.length > 1) b.rank(Integer.parseInt(parts[1]));
          if (parts.length > 2) b.epochs(Integer.parseInt(parts[2]));
          if (parts.length > 3) b.learningRate(Double.parseDouble(parts[3]));
          if (parts.length > 4) b.regularization(Double.parseDouble(parts[4]));
          if (parts.length > 5) b.biasRegularization(Double.parseDouble(parts[5]));
          if (parts.length > 6) b.learningRateDecay(Double.parseDouble(parts[6]));
          f = b.build().factorize(m);
        }
        case "als" -> {
          AlsTrainer.Builder b = AlsTrainer.builder();
          if (parts.length > 1) b.rank(Integer.parseInt(parts[1]));
          if (parts.length > 2) b.iterations(Integer.parseInt(parts[2]));
          if (parts.length > 3) b.regularization(Double.parseDouble(parts[3]));
          if (parts.length > 4) b.weightedRegularization(Boolean.parseBoolean(parts[4]));
          f = b.build().factorize(m);
        }
        case "ials" -> {
          ImplicitAlsTrainer.Builder b = ImplicitAlsTrainer.builder();
          if (parts.length > 1) b.rank(Integer.parseInt(parts[1]));
          if (parts.length > 2) b.iterations(Integer.parseInt(parts[2]));
          if (parts.length > 3) b.regularization(Double.parseDouble(parts[3]));
          if (parts.length > 4) b.alpha(Double.parseDouble(parts[4]));
          if (parts.length > 5) b.scaling(ImplicitAlsTrainer.Scaling.valueOf(parts[5]));
          if (parts.length > 6) b.cgSteps(Integer.parseInt(parts[6]));
          f = b.build().factorize(m);
        }
        case "bpr" -> {
          BprTrainer.Builder b = BprTrainer.builder();
          if (parts.length > 1) b.rank(Integer.parseInt(parts[1]));
          if (parts.length > 2) b.epochs(Integer.parseInt(parts[2]));
          if (parts.length > 3) b.learningRate(Double.parseDouble(parts[3]));
          if (parts.length > 4) b.regularization(Double.parseDouble(parts[4]));
          f = b.build().factorize(m);
        }
        default -> throw new IllegalArgumentException(a);
      }
      double fit = (System.nanoTime() - t0) / 1e9;
      double[] rm = split.implicit ? new double[] {Double.NaN, Double.NaN} : split.rmseMae(f);
      split.topN(f, train); // warm-up (ND4J load)
      double[] tn = split.topN(f, train);
      System.out.printf("%-40s rmse %.4f mae %.4f P@10 %.4f R@10 %.4f NDCG@10 %.4f fit %.2fs top10-all %.3fs%n",
          a, rm[0], rm[1], tn[0], tn[1], tn[2], fit, tn[3]);
    }
  }
}
