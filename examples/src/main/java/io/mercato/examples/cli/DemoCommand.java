package io.mercato.examples.cli;

import io.mercato.examples.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mercato demo}: the guided tour on the bundled sample data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Train an English and a Chinese review-sentiment classifier and a product recommender",
        "on the bundled sample data; print evaluations, explained predictions and recommendations;",
        "write an HTML report."})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "mercato-out", paramLabel = "DIR",
      description = "Folder for the report and the trained models (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quick", description = "Use a fraction of the data (for smoke tests).")
  boolean quick;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    new Demo(spec.commandLine().getOut(), out, seed, quick).run();
    return 0;
  }
}
