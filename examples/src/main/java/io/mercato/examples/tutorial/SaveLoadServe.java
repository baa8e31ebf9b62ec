package io.mercato.examples.tutorial;

import io.mercato.examples.demo.BundledData;
import io.mercato.examples.serve.ModelServer;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tutorial: train once, save to one file, load it elsewhere, and answer requests over HTTP.
 *
 * <p>The model file holds everything needed to predict (normalization, vocabulary, weights) and its
 * provenance. The same service runs from the command line:
 * {@code ./mercato serve --text-model sentiment.mercato --port 8080}.
 */
public final class SaveLoadServe {
  private SaveLoadServe() {}

  /** Runs the tutorial in {@code folder} and returns the service's JSON answer. */
  public static String run(Path folder) throws Exception {
    // 1. Train and save.
    List<LabeledText> reviews = TextDataset.csv(Tutorials.data(BundledData.REVIEWS_ZH)).load().rows();
    TextClassifier trained = TextClassifier.builder().modelType(ModelType.LINEAR).seed(1).build().fit(reviews);
    Path file = folder.resolve("sentiment-zh.mercato");
    trained.save(file);
    System.out.printf("saved %s (%,d bytes)%n", file, Files.size(file));

    // 2. Load (in another process this is all you need) and check it predicts the same.
    TextClassifier loaded = TextClassifier.load(file);
    String text = "服务热情，菜也好吃";
    System.out.println("trained: " + trained.predict(text) + "  loaded: " + loaded.predict(text));

    // 3. Serve on a free loopback port, call it, stop it (graceful: requests in flight finish).
    try (ModelServer server = ModelServer.builder().textModel(loaded).port(0).start()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/classify"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"texts\": [\"服务热情，菜也好吃\", \"房间很脏，再也不来了\"]}"))
          .build();
      String answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
      System.out.println("POST /v1/classify -> " + answer);
      return answer;
    }
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    run(Files.createTempDirectory("mercato-tutorial"));
  }
}
