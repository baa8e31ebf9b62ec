package io.mercato.text.embed;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Pretrained word vectors supplied by the user: a word → dense float vector table, immutable and
 * safe to share between threads.
 *
 * <p>Reads (see {@link #load(Path, int, Format)}):
 * <ul>
 *   <li>fastText {@code .vec} and word2vec text: UTF-8 lines {@code word v1 v2 ... vd}, separated by
 *       spaces or tabs, optionally after a header line {@code count dimension}. Without a header the
 *       first line fixes the dimension. A first line of exactly two integers is read as the header.</li>
 *   <li>word2vec binary ({@code .bin}): an ASCII header {@code count dimension\n}, then per word its
 *       UTF-8 bytes up to a space and {@code dimension} little-endian float32 values (a newline after
 *       each vector is allowed, as the original tool writes).</li>
 *   <li>either of these compressed with gzip (recognized by its magic bytes, whatever the name).</li>
 * </ul>
 * A UTF-8 byte order mark before the first line is skipped. Words are taken as written (CJK and any other UTF-8 text included); {@link #find} also matches a
 * word case-insensitively. When a word occurs more than once, the <em>first</em> occurrence wins and
 * the later ones are skipped and counted ({@link #duplicates()}): vector files list words by falling
 * frequency, so the first is the better-trained one. Bad input fails with a {@link DataException}
 * naming the file, the line (text) or byte offset (binary) and the reason: a line of the wrong
 * dimension, a value that is not a finite number, an empty word, a truncated file, an empty file, or
 * content of another format. The values are held in one {@code float[]} of {@code size() * dimension()}
 * (200,000 words of dimension 300: 240 MB); {@code maxWords} bounds it.
 */
public final class WordVectors {

  /** How {@link #load(Path, int, Format)} reads a file. */
  public enum Format {
    /** Binary when the name ends in {@code .bin} or {@code .bin.gz}, else text. */
    AUTO,
    /** fastText {@code .vec} or word2vec text, with or without a header line. */
    TEXT,
    /** word2vec binary. */
    BINARY
  }

  /** Unlimited {@code maxWords}. */
  public static final int ALL_WORDS = 0;

  private final String source;
  private final int dimension;
  private final String[] words;
  private final float[] values;
  private final Map<String, Integer> index;
  /** Lower-cased words that are not themselves words, to the first word that lower-cases to them. */
  private final Map<String, Integer> folded;
  private final int duplicates;

  private WordVectors(String source, int dimension, String[] words, float[] values, Map<String, Integer> index,
      int duplicates) {
    this.source = source;
    this.dimension = dimension;
    this.words = words;
    this.values = values;
    this.index = index;
    this.duplicates = duplicates;
    this.folded = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      String lower = words[i].toLowerCase(Locale.ROOT);
      if (!lower.equals(words[i]) && !index.containsKey(lower)) {
        folded.putIfAbsent(lower, i);
      }
    }
  }

  /**
   * Vectors built in code (for tests and programs that have them in memory). The first occurrence of
   * a word wins, as when loading.
   *
   * @param words   the words, in order
   * @param vectors one vector per word, all of the same dimension (at least 1), finite values
   * @throws ConfigurationException when the arguments do not fit together
   */
  public static WordVectors of(List<String> words, List<float[]> vectors) {
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(vectors, "vectors");
    if (words.size() != vectors.size() || words.isEmpty()) {
      throw ConfigurationException.invalid("vectors", vectors.size() + " vectors for " + words.size() + " words",
          "need one vector per word and at least one word");
    }
    Table table = new Table("in-memory vectors", vectors.get(0).length, words.size());
    for (int i = 0; i < words.size(); i++) {
      float[] v = vectors.get(i);
      String w = words.get(i);
      if (w == null || w.isEmpty() || v.length != table.dimension) {
        throw ConfigurationException.invalid("vectors[" + i + "]", w,
            "needs a non-empty word and " + table.dimension + " values");
      }
      for (float x : v) {
        if (!Float.isFinite(x)) {
          throw ConfigurationException.invalid("vectors[" + i + "]", x, "values must be finite");
        }
      }
      table.add(w, v, 0);
    }
    return table.build();
  }

  /** {@link #load(Path, int, Format)} of every word, format from the name. */
  public static WordVectors load(Path file) {
    return load(file, ALL_WORDS, Format.AUTO);
  }

  /** {@link #load(Path, int, Format)} with the format from the name. */
  public static WordVectors load(Path file, int maxWords) {
    return load(file, maxWords, Format.AUTO);
  }

  /**
   * Reads a vector file.
   *
   * @param file     the file (gzip-compressed or not)
   * @param maxWords keep only the first this many distinct words (vector files list the frequent words
   *                 first); {@link #ALL_WORDS} (0) keeps all; must be &gt;= 0
   * @param format   how to read it
   * @return the vectors
   * @throws DataException naming the file, line or byte offset and reason when the file is missing,
   *     unreadable or malformed
   * @throws ConfigurationException when {@code maxWords} is negative
   */
  public static WordVectors load(Path file, int maxWords, Format format) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    if (maxWords < 0) {
      throw ConfigurationException.invalid("maxWords", maxWords, "must be >= 0 (0 = all words)");
    }
    String name = file.toString();
    boolean binary = format == Format.BINARY || format == Format.AUTO
        && name.toLowerCase(Locale.ROOT).matches(".*\\.bin(\\.gz)?$");
    try (InputStream in = open(file)) {
      return binary ? new BinaryReader(name, in, maxWords).read() : new TextReader(name, in, maxWords).read();
    } catch (NoSuchFileException e) {
      throw new DataException(name + ": no such file");
    } catch (IOException e) {
      throw new DataException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return raw;
  }

  /** The file (or description) the vectors came from. */
  public String source() {
    return source;
  }

  /** The length of every vector. */
  public int dimension() {
    return dimension;
  }

  /** The number of distinct words. */
  public int size() {
    return words.length;
  }

  /** How many later occurrences of an already read word were skipped. */
  public int duplicates() {
    return duplicates;
  }

  /** True when {@code word} has a vector (exact match). */
  public boolean contains(String word) {
    return index.containsKey(word);
  }

  /** The vector of {@code word} (a copy), or null when it has none (exact match). */
  public float[] vector(String word) {
    Integer i = index.get(word);
    return i == null ? null : vectorAt(i);
  }

  /** The word at {@code i}, in file order from 0. */
  public String word(int i) {
    Objects.checkIndex(i, words.length);
    return words[i];
  }

  /** The words in file order (an unmodifiable view). */
  public List<String> words() {
    return List.of(words);
  }

  /** The vector of the word at {@code i} (a copy). */
  public float[] vectorAt(int i) {
    Objects.checkIndex(i, words.length);
    return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
  }

  /** Copies the vector of the word at {@code i} into {@code target} from {@code offset}. */
  public void copyTo(int i, float[] target, int offset) {
    Objects.checkIndex(i, words.length);
    System.arraycopy(values, i * dimension, target, offset, dimension);
  }

  /**
   * The index of the vector for {@code token}: its exact word, else its lower-cased form, else the
   * first word that lower-cases to the same (so {@code "paris"} finds {@code "Paris"}); -1 when none.
   */
  public int find(String token) {
    Integer i = index.get(token);
    if (i != null) {
      return i;
    }
    String lower = token.toLowerCase(Locale.ROOT);
    i = index.get(lower);
    if (i == null) {
      i = folded.get(lower);
    }
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    return "WordVectors{" + source + ", " + words.length + " words x " + dimension + "}";
  }

  /** The growing table of a load: words, flat values, first-wins index. */
  private static final class Table {
    final String source;
    final int dimension;
    String[] words;
    float[] values;
    final Map<String, Integer> index;
    int size;
    int duplicates;

    Table(String source, int dimension, int expected) {
      this.source = source;
      this.dimension = dimension;
      int capacity = Math.max(16, Math.min(expected, 1 << 20));
      this.words = new String[capacity];
      this.values = new float[Math.multiplyExact(capacity, dimension)];
      this.index = new HashMap<>(capacity * 4 / 3 + 1);
    }

    /** Adds {@code word} with the values at {@code v[from..from+dimension)} unless already present. */
    boolean add(String word, float[] v, int from) {
      if (index.putIfAbsent(word, size) != null) {
        duplicates++;
        return false;
      }
      if (size == words.length) {
        int capacity = Math.multiplyExact(words.length, 2);
        words = Arrays.copyOf(words, capacity);
        values = Arrays.copyOf(values, Math.multiplyExact(capacity, dimension));
      }
      words[size] = word;
      System.arraycopy(v, from, values, size * dimension, dimension);
      size++;
      return true;
    }

    WordVectors build() {
      return new WordVectors(source, dimension, Arrays.copyOf(words, size), Arrays.copyOf(values, size * dimension),
          index, duplicates);
    }
  }

  /** Reads byte lines of a stream; the current line is {@code buf[start, end)} without the line break. */
  private static final class Lines {
    private final InputStream in;
    byte[] buf = new byte[1 << 20];
    private int filled;
    private int next;
    int start;
    int end;
    long number;
    private boolean eof;

    Lines(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      while (true) {
        for (int i = next; i < filled; i++) {
          if (buf[i] == '\n') {
            start = next;
            end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
            next = i + 1;
            number++;
            return true;
          }
        }
        if (eof) {
          if (next < filled) {
            start = next;
            end = buf[filled - 1] == '\r' ? filled - 1 : filled;
            next = filled;
            number++;
            return true;
          }
          return false;
        }
        if (next > 0) {
          System.arraycopy(buf, next, buf, 0, filled - next);
          filled -= next;
          next = 0;
        }
        if (filled == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int read = in.read(buf, filled, buf.length - filled);
        if (read < 0) {
          eof = true;
        } else {
          filled += read;
        }
      }
    }
  }

  /** The text formats: optional header, then {@code word v1 ... vd} per line. */
  private static final class TextReader {
    private final String source;
    private final Lines lines;
    private final int maxWords;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    TextReader(String source, InputStream in, int maxWords) {
      this.source = source;
      this.lines = new Lines(in);
      this.maxWords = maxWords;
    }

    private DataException error(String reason) {
      return DataException.at(source, lines.number, null, reason);
    }

    WordVectors read() throws IOException {
      if (!nextNonBlank()) {
        throw new DataException(source + ": empty file: expected a header 'count dimension' or lines 'word v1 v2 ...'");
      }
      byte[] b = lines.buf;
      if (lines.end - lines.start >= 3 && b[lines.start] == (byte) 0xef && b[lines.start + 1] == (byte) 0xbb
          && b[lines.start + 2] == (byte) 0xbf) {
        lines.start += 3;   // a UTF-8 byte order mark
      }
      long declared = -1;
      int dimension;
      Table table;
      long[] header = header();
      boolean pending;
      if (header != null) {
        declared = header[0];
        if (header[1] < 1 || header[1] > 100_000) {
          throw error("unknown format: the header declares dimension " + header[1] + ", expected 1 to 100000");
        }
        dimension = (int) header[1];
        pending = nextNonBlank();
      } else {
        dimension = fields() - 1;
        if (dimension < 1) {
          throw error("unknown format: expected a header 'count dimension' or 'word v1 v2 ...', found one field");
        }
        pending = true;
      }
      table = new Table(source, dimension, (int) Math.min(declared < 0 ? 1 << 16 : declared,
          maxWords > 0 ? maxWords : Integer.MAX_VALUE));
      float[] v = new float[dimension];
      long entries = 0;
      while (pending && (maxWords == ALL_WORDS || table.size < maxWords)) {
        entries++;
        String word = parse(v, dimension);
        table.add(word, v, 0);
        pending = nextNonBlank();
      }
      if (declared >= 0 && (maxWords == ALL_WORDS || table.size < maxWords) && entries != declared) {
        throw error("the header declares " + declared + " words but the file holds " + entries);
      }
      if (table.size == 0) {
        throw new DataException(source + ": no word vectors after the header");
      }
      return table.build();
    }

    private boolean nextNonBlank() throws IOException {
      while (lines.next()) {
        boolean blank = true;
        for (int i = lines.start; i < lines.end; i++) {
          byte b = lines.buf[i];
          if (b == 0) {
            throw binaryData();
          }
          blank &= b == ' ' || b == '\t';
        }
        if (!blank) {
          return true;
        }
      }
      return false;
    }

    private DataException binaryData() {
      return error("unknown format: binary data in a text vector file (a word2vec binary file? name it .bin "
          + "or read it with Format.BINARY)");
    }

    /** The header's two integers, or null when the line is not exactly two non-negative integers. */
    private long[] header() {
      byte[] b = lines.buf;
      long[] out = new long[2];
      int i = lines.start;
      for (int f = 0; f < 2; f++) {
        while (i < lines.end && (b[i] == ' ' || b[i] == '\t')) {
          i++;
        }
        int from = i;
        long value = 0;
        while (i < lines.end && b[i] >= '0' && b[i] <= '9' && i - from < 12) {
          value = value * 10 + (b[i] - '0');
          i++;
        }
        if (i == from || i < lines.end && b[i] != ' ' && b[i] != '\t') {
          return null;
        }
        out[f] = value;
      }
      while (i < lines.end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      return i == lines.end ? out : null;
    }

    /** The number of whitespace-separated fields of the current line. */
    private int fields() {
      int count = 0;
      boolean inField = false;
      for (int i = lines.start; i < lines.end; i++) {
        boolean space = lines.buf[i] == ' ' || lines.buf[i] == '\t';
        if (!space && !inField) {
          count++;
        }
        inField = !space;
      }
      return count;
    }

    /** Parses the current line into {@code v}, returning its word. */
    private String parse(float[] v, int dimension) throws CharacterCodingException {
      byte[] b = lines.buf;
      int end = lines.end;
      int i = lines.start;
      if (b[i] == ' ' || b[i] == '\t') {
        throw error("empty word: the line starts with whitespace");
      }
      boolean ascii = true;
      while (i < end && b[i] != ' ' && b[i] != '\t') {
        ascii &= b[i] >= 0;
        i++;
      }
      String word = word(b, lines.start, i - lines.start, ascii);
      int k = 0;
      while (true) {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
          i++;
        }
        if (i == end) {
          break;
        }
        int from = i;
        while (i < end && b[i] != ' ' && b[i] != '\t') {
          i++;
        }
        if (k == dimension) {
          throw error("wrong dimension: word '" + word + "' has more than " + dimension + " values, expected "
              + dimension);
        }
        v[k++] = number(b, from, i, word, k);
      }
      if (k != dimension) {
        throw error("wrong dimension: word '" + word + "' has " + k + " values, expected " + dimension);
      }
      return word;
    }

    private String word(byte[] b, int from, int length, boolean ascii) {
      if (ascii) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
      }
      try {
        return utf8.decode(ByteBuffer.wrap(b, from, length)).toString();
      } catch (CharacterCodingException e) {
        throw error("unknown format: the word is not UTF-8 text");
      }
    }

    private float number(byte[] b, int from, int to, String word, int position) {
      float x = Numbers.parse(b, from, to);
      if (!Float.isFinite(x)) {
        for (int i = from; i < to; i++) {
          if (b[i] < 0x20 || b[i] == 0x7f) {
            throw binaryData();
          }
        }
        String text = new String(b, from, Math.min(to - from, 40), StandardCharsets.ISO_8859_1);
        throw error("bad number '" + text + "' at value " + position + " of word '" + word + "'");
      }
      return x;
    }
  }

  /** The word2vec binary format. */
  private static final class BinaryReader {
    private final String source;
    private final InputStream in;
    private final int maxWords;
    private long offset;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    BinaryReader(String source, InputStream in, int maxWords) {
      this.source = source;
      this.in = in;
      this.maxWords = maxWords;
    }

    private DataException error(long at, String reason) {
      return new DataException(source + ", byte " + at + ": " + reason);
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b >= 0) {
        offset++;
      }
      return b;
    }

    WordVectors read() throws IOException {
      byte[] headerBytes = new byte[64];
      int n = 0;
      int b;
      while ((b = readByte()) >= 0 && b != '\n') {
        if (n == headerBytes.length) {
          throw error(0, "unknown format: expected a word2vec binary header 'count dimension' on the first line");
        }
        headerBytes[n++] = (byte) b;
      }
      if (n == 0 && b < 0) {
        throw new DataException(source + ": empty file: expected a word2vec binary header 'count dimension'");
      }
      String[] header = new String(headerBytes, 0, n, StandardCharsets.ISO_8859_1).trim().split("[ \t]+");
      long count;
      long dim;
      try {
        if (header.length != 2) {
          throw new NumberFormatException();
        }
        count = Long.parseLong(header[0]);
        dim = Long.parseLong(header[1]);
      } catch (NumberFormatException e) {
        throw error(0, "unknown format: expected a word2vec binary header 'count dimension', found '"
            + new String(headerBytes, 0, Math.min(n, 40), StandardCharsets.ISO_8859_1) + "'");
      }
      if (count < 1 || dim < 1 || dim > 100_000) {
        throw error(0, "unknown format: the header declares " + count + " words of dimension " + dim
            + ", expected at least 1 word and a dimension of 1 to 100000");
      }
      int dimension = (int) dim;
      long wanted = maxWords == ALL_WORDS ? count : Math.min(count, maxWords);
      Table table = new Table(source, dimension, (int) Math.min(wanted, Integer.MAX_VALUE));
      byte[] raw = new byte[dimension * Float.BYTES];
      float[] v = new float[dimension];
      ByteBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      byte[] wordBytes = new byte[256];
      for (long w = 0; w < count && table.size < wanted; w++) {
        int c = readByte();
        while (c == '\n' || c == '\r' || c == ' ') {
          c = readByte();
        }
        long wordAt = offset - 1;
        if (c < 0) {
          throw error(offset, "truncated: the header declares " + count + " words but the file ends after " + w);
        }
        int length = 0;
        while (c >= 0 && c != ' ') {
          if (length == wordBytes.length) {
            if (length >= 1 << 16) {
              throw error(wordAt, "unknown format: no space after 65536 bytes of word " + (w + 1)
                  + " (not a word2vec binary file?)");
            }
            wordBytes = Arrays.copyOf(wordBytes, length * 2);
          }
          wordBytes[length++] = (byte) c;
          c = readByte();
        }
        if (c < 0) {
          throw error(offset, "truncated: word " + (w + 1) + " of " + count + " has no vector");
        }
        String word;
        try {
          word = utf8.decode(ByteBuffer.wrap(wordBytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
          throw error(wordAt, "unknown format: word " + (w + 1) + " is not UTF-8 text");
        }
        long vectorAt = offset;
        readFully(raw, vectorAt, w + 1, count);
        if (w == 0 && printable(raw)) {
          throw error(vectorAt, "unknown format: the vector bytes of the first word are text (a text vector file? "
              + "name it .vec or .txt, or read it with Format.TEXT)");
        }
        floats.rewind();
        for (int k = 0; k < dimension; k++) {
          v[k] = floats.getFloat();
          if (!Float.isFinite(v[k])) {
            throw error(vectorAt + 4L * k, "bad number: value " + (k + 1) + " of word '" + word + "' is " + v[k]);
          }
        }
        table.add(word, v, 0);
      }
      return table.build();
    }

    private void readFully(byte[] raw, long at, long word, long count) throws IOException {
      int done = 0;
      while (done < raw.length) {
        int r = in.read(raw, done, raw.length - done);
        if (r < 0) {
          throw error(at, "truncated: the vector of word " + word + " of " + count + " needs " + raw.length
              + " bytes, the file ends after " + done, new EOFException());
        }
        done += r;
        offset += r;
      }
    }

    private DataException error(long at, String reason, Throwable cause) {
      return new DataException(source + ", byte " + at + ": " + reason, cause);
    }

    private static boolean printable(byte[] raw) {
      for (byte b : raw) {
        if (!(b >= 0x20 && b < 0x7f || b == '\n' || b == '\r' || b == '\t')) {
          return false;
        }
      }
      return true;
    }
  }
}
