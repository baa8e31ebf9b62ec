package io.mercato.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorsTest {

  @TempDir
  Path dir;

  private static final String VEC = """
      4 3
      good 0.5 -1.25 3e-2
      酒店 1 2 3
      Paris 0.125 0 -0
      bad -0.5 1.25E1 .75
      """;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path writeBytes(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  /** word2vec binary as the original tool writes it: header, then "word " + LE floats + "\n" per word. */
  static byte[] binary(List<String> words, float[][] vectors, boolean newlineAfterVector) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((words.size() + " " + vectors[0].length + "\n").getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < words.size(); i++) {
      out.write((words.get(i) + " ").getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.allocate(4 * vectors[i].length).order(ByteOrder.LITTLE_ENDIAN);
      for (float x : vectors[i]) {
        b.putFloat(x);
      }
      out.write(b.array());
      if (newlineAfterVector) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  private static void assertTheFourWords(WordVectors v) {
    assertThat(v.size()).isEqualTo(4);
    assertThat(v.dimension()).isEqualTo(3);
    assertThat(v.words()).containsExactly("good", "酒店", "Paris", "bad");
    assertThat(v.vector("good")).containsExactly(0.5f, -1.25f, 0.03f);
    assertThat(v.vector("酒店")).containsExactly(1f, 2f, 3f);
    assertThat(v.vector("Paris")).containsExactly(0.125f, 0f, -0f);
    assertThat(v.vector("bad")).containsExactly(-0.5f, 12.5f, 0.75f);
    assertThat(v.contains("paris")).isFalse();
    assertThat(v.vector("nothing")).isNull();
  }

  @Test
  void readsFastTextVecWithHeaderAndCjkWords() throws IOException {
    WordVectors v = WordVectors.load(write("wiki.vec", VEC));
    assertTheFourWords(v);
    assertThat(v.source()).endsWith("wiki.vec");
  }

  @Test
  void readsWord2vecTextWithoutHeaderWithTabsTrailingSpacesAndCrlf() throws IOException {
    String text = "good 0.5 -1.25 3e-2 \r\n酒店\t1\t2\t3\r\n\nParis 0.125 0 -0\nbad -0.5 1.25E1 .75";
    assertTheFourWords(WordVectors.load(write("vectors.txt", text)));
    assertTheFourWords(WordVectors.load(write("bom.vec", "\uFEFF" + VEC)));
  }

  @Test
  void readsWord2vecBinaryWithAndWithoutNewlinesAndGzip() throws IOException {
    List<String> words = List.of("good", "酒店", "Paris", "bad");
    float[][] vectors = {{0.5f, -1.25f, 0.03f}, {1, 2, 3}, {0.125f, 0, -0f}, {-0.5f, 12.5f, 0.75f}};
    assertTheFourWords(WordVectors.load(writeBytes("a.bin", binary(words, vectors, true))));
    assertTheFourWords(WordVectors.load(writeBytes("b.bin", binary(words, vectors, false))));
    assertTheFourWords(WordVectors.load(writeBytes("c.bin.gz", gzip(binary(words, vectors, true)))));
    // the format can be forced whatever the name
    assertTheFourWords(WordVectors.load(writeBytes("vectors.data", binary(words, vectors, true)), 0,
        WordVectors.Format.BINARY));
  }

  @Test
  void readsGzippedTextByItsMagicBytes() throws IOException {
    assertTheFourWords(WordVectors.load(writeBytes("wiki.vec.gz", gzip(VEC.getBytes(StandardCharsets.UTF_8)))));
    assertTheFourWords(WordVectors.load(writeBytes("no-extension", gzip(VEC.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void keepsOnlyTheFirstMaxWords() throws IOException {
    WordVectors v = WordVectors.load(write("wiki.vec", VEC), 2);
    assertThat(v.words()).containsExactly("good", "酒店");
    List<String> words = List.of("good", "酒店", "Paris", "bad");
    float[][] vectors = {{0.5f, -1.25f, 0.03f}, {1, 2, 3}, {0.125f, 0, -0f}, {-0.5f, 12.5f, 0.75f}};
    WordVectors b = WordVectors.load(writeBytes("a.bin", binary(words, vectors, true)), 3);
    assertThat(b.words()).containsExactly("good", "酒店", "Paris");
    assertThat(b.vector("Paris")).containsExactly(0.125f, 0f, -0f);
    assertThatThrownBy(() -> WordVectors.load(dir.resolve("x.vec"), -1))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxWords");
  }

  @Test
  void firstOccurrenceOfADuplicateWins() throws IOException {
    WordVectors v = WordVectors.load(write("dup.vec", "3 2\na 1 2\nb 3 4\na 5 6\n"));
    assertThat(v.size()).isEqualTo(2);
    assertThat(v.vector("a")).containsExactly(1f, 2f);
    assertThat(v.duplicates()).isEqualTo(1);
    // maxWords counts distinct words
    assertThat(WordVectors.load(write("dup2.vec", "a 1 2\na 5 6\nb 3 4\nc 0 0\n"), 2).words())
        .containsExactly("a", "b");
  }

  @Test
  void findsExactThenLowerCaseThenCaseFoldedWords() throws IOException {
    WordVectors v = WordVectors.load(write("case.vec", "Paris 1 0\nApple 2 0\napple 3 0\nUSA 4 0\n"));
    assertThat(v.find("Paris")).isEqualTo(0);
    assertThat(v.find("paris")).isEqualTo(0);   // only the capitalized form exists
    assertThat(v.find("apple")).isEqualTo(2);   // the exact lower-case word, not the first folded one
    assertThat(v.find("APPLE")).isEqualTo(2);   // lower-cased token found exactly
    assertThat(v.find("usa")).isEqualTo(3);
    assertThat(v.find("rome")).isEqualTo(-1);
  }

  @Test
  void errorsNameFileLineAndReason() throws IOException {
    assertThatThrownBy(() -> WordVectors.load(write("dim.vec", "3 3\na 1 2 3\nb 1 2\nc 1 2 3\n")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("dim.vec, line 3").hasMessageContaining("wrong dimension")
        .hasMessageContaining("'b' has 2 values, expected 3");
    assertThatThrownBy(() -> WordVectors.load(write("long.txt", "a 1 2\nb 1 2 3\n")))
        .hasMessageContaining("long.txt, line 2").hasMessageContaining("more than 2 values");
    assertThatThrownBy(() -> WordVectors.load(write("num.vec", "2 2\na 1 2\nb 1 x7\n")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("num.vec, line 3").hasMessageContaining("bad number 'x7' at value 2 of word 'b'");
    assertThatThrownBy(() -> WordVectors.load(write("nan.vec", "a 1 NaN\n")))
        .hasMessageContaining("nan.vec, line 1").hasMessageContaining("bad number 'NaN'");
    assertThatThrownBy(() -> WordVectors.load(write("huge.vec", "a 1 1e60\n")))
        .hasMessageContaining("huge.vec, line 1").hasMessageContaining("bad number '1e60'");
    assertThatThrownBy(() -> WordVectors.load(write("empty.vec", "\n  \n")))
        .isInstanceOf(DataException.class).hasMessageContaining("empty.vec: empty file");
    assertThatThrownBy(() -> WordVectors.load(write("one.vec", "justoneword\n")))
        .hasMessageContaining("one.vec, line 1").hasMessageContaining("unknown format");
    assertThatThrownBy(() -> WordVectors.load(write("count.vec", "3 2\na 1 2\nb 3 4\n")))
        .hasMessageContaining("count.vec").hasMessageContaining("declares 3 words but the file holds 2");
    assertThatThrownBy(() -> WordVectors.load(write("space.vec", "a 1 2\n 1 2\n")))
        .hasMessageContaining("space.vec, line 2").hasMessageContaining("empty word");
    assertThatThrownBy(() -> WordVectors.load(writeBytes("latin1.vec",
        new byte[] {'c', 'a', 'f', (byte) 0xe9, ' ', '1', '\n'})))
        .hasMessageContaining("latin1.vec, line 1").hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> WordVectors.load(dir.resolve("missing.vec")))
        .isInstanceOf(DataException.class).hasMessageContaining("missing.vec: no such file");
    assertThatThrownBy(() -> WordVectors.load(write("header.vec", "2 0\n")))
        .hasMessageContaining("header.vec, line 1").hasMessageContaining("dimension 0");
  }

  @Test
  void aBinaryFileReadAsTextAndATextFileReadAsBinaryAreUnknownFormats() throws IOException {
    byte[] bin = binary(List.of("a", "b"), new float[][] {{1, 2}, {3, 4}}, true);
    assertThatThrownBy(() -> WordVectors.load(writeBytes("really-binary.vec", bin)))
        .isInstanceOf(DataException.class).hasMessageContaining("really-binary.vec, line 2")
        .hasMessageContaining("unknown format: binary data");
    assertThatThrownBy(() -> WordVectors.load(write("really-text.bin", "2 3\na 1.0 2.0 3.0\nb 1.0 2.0 3.0\n")))
        .isInstanceOf(DataException.class).hasMessageContaining("really-text.bin, byte 6")
        .hasMessageContaining("unknown format: the vector bytes of the first word are text");
    assertThatThrownBy(() -> WordVectors.load(write("noheader.bin", "a 1 2 3\n")))
        .hasMessageContaining("noheader.bin, byte 0").hasMessageContaining("unknown format");
  }

  @Test
  void binaryErrorsNameTheByteOffset() throws IOException {
    byte[] bin = binary(List.of("a", "b"), new float[][] {{1, 2}, {3, 4}}, true);
    // header "2 2\n" is 4 bytes; "a " 2, 8 vector bytes, "\n"; "b " starts at byte 15, its vector at 17
    byte[] truncated = java.util.Arrays.copyOf(bin, bin.length - 5);
    assertThatThrownBy(() -> WordVectors.load(writeBytes("cut.bin", truncated)))
        .isInstanceOf(DataException.class).hasMessageContaining("cut.bin, byte 17")
        .hasMessageContaining("truncated: the vector of word 2 of 2 needs 8 bytes, the file ends after 4");
    byte[] nan = bin.clone();
    ByteBuffer.wrap(nan, 21, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
    assertThatThrownBy(() -> WordVectors.load(writeBytes("nan.bin", nan)))
        .hasMessageContaining("nan.bin, byte 21").hasMessageContaining("bad number: value 2 of word 'b' is NaN");
    byte[] fewer = java.util.Arrays.copyOf(bin, 15);
    fewer[0] = '3';
    assertThatThrownBy(() -> WordVectors.load(writeBytes("fewer.bin", fewer)))
        .hasMessageContaining("fewer.bin, byte 15").hasMessageContaining("declares 3 words but the file ends after 1");
    assertThatThrownBy(() -> WordVectors.load(writeBytes("empty.bin", new byte[0])))
        .hasMessageContaining("empty.bin: empty file");
  }

  @Test
  void fastNumberParsingAgreesWithFloatParseFloat() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(12) - 8);
      float x = (float) (random.nextGaussian() * magnitude);
      String[] forms = {Float.toString(x), String.format(Locale.ROOT, "%.5f", x), String.format(Locale.ROOT, "%.4e", x),
          String.format(Locale.ROOT, "%.9g", x)};
      for (String s : forms) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        float expected = Float.parseFloat(s);
        float actual = Numbers.parse(b, 0, b.length);
        // correctly rounded through double: equal, or in rare halfway cases one float ulp apart
        assertThat(Math.abs(actual - expected)).as(s).isLessThanOrEqualTo(Math.ulp(expected));
      }
    }
    for (String bad : new String[] {"", "-", ".", "1e", "1e+", "1.2.3", "0x10", "1f", "inf", "--1"}) {
      byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
      assertThat(Numbers.parse(b, 0, b.length)).as(bad).isNaN();
    }
    byte[] long20 = "12345678901234567890123".getBytes(StandardCharsets.US_ASCII);
    assertThat(Numbers.parse(long20, 0, long20.length)).isEqualTo(Float.parseFloat("12345678901234567890123"));
  }

  @Test
  void vectorsInCodeAreValidated() {
    WordVectors v = WordVectors.of(List.of("a", "b", "a"), List.of(new float[] {1}, new float[] {2}, new float[] {3}));
    assertThat(v.size()).isEqualTo(2);
    assertThat(v.vector("a")).containsExactly(1f);
    assertThatThrownBy(() -> WordVectors.of(List.of("a", "b"), List.of(new float[] {1}, new float[] {2, 3})))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("vectors[1]");
  }
}
