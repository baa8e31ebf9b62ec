package io.mercato.recsys.mf;

import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.eval.Evaluator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Development benchmark (a main program, not a test): trains factor models chosen by registry name and
 * parameters on a prepared peer split ({@code python3 /work/shared/peers/prepare --out DIR}) and measures them
 * with the {@link Evaluator} (the peers' protocol), adding the process CPU seconds of fitting and of the top-10
 * for all users (wall times on a shared machine move with its load; CPU time much less).
 *
 * <p>Usage: {@code MfBenchmark DIR/ml-latest-small als implicit-als:rank=64,regularization=50 ...}
 */
public final class MfBenchmark {

    private MfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean implicit = Files.readString(dir.resolve("kind")).trim().equals("implicit");
        Interactions train = Interactions.csv(dir.resolve("train.csv")).ratingColumn("rating").load();
        Interactions test = Interactions.csv(dir.resolve("test.csv")).ratingColumn("rating").load();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Nd4j.create(new float[] {1, 2}).sum(); // load ND4J before anything is timed
        for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
            String[] parts = spec.split(":", 2);
            Map<String, String> params = new LinkedHashMap<>();
            if (parts.length > 1) {
                for (String kv : parts[1].split(",")) {
                    String[] p = kv.split("=", 2);
                    params.put(p[0], p[1]);
                }
            }
            RecommenderTrainer trainer = Recommenders.byName(parts[0], params);
            Evaluator.Builder eb = Evaluator.builder().add(spec, trainer);
            if (implicit) {
                eb.allTestItemsRelevant();
            }
            Evaluator evaluator = eb.build();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Recommender model = trainer.fit(train);
            double fit = (System.nanoTime() - t0) / 1e9;
            double fitCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            evaluator.measure(model, test); // warm-up of the scoring path
            long cpu1 = os.getProcessCpuTime();
            Map<String, Double> m = evaluator.measure(model, test);
            double measureCpu = (os.getProcessCpuTime() - cpu1) / 1e9;
            System.out.printf("%-58s rmse %.4f mae %.4f P@10 %.4f R@10 %.4f NDCG@10 %.4f fit %.2f s (cpu %.2f s)"
                    + " top10-all %.3f s (cpu of the whole measurement %.3f s)%n", spec,
                    m.getOrDefault("rmse", Double.NaN), m.getOrDefault("mae", Double.NaN), m.get("precision@10"),
                    m.get("recall@10"), m.get("ndcg@10"), fit, fitCpu, m.get("recommend_s"), measureCpu);
        }
    }
}
