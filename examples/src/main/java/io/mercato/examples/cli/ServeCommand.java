package io.mercato.examples.cli;

import io.mercato.examples.serve.ModelServer;
import io.mercato.recsys.Recommenders;
import io.mercato.text.TextClassifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mercato serve}: answers JSON over HTTP until stopped (Ctrl-C drains requests in flight). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve saved models over HTTP:",
        "  POST /v1/classify  {\"texts\": [...], \"explain\": false}",
        "  POST /v1/recommend {\"user\": \"...\", \"n\": 10}",
        "  GET  /v1/similar/{item}?n=10,  GET /health,  GET /metrics"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--text-model", paramLabel = "MODEL", description = "Text classifier file.")
  Path textModel;

  @Option(names = "--recsys-model", paramLabel = "MODEL", description = "Recommender file.")
  Path recsysModel;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: max(4, 2 x cores)).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (textModel == null && recsysModel == null) {
      throw new ParameterException(spec.commandLine(), "give --text-model, --recsys-model or both");
    }
    ModelServer.Builder builder = ModelServer.builder().host(host).port(port);
    if (threads != null) {
      builder.threads(threads);
    }
    if (textModel != null) {
      builder.textModel(TextClassifier.load(textModel));
    }
    if (recsysModel != null) {
      builder.recommender(Recommenders.load(recsysModel));
    }
    ModelServer server = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "mercato-shutdown"));
    spec.commandLine().getOut().println("serving on " + server.url() + " (Ctrl-C stops after draining requests)");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
