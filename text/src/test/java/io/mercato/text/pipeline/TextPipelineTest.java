package io.mercato.text.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import io.mercato.text.normalize.Normalizer;
import io.mercato.text.privacy.PiiMasker;
import io.mercato.text.tokenize.StopWords;
import io.mercato.text.tokenize.Tokenizer;
import io.mercato.text.tokenize.UnicodeTokenizer;
import io.mercato.text.vectorize.VectorizerConfig;
import io.mercato.text.vectorize.Weighting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextPipelineTest {

  private static final String KIND = "text-pipeline-test";

  private static final List<String> CORPUS = List.of(
      "Great dress, love it!", "Terrible fit. Sent it back.", "Not great, not terrible",
      "房间很干净，服务很好", "房间太小，服务差", "Love the colour 😍 https://shop.example.com/p/1");

  @TempDir
  Path dir;

  /** Tokenizing once for fitting and encoding gives exactly what fitting and then encoding gives. */
  @Test
  void fitAndEncodeEqualsFitThenEncodeAll() {
    TextPipeline characters = TextPipeline.builder().tokenizer(UnicodeTokenizer.builder().charNgrams(2, 4).build()).build();
    // pruned features, unknown tokens (below the count or beyond the size) and truncated sequences
    TextPipeline pruned = TextPipeline.builder().vectorizer(VectorizerConfig.builder().minDf(2).build())
        .minTokenCount(2).maxVocabularySize(3).maxSequenceLength(4).build();
    for (TextPipeline config : List.of(characters, pruned)) {
      TextPipeline.FittedAndEncoded both = config.fitAndEncode(CORPUS);
      FittedTextPipeline separately = config.fit(CORPUS);
      assertThat(both.encoded()).isEqualTo(separately.encodeAll(CORPUS));
      assertThat(both.pipeline().featureDimension()).isEqualTo(separately.featureDimension());
      assertThat(both.pipeline().vocabularySize()).isEqualTo(separately.vocabularySize());
      assertThat(both.pipeline().features("not happy at all")).isEqualTo(separately.features("not happy at all"));
    }
    assertThat(pruned.fitAndEncode(CORPUS).encoded().get(1).tokenIds()).hasSize(4).contains(FittedTextPipeline.UNKNOWN_ID);
  }

  /** The same on 1,500 generated texts, which are counted in several blocks whose term ids are merged. */
  @Test
  void fitAndEncodeEqualsFitThenEncodeAllAcrossCountingBlocks() {
    String[] words = {"great", "dress", "terrible", "fit", "love", "colour", "房间", "干净", "服务", "差", "!", "not"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    List<String> texts = new ArrayList<>();
    for (int d = 0; d < 1_500; d++) {
      StringBuilder text = new StringBuilder("item" + d); // one term new to each text
      for (int k = random.nextInt(1, 12); k > 0; k--) {
        text.append(' ').append(words[random.nextInt(words.length)]);
      }
      texts.add(text.toString());
    }
    TextPipeline config = TextPipeline.builder().tokenizer(UnicodeTokenizer.builder().charNgrams(2, 3).build())
        .minTokenCount(2).maxSequenceLength(6).build();
    TextPipeline.FittedAndEncoded both = config.fitAndEncode(texts);
    assertThat(both.encoded()).isEqualTo(config.fit(texts).encodeAll(texts));
  }

  @Test
  void encodingOneViewLeavesTheOtherEmpty() {
    FittedTextPipeline p = TextPipeline.defaults().fit(CORPUS);
    String text = CORPUS.get(0);
    EncodedText both = p.encode(text);
    EncodedText features = p.encode(text, EncodedText.Views.FEATURES);
    EncodedText ids = p.encode(text, EncodedText.Views.TOKEN_IDS);
    assertThat(both.features().size()).isPositive();
    assertThat(both.length()).isPositive();
    assertThat(features.features()).isEqualTo(both.features());
    assertThat(features.length()).isZero();
    assertThat(ids.tokenIds()).isEqualTo(both.tokenIds());
    assertThat(ids.features().size()).isZero();
    assertThat(ids.features().dimension()).isEqualTo(p.featureDimension());
    assertThat(p.encodeAll(List.of(text, text), EncodedText.Views.TOKEN_IDS)).containsExactly(ids, ids);
  }

  @Test
  void tokensAreMaskedNormalizedAndTokenizedInOrder() {
    FittedTextPipeline p = TextPipeline.builder().piiMasker(PiiMasker.standard()).build().fit(CORPUS);
    assertThat(p.tokens("Mail ME at a.b@shop.com, NOT happy!")).containsExactly(
        "mail", "me", "at", "<EMAIL>", "not", "happy", "!");
    assertThat(p.tokens("ＷＯＷ 很好")).containsExactly("wow", "很", "好");
    assertThat(p.tokens("see https://x.org/a")).containsExactly("see", "<URL>");
  }

  @Test
  void tokenIdsFollowCorpusFrequencyWithPaddingAndUnknownReserved() {
    TextPipeline config = TextPipeline.builder().maxSequenceLength(3)
        .tokenizer(UnicodeTokenizer.builder().wordNgrams(1).build()).build();
    FittedTextPipeline p = config.fit(List.of("b a", "a c", "a b"));
    // counts by hand: a 3, b 2, c 1 -> ids 2, 3, 4
    assertThat(p.vocabularySize()).isEqualTo(5);
    assertThat(List.of(p.token(0), p.token(1), p.token(2), p.token(3), p.token(4)))
        .containsExactly("<PAD>", "<UNK>", "a", "b", "c");
    assertThat(p.encode("c a zzz").tokenIds()).containsExactly(4, 2, 1);
    assertThat(p.encode("a b c a b").tokenIds()).containsExactly(2, 3, 4); // truncated to 3
    assertThat(p.encode("").tokenIds()).isEmpty();
    assertThat(p.tokenId("b")).isEqualTo(3);
    assertThat(p.tokenId("zzz")).isEqualTo(FittedTextPipeline.UNKNOWN_ID);
  }

  @Test
  void tokenVocabularyCanBeLimited() {
    FittedTextPipeline p = TextPipeline.builder().minTokenCount(2).tokenizer(UnicodeTokenizer.builder().wordNgrams(1).build())
        .build().fit(List.of("b a", "a c", "a b"));
    assertThat(p.vocabularySize()).isEqualTo(4); // a (3) and b (2); c (1) is below minTokenCount
    FittedTextPipeline top1 = TextPipeline.builder().maxVocabularySize(1).build().fit(List.of("b a", "a c", "a b"));
    assertThat(top1.vocabularySize()).isEqualTo(3);
    assertThat(top1.token(2)).isEqualTo("a");
  }

  @Test
  void featuresAreTheVectorizerOutputOverTheTerms() {
    TextPipeline config = TextPipeline.builder().tokenizer(UnicodeTokenizer.builder().wordNgrams(1).build()).build();
    FittedTextPipeline p = config.fit(List.of("Good movie", "bad movie"));
    // vocabulary good, movie, bad (order of first occurrence); "GOOD good" has only "good" (tf 2) -> after
    // l2 normalization exactly 1
    EncodedText e = p.encode("GOOD good");
    assertThat(e.features().dimension()).isEqualTo(3);
    assertThat(e.features().indices()).containsExactly(0);
    assertThat(e.features().values()[0]).isCloseTo(1.0, within(1e-15));
    assertThat(p.featureName(0)).isEqualTo("good");
    // "good movie": idf(good) = ln(3/2) + 1, idf(movie) = ln(3/3) + 1 = 1, tf 1 each, then l2
    double g = Math.log(1.5) + 1;
    double norm = Math.sqrt(g * g + 1);
    assertThat(p.encode("good movie").features().toDense()).containsExactly(new double[] {g / norm, 1 / norm, 0}, within(1e-12));
    for (String text : CORPUS) {
      assertThat(p.encode(text).features()).isEqualTo(p.vectorizer().transform(p.terms(text)));
    }
  }

  @Test
  void defaultPipelineHandlesEnglishAndChineseNgrams() {
    FittedTextPipeline p = TextPipeline.defaults().fit(CORPUS);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < p.featureDimension(); i++) {
      names.add(p.featureName(i));
    }
    assertThat(names).contains("great", "not great", "sent it", "房", "房间", "很好", "😍", "<URL>", "!");
    EncodedText e = p.encode("房间很小");
    List<String> active = Arrays.stream(e.features().indices()).mapToObj(p::featureName).toList();
    // unigrams 房 间 很 小 and bigrams 房间 间很 很小; 很小 never occurred in the corpus
    assertThat(active).containsExactlyInAnyOrder("房", "间", "很", "小", "房间", "间很");
    assertThat(e.features().norm()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void encodeAllEncodesEachTextInOrder() {
    FittedTextPipeline p = TextPipeline.defaults().fit(CORPUS);
    List<EncodedText> all = p.encodeAll(CORPUS);
    for (int i = 0; i < CORPUS.size(); i++) {
      assertThat(all.get(i)).isEqualTo(p.encode(CORPUS.get(i)));
    }
    // above the parallel threshold: still in order, still equal to one-by-one encoding
    List<String> many = new ArrayList<>();
    for (int i = 0; i < FittedTextPipeline.PARALLEL_THRESHOLD + 10; i++) {
      many.add(CORPUS.get(i % CORPUS.size()) + " " + i);
    }
    List<EncodedText> encoded = p.encodeAll(many);
    assertThat(encoded).hasSize(many.size());
    for (int i = 0; i < many.size(); i += 97) {
      assertThat(encoded.get(i)).isEqualTo(p.encode(many.get(i)));
    }
  }

  @Test
  void fittingIsDeterministic() throws IOException {
    TextPipeline config = TextPipeline.builder().piiMasker(PiiMasker.standard()).build();
    Map<String, byte[]> a = entries(save(config.fit(CORPUS), "a.model"));
    Map<String, byte[]> b = entries(save(config.fit(new ArrayList<>(CORPUS)), "b.model"));
    for (String name : List.of("text/pipeline.json", "text/vectorizer.bin", "text/tokens.bin")) {
      assertThat(a.get(name)).as(name).isEqualTo(b.get(name));
    }
  }

  @Test
  void savedAndLoadedPipelineEncodesIdentically() {
    List<TextPipeline> configs = List.of(
        TextPipeline.defaults(),
        TextPipeline.builder().piiMasker(PiiMasker.builder().kinds(io.mercato.text.privacy.PiiKind.EMAIL).build())
            .normalizer(Normalizer.builder().lowerCase(false).numberPlaceholder(true).emojiPlaceholder(true).build())
            .tokenizer(UnicodeTokenizer.builder().wordNgrams(3).charNgrams(2, 4).cjkBigrams(false)
                .crossScriptBigrams(false).symbols(false)
                .stopWords(StopWords.english().plus("love")).build())
            .vectorizer(VectorizerConfig.builder().weighting(Weighting.COUNT).minDf(0.1).maxDf(0.9).maxFeatures(50)
                .build())
            .maxSequenceLength(7).minTokenCount(1).maxVocabularySize(20).build(),
        TextPipeline.builder().vectorizer(VectorizerConfig.builder().hashingBuckets(4096).smoothIdf(false).build()).build());
    List<String> probes = new ArrayList<>(CORPUS);
    probes.add("unseen words 完全 新的 text, mail x@y.com 13800138000 !!");
    int n = 0;
    for (TextPipeline config : configs) {
      FittedTextPipeline fitted = config.fit(CORPUS);
      Path file = save(fitted, "round" + n++ + ".model");
      FittedTextPipeline loaded;
      try (ModelFileReader r = ModelFileReader.open(file, KIND, 1)) {
        loaded = FittedTextPipeline.readFrom(r, "text/");
      }
      assertThat(loaded.featureDimension()).isEqualTo(fitted.featureDimension());
      assertThat(loaded.vocabularySize()).isEqualTo(fitted.vocabularySize());
      assertThat(loaded.maxSequenceLength()).isEqualTo(fitted.maxSequenceLength());
      assertThat(loaded.config().tokenizer()).isEqualTo(fitted.config().tokenizer());
      assertThat(loaded.config().normalizer()).isEqualTo(fitted.config().normalizer());
      assertThat(loaded.config().vectorizer()).isEqualTo(fitted.config().vectorizer());
      for (int i = 0; i < fitted.featureDimension(); i++) {
        assertThat(loaded.featureName(i)).isEqualTo(fitted.featureName(i));
      }
      for (int i = 0; i < fitted.vocabularySize(); i++) {
        assertThat(loaded.token(i)).isEqualTo(fitted.token(i));
      }
      for (String text : probes) {
        assertThat(loaded.encode(text)).as(text).isEqualTo(fitted.encode(text));
      }
    }
  }

  @Test
  void withMaskingNoPiiReachesTheVocabularyOrTheSavedFile() throws IOException {
    List<String> pii = List.of("jane.doe@example.com", "13912345678", "11010519491231002X", "4111111111111111",
        "4111 1111 1111 1111", "192.168.10.77", "+44 20 7946 0958");
    List<String> texts = new ArrayList<>(CORPUS);
    texts.add("Contact jane.doe@example.com or 13912345678 about the refund");
    texts.add("身份证11010519491231002X，卡号4111111111111111，请退款");
    texts.add("paid with 4111 1111 1111 1111 from 192.168.10.77, call +44 20 7946 0958");
    // the pieces the tokenizer would otherwise make of them must not leak either
    List<String> fragments = List.of("jane", "example", "13912345678", "11010519491231002", "4111111111111111",
        "192.168.10.77", "7946");

    FittedTextPipeline masked = TextPipeline.builder().piiMasker(PiiMasker.standard())
        .tokenizer(UnicodeTokenizer.builder().charNgrams(2, 4).build()).build().fit(texts);
    String everything = allEntriesAsText(save(masked, "masked.model"));
    for (String s : pii) {
      assertThat(everything).doesNotContain(s);
    }
    for (String s : fragments) {
      assertThat(everything).doesNotContain(s);
    }
    assertThat(everything).contains("<EMAIL>", "<PHONE>", "<ID_CARD>", "<BANK_CARD>", "<IP>");

    // control: the same search finds the data when masking is off, so the check above can fail
    FittedTextPipeline unmasked = TextPipeline.builder().piiMasker(PiiMasker.none())
        .tokenizer(UnicodeTokenizer.builder().charNgrams(2, 4).build()).build().fit(texts);
    String leaky = allEntriesAsText(save(unmasked, "unmasked.model"));
    assertThat(leaky).contains("13912345678", "4111111111111111", "jane");
  }

  @Test
  void customTokenizersMustBeSuppliedAgainOnLoad() {
    FittedTextPipeline fitted = TextPipeline.builder().tokenizer(new WhitespaceTokenizer()).build().fit(CORPUS);
    Path file = save(fitted, "custom.model");
    try (ModelFileReader r = ModelFileReader.open(file, KIND, 1)) {
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "text/"))
          .isInstanceOf(ModelFileException.class).hasMessageContaining(WhitespaceTokenizer.class.getName());
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "text/", UnicodeTokenizer.standard()))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("was supplied");
      FittedTextPipeline loaded = FittedTextPipeline.readFrom(r, "text/", new WhitespaceTokenizer());
      for (String text : CORPUS) {
        assertThat(loaded.encode(text)).isEqualTo(fitted.encode(text));
      }
    }
  }

  @Test
  void aDifferentUnicodeTokenizerIsRefusedOnLoad() {
    Path file = save(TextPipeline.defaults().fit(CORPUS), "std.model");
    try (ModelFileReader r = ModelFileReader.open(file, KIND, 1)) {
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "text/", UnicodeTokenizer.builder().wordNgrams(3).build()))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("differs");
      assertThat(FittedTextPipeline.readFrom(r, "text/", UnicodeTokenizer.standard()).featureDimension())
          .isEqualTo(TextPipeline.defaults().fit(CORPUS).featureDimension());
    }
  }

  /**
   * A version 1 file (saved before the cross-script bigram setting existed) has no such field: it reads
   * back with the setting off, and a supplied tokenizer must match that.
   */
  @Test
  void versionOneFilesReadBackWithoutCrossScriptBigrams() throws IOException {
    TextPipeline before = TextPipeline.builder()
        .tokenizer(UnicodeTokenizer.builder().crossScriptBigrams(false).build()).build();
    Path saved = save(before.fit(CORPUS), "new.model");
    Path old = dir.resolve("old.model");
    try (ModelFileReader r = ModelFileReader.open(saved, KIND, 1);
        ModelFileWriter w = ModelFileWriter.create(old, KIND, 1, provenance())) {
      for (String name : r.names()) {
        byte[] bytes = r.bytes(name);
        if (name.equals("text/pipeline.json")) {
          String json = new String(bytes, StandardCharsets.UTF_8);
          String field = "\"crossScriptBigrams\"\\s*:\\s*false,\\s*";
          String version = "\"version\"\\s*:\\s*2";
          assertThat(json).containsPattern(field).containsPattern(version);
          json = json.replaceAll(field, "").replaceAll(version, "\"version\" : 1");
          bytes = json.getBytes(StandardCharsets.UTF_8);
        }
        w.putBytes(name, bytes);
      }
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(old, KIND, 1)) {
      assertThat(new String(r.bytes("text/pipeline.json"), StandardCharsets.UTF_8)).doesNotContain("crossScript");
      FittedTextPipeline loaded = FittedTextPipeline.readFrom(r, "text/");
      assertThat(((UnicodeTokenizer) loaded.config().tokenizer()).crossScriptBigrams()).isFalse();
      assertThat(loaded.terms("iphone很好")).doesNotContain("iphone 很");
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "text/", UnicodeTokenizer.standard()))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("crossScriptBigrams=false");
      assertThat(FittedTextPipeline.readFrom(r, "text/", UnicodeTokenizer.builder().crossScriptBigrams(false).build())
          .featureDimension()).isEqualTo(loaded.featureDimension());
    }
  }

  @Test
  void aNewerPipelineFormatFailsClearly() {
    Path file = dir.resolve("future.model");
    try (ModelFileWriter w = ModelFileWriter.create(file, KIND, 1, provenance())) {
      w.putJson("text/pipeline.json", Map.of("version", PipelineFormat.VERSION + 1));
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, KIND, 1)) {
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "text/"))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("newer than this library reads");
    }
  }

  @Test
  void missingEntriesFailClearly() {
    Path file = dir.resolve("empty.model");
    try (ModelFileWriter w = ModelFileWriter.create(file, KIND, 1, provenance())) {
      w.putJson("text/pipeline.json", Map.of("version", 1));
      w.commit();
    }
    try (ModelFileReader r = ModelFileReader.open(file, KIND, 1)) {
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "text/"))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("text/pipeline.json");
      assertThatThrownBy(() -> FittedTextPipeline.readFrom(r, "other/"))
          .isInstanceOf(ModelFileException.class).hasMessageContaining("other/pipeline.json");
    }
  }

  @Test
  void encodingIsSafeFromManyThreads() throws Exception {
    FittedTextPipeline p = TextPipeline.builder().piiMasker(PiiMasker.standard()).build().fit(CORPUS);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add(CORPUS.get(i % CORPUS.size()) + " #" + i + " 房间" + (i % 7));
    }
    List<EncodedText> expected = p.encodeAll(texts);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<EncodedText>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> p.encodeAll(texts)));
      }
      for (Future<List<EncodedText>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badInputAndSettingsAreRefused() {
    assertThatThrownBy(() -> TextPipeline.defaults().fit(List.of())).isInstanceOf(DataException.class);
    assertThatThrownBy(() -> TextPipeline.builder().maxSequenceLength(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxSequenceLength");
    assertThatThrownBy(() -> TextPipeline.builder().minTokenCount(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("minTokenCount");
    assertThatThrownBy(() -> TextPipeline.builder().maxVocabularySize(-1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxVocabularySize");
    assertThatThrownBy(() -> TextPipeline.builder().tokenizer(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("tokenizer");
    assertThatThrownBy(() -> TextPipeline.builder().normalizer(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("normalizer");
    assertThatThrownBy(() -> TextPipeline.builder().vectorizer(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("vectorizer");
  }

  /** A user tokenizer: splits on whitespace, nothing else. */
  static final class WhitespaceTokenizer implements Tokenizer {
    @Override
    public List<String> tokenize(String normalizedText) {
      return Arrays.stream(normalizedText.split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Provenance provenance() {
    return Provenance.now("", 0, 0, Map.of(), Map.of());
  }

  private Path save(FittedTextPipeline p, String name) {
    Path file = dir.resolve(name);
    try (ModelFileWriter w = ModelFileWriter.create(file, KIND, 1, provenance())) {
      p.writeTo(w, "text/");
      w.commit();
    }
    return file;
  }

  private static Map<String, byte[]> entries(Path file) throws IOException {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> e = zip.entries();
      while (e.hasMoreElements()) {
        ZipEntry entry = e.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          out.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  /** Every entry decompressed and decoded as UTF-8 (Java's modified UTF-8 agrees on these characters), plus the raw file. */
  private static String allEntriesAsText(Path file) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] bytes : entries(file).values()) {
      all.write(bytes);
      all.write('\n');
    }
    all.write(java.nio.file.Files.readAllBytes(file));
    return all.toString(StandardCharsets.UTF_8);
  }
}
