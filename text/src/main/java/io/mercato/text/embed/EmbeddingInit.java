package io.mercato.text.embed;

import io.mercato.core.ConfigurationException;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies pretrained {@link WordVectors} into the embedding matrix of a DL4J network: the weight
 * parameter {@code W} ([vocabulary x dimension]) of an {@code EmbeddingSequenceLayer} or
 * {@code EmbeddingLayer} of any {@link ComputationGraph}, named by its layer name. Row {@code id}
 * gets the vector of token {@code tokens.get(id)} when {@link WordVectors#find} has one (exact,
 * then case-insensitive); the other rows (tokens without a vector, and null entries such as padding
 * and the unknown token) keep the network's seeded random initialization. The matrix is read and
 * written back as one array each way, never row by row.
 */
public final class EmbeddingInit {

  private EmbeddingInit() {
  }

  /**
   * How much of a vocabulary the vectors covered.
   *
   * @param tokens      the vocabulary's tokens (null entries not counted)
   * @param found       tokens that got a vector
   * @param caseFolded  of {@code found}, those matched only case-insensitively
   */
  public record Coverage(int tokens, int found, int caseFolded) {

    /** {@code found / tokens}, 0 for an empty vocabulary. */
    public double fraction() {
      return tokens == 0 ? 0 : (double) found / tokens;
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%d of %d tokens (%.1f%%) have a pretrained vector, %d of them by case",
          found, tokens, 100 * fraction(), caseFolded);
    }
  }

  /**
   * Initializes the embedding rows of layer {@code layerName} of {@code graph} (already initialized)
   * from {@code vectors}.
   *
   * @param graph     the network; its parameters are changed in place
   * @param layerName the embedding layer
   * @param vectors   the pretrained vectors
   * @param tokens    the token of each embedding row, by token id (null: leave the row as it is)
   * @return the coverage of the tokens
   * @throws ConfigurationException when the layer is missing, has no weight matrix, or its shape is
   *     not [tokens.size() x vectors.dimension()] (the message names both shapes)
   */
  public static Coverage apply(ComputationGraph graph, String layerName, WordVectors vectors, List<String> tokens) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(tokens, "tokens");
    Layer layer = graph.getConfiguration().getVertices().containsKey(layerName) ? graph.getLayer(layerName) : null;
    INDArray w = layer == null ? null : layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
    if (w == null || w.rank() != 2) {
      throw ConfigurationException.invalid("embedding layer", layerName,
          "the network has no embedding layer of this name with a weight matrix");
    }
    long rows = w.size(0);
    long columns = w.size(1);
    if (columns != vectors.dimension()) {
      throw ConfigurationException.invalid("embeddings", vectors.source(), "the vectors have dimension "
          + vectors.dimension() + " but the embedding layer '" + layerName + "' has dimension " + columns);
    }
    if (rows != tokens.size()) {
      throw ConfigurationException.invalid("tokens", tokens.size() + " tokens",
          "the embedding layer '" + layerName + "' has " + rows + " rows, one per token id");
    }
    float[] matrix = w.dup('c').data().asFloat();
    Coverage coverage = lookUp(vectors, tokens, matrix);
    w.assign(Nd4j.create(matrix, new long[] {rows, columns}, 'c'));
    return coverage;
  }

  /**
   * How many of {@code tokens} (null entries not counted) {@link #apply} would find in {@code vectors}:
   * the same look-up, without a network.
   */
  public static Coverage coverage(WordVectors vectors, List<String> tokens) {
    return lookUp(Objects.requireNonNull(vectors, "vectors"), Objects.requireNonNull(tokens, "tokens"), null);
  }

  /** Looks every token up; with a {@code matrix} ([tokens x dimension], row-major) copies the vectors found into it. */
  private static Coverage lookUp(WordVectors vectors, List<String> tokens, float[] matrix) {
    int counted = 0;
    int found = 0;
    int folded = 0;
    for (int id = 0; id < tokens.size(); id++) {
      String token = tokens.get(id);
      if (token == null) {
        continue;
      }
      counted++;
      int v = vectors.find(token);
      if (v >= 0) {
        if (matrix != null) {
          vectors.copyTo(v, matrix, id * vectors.dimension());
        }
        found++;
        if (!vectors.word(v).equals(token)) {
          folded++;
        }
      }
    }
    return new Coverage(counted, found, folded);
  }
}
