package io.mercato.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The peer tools' figures ({@code ../shared/peers/results/<dataset>.jsonl}, one JSON object per peer run,
 * written by the peers' {@code run-all}), flattened to one record per model: a text peer's line holds
 * several models (sklearn: LR and SVM; fastText: fixed settings and autotune) under {@code models}.
 */
final class PeerResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  private PeerResults(Path dir) {
    this.dir = dir;
  }

  /**
   * The results folder: {@code explicit} when given, else {@code ../shared/peers/results} relative to the
   * working directory, else {@code /work/shared/peers/results}; null when none exists.
   */
  static PeerResults locate(Path explicit) {
    List<Path> candidates = explicit != null ? List.of(explicit)
        : List.of(Path.of("../shared/peers/results"), Path.of("/work/shared/peers/results"));
    for (Path p : candidates) {
      if (Files.isDirectory(p)) {
        return new PeerResults(p);
      }
    }
    return null;
  }

  Path dir() {
    return dir;
  }

  /** Every model result of {@code dataset}, in file order (failed runs included, with their error). */
  List<JsonNode> models(String dataset) {
    Path file = dir.resolve(dataset + ".jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode run = JSON.readTree(line);
        JsonNode models = run.get("models");
        if (models != null && models.isObject()) {
          for (Iterator<JsonNode> it = models.elements(); it.hasNext(); ) {
            out.add(it.next());
          }
        } else {
          out.add(run);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read peer results " + file, e);
    }
    return out;
  }

  /** The model whose {@code tool} is {@code tool}, or null. */
  JsonNode model(String dataset, String tool) {
    for (JsonNode m : models(dataset)) {
      if (tool.equals(m.path("tool").asText())) {
        return m;
      }
    }
    return null;
  }

  /** A numeric field, NaN when absent or null. */
  static double number(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }
}
