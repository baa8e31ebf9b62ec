package io.mercato.examples.bench;

import static io.mercato.examples.bench.MarkdownTable.num;

import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.mf.ImplicitAlsTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scale benchmark of implicit ALS through the public API: generates {@code --interactions} (user, item)
 * events (default 10 million over 1 million users and 100,000 items; users uniform, item popularity skewed
 * as {@code item = floor(items * r^3)} for uniform r, repeated pairs summed), builds {@link Interactions}
 * with string ids as an application would, trains {@link ImplicitAlsTrainer} with the library defaults
 * (except {@code --iterations}) and reports seconds per iteration (from the training listener; each
 * iteration includes the library's loss computation) and peak memory.
 *
 * <p>Needs a few GB of heap: run with e.g. {@code java -Xmx8g ...} (the default, a quarter of the RAM, is
 * enough on a 24 GiB machine).
 */
@Command(name = "implicit-als-scale", mixinStandardHelpOptions = true,
    description = "Times implicit ALS on generated interactions (default 10M over 1M users x 100k items).")
public final class ImplicitAlsScale implements Callable<Integer> {

  @Option(names = "--users", defaultValue = "1000000")
  int users;

  @Option(names = "--items", defaultValue = "100000")
  int items;

  @Option(names = "--interactions", defaultValue = "10000000")
  int interactions;

  @Option(names = "--iterations", defaultValue = "3", description = "ALS iterations to time (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  /** Runs the benchmark. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ImplicitAlsScale()).execute(args));
  }

  @Override
  public Integer call() {
    try (HeapSampler memory = HeapSampler.start(20)) {
      long start = System.nanoTime();
      Interactions data = generate();
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      Runtime rt = Runtime.getRuntime();
      double dataHeap = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
      RecsysBenchmark.log("generated %d interactions (%d users x %d items) in %.1f s; heap in use %.0f MiB",
          data.size(), data.userCount(), data.itemCount(), buildSeconds, dataHeap);

      List<Double> perIteration = new ArrayList<>();
      long[] last = {0};
      TrainingListener listener = new TrainingListener() {
        @Override
        public void onStart(String what, int maxEpochs) {
          last[0] = System.nanoTime();
        }

        @Override
        public void onEpoch(EpochEvent event) {
          long now = System.nanoTime();
          perIteration.add((now - last[0]) / 1e9);
          last[0] = now;
          RecsysBenchmark.log("iteration %d: %.1f s, loss %.4g", event.epoch(), perIteration.get(perIteration.size() - 1),
              event.trainLoss());
        }
      };
      ImplicitAlsTrainer trainer = ImplicitAlsTrainer.builder().iterations(iterations).listener(listener).build();
      start = System.nanoTime();
      Recommender model = trainer.fit(data);
      double fitSeconds = (System.nanoTime() - start) / 1e9;
      double mean = perIteration.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);

      MarkdownTable table = new MarkdownTable("interactions (after summing repeats)", "users", "items", "settings",
          "data build s", "fit s", "s / iteration (mean)", "each iteration s", "peak heap MiB", "heap with data only MiB",
          "peak RSS MiB");
      StringBuilder each = new StringBuilder();
      perIteration.forEach(s -> each.append(each.length() == 0 ? "" : ", ").append(num(s, 1)));
      table.row(String.format(java.util.Locale.ROOT, "%,d", data.size()), String.format(java.util.Locale.ROOT, "%,d",
              data.userCount()), String.format(java.util.Locale.ROOT, "%,d", data.itemCount()), trainer.describe(),
          num(buildSeconds, 1), num(fitSeconds, 1), num(mean, 1), each.toString(), num(memory.peakHeapMiB(), 0),
          num(dataHeap, 0), num(memory.peakRssMiB(), 0) + (memory.rssWasReset() ? "" : " (whole process)"));
      System.out.println("## Implicit ALS at scale (max heap " + (rt.maxMemory() >> 20) + " MiB, "
          + rt.availableProcessors() + " CPUs)\n\n" + table);
      if (model.trainingData().size() != data.size()) {
        throw new IllegalStateException("model lost interactions");
      }
    }
    return 0;
  }

  private Interactions generate() {
    String[] userIds = new String[users];
    for (int u = 0; u < users; u++) {
      userIds[u] = "u" + u;
    }
    String[] itemIds = new String[items];
    for (int i = 0; i < items; i++) {
      itemIds[i] = "i" + i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder().duplicatePolicy(Interactions.DuplicatePolicy.SUM);
    for (int k = 0; k < interactions; k++) {
      double r = random.nextDouble();
      int item = Math.min(items - 1, (int) (items * r * r * r));
      b.add(userIds[random.nextInt(users)], itemIds[item], 1.0);
    }
    return b.build();
  }
}
