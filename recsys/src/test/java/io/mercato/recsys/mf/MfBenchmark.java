package io.mercato.recsys.mf;

import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Development benchmark (a main program, not a test): trains factor models chosen by registry name with
 * parameters on a prepared peer split ({@code python3 /work/shared/peers/prepare --out DIR}) and prints RMSE/MAE,
 * P/R/NDCG@10 and timings under the peers' protocol.
 *
 * <p>Usage: {@code MfBenchmark DIR/ml-latest-small als:rank=30,iterations=12 implicit-als:alpha=1 ...}
 */
public final class MfBenchmark {

  private MfBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    PreparedSplit split = new PreparedSplit(Path.of(args[0]));
    for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
      String[] parts = spec.split(":", 2);
      Map<String, String> params = new LinkedHashMap<>();
      if (parts.length > 1) {
        for (String kv : parts[1].split(",")) {
          String[] p = kv.split("=", 2);
          params.put(p[0], p[1]);
        }
      }
      long t0 = System.nanoTime();
      Recommender model = Recommenders.byName(parts[0], params).fit(split.train);
      double fit = (System.nanoTime() - t0) / 1e9;
      double[] rm = model.predictsRatings() && !split.implicit ? split.rmseMae(model)
          : new double[] {Double.NaN, Double.NaN};
      split.topN(model); // warm-up: ND4J's first use
      double[] tn = split.topN(model);
      System.out.printf("%-60s rmse %.4f mae %.4f P@10 %.4f R@10 %.4f NDCG@10 %.4f fit %.2fs top10-all %.3fs%n",
          spec, rm[0], rm[1], tn[0], tn[1], tn[2], fit, tn[3]);
    }
  }
}
