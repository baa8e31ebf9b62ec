package io.mercato.examples.bench;

import io.mercato.text.embed.WordVectors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Loading speed of pretrained word vectors: writes a generated fastText {@code .vec} (values with 4
 * decimals, as fastText writes them) and a word2vec {@code .bin} of the same words, then times
 * {@link WordVectors#load} of each, in full and with {@code maxWords} of a quarter, best of a few
 * rounds. Prints one line per measurement; the files are deleted afterwards.
 *
 * <pre>
 * java -cp ... io.mercato.examples.bench.WordVectorsBenchmark [words=200000] [dimension=300] [rounds=2]
 * </pre>
 */
public final class WordVectorsBenchmark {

  private WordVectorsBenchmark() {
  }

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    int words = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int dimension = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path dir = Files.createTempDirectory("word-vectors-bench");
    Path vec = dir.resolve("vectors.vec");
    Path bin = dir.resolve("vectors.bin");
    try {
      long t0 = System.nanoTime();
      write(vec, bin, words, dimension);
      System.out.printf(Locale.ROOT, "wrote %d x %d: .vec %.0f MB, .bin %.0f MB in %.1f s%n", words, dimension,
          Files.size(vec) / 1e6, Files.size(bin) / 1e6, (System.nanoTime() - t0) / 1e9);
      for (Path file : new Path[] {vec, bin}) {
        for (int maxWords : new int[] {WordVectors.ALL_WORDS, words / 4}) {
          double best = Double.MAX_VALUE;
          int loaded = 0;
          for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            WordVectors v = WordVectors.load(file, maxWords);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            loaded = v.size();
          }
          System.out.printf(Locale.ROOT, "%-12s maxWords=%-7d %7d words in %6.2f s  (%,.0f words/s, %.0f MB/s)%n",
              file.getFileName(), maxWords, loaded, best, loaded / best,
              Files.size(file) * ((double) loaded / words) / 1e6 / best);
        }
      }
    } finally {
      Files.deleteIfExists(vec);
      Files.deleteIfExists(bin);
      Files.deleteIfExists(dir);
    }
  }

  private static void write(Path vec, Path bin, int words, int dimension) throws IOException {
    Random random = new Random(1);
    float[] v = new float[dimension];
    ByteBuffer floats = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder line = new StringBuilder();
    try (OutputStream text = new BufferedOutputStream(Files.newOutputStream(vec), 1 << 20);
         OutputStream binary = new BufferedOutputStream(Files.newOutputStream(bin), 1 << 20)) {
      byte[] header = (words + " " + dimension + "\n").getBytes(StandardCharsets.US_ASCII);
      text.write(header);
      binary.write(header);
      for (int w = 0; w < words; w++) {
        String word = (w % 10 == 0 ? "词" : "w") + Integer.toString(w, 36);
        line.setLength(0);
        line.append(word);
        floats.clear();
        for (int k = 0; k < dimension; k++) {
          v[k] = Math.round((float) random.nextGaussian() * 10_000f) / 10_000f;
          line.append(' ').append(v[k]);
          floats.putFloat(v[k]);
        }
        line.append('\n');
        text.write(line.toString().getBytes(StandardCharsets.UTF_8));
        binary.write((word + " ").getBytes(StandardCharsets.UTF_8));
        binary.write(floats.array());
        binary.write('\n');
      }
    }
  }
}
