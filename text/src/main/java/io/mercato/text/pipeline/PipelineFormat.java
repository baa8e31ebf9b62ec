package io.mercato.text.pipeline;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.normalize.Normalizer;
import io.mercato.text.privacy.PiiKind;
import io.mercato.text.privacy.PiiMasker;
import io.mercato.text.tokenize.StopWords;
import io.mercato.text.tokenize.Tokenizer;
import io.mercato.text.tokenize.UnicodeTokenizer;
import io.mercato.text.vectorize.Vectorizer;
import io.mercato.text.vectorize.VectorizerConfig;
import io.mercato.text.vectorize.Weighting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of a {@link FittedTextPipeline} inside a model file: a readable JSON configuration and
 * two binary entries (vectorizer state, token vocabulary).
 */
final class PipelineFormat {

  /**
   * Version of this layout; readers refuse newer ones. 2: the tokenizer records {@code crossScriptBigrams}
   * (version 1 files were fitted without them and read back with the setting off).
   */
  static final int VERSION = 2;
  static final String CONFIG = "pipeline.json";
  static final String VECTORIZER = "vectorizer.bin";
  static final String TOKENS = "tokens.bin";
  static final String UNICODE_TOKENIZER = "unicode";

  private PipelineFormat() {}

  static void write(FittedTextPipeline pipeline, ModelFileWriter writer, String prefix) {
    TextPipeline c = pipeline.config();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", VERSION);
    json.put("piiMasker", c.piiMasker().kinds().stream().map(Enum::name).sorted().toList());
    Normalizer n = c.normalizer();
    Map<String, Object> normalizer = new LinkedHashMap<>();
    normalizer.put("nfkc", n.nfkc());
    normalizer.put("fullWidthToHalfWidth", n.fullWidthToHalfWidth());
    normalizer.put("lowerCase", n.lowerCase());
    normalizer.put("urlPlaceholder", n.urlPlaceholder());
    normalizer.put("numberPlaceholder", n.numberPlaceholder());
    normalizer.put("emojiPlaceholder", n.emojiPlaceholder());
    json.put("normalizer", normalizer);
    Map<String, Object> tokenizer = new LinkedHashMap<>();
    if (c.tokenizer() instanceof UnicodeTokenizer t) {
      tokenizer.put("type", UNICODE_TOKENIZER);
      tokenizer.put("wordNgrams", t.wordNgrams());
      tokenizer.put("charNgramMin", t.charNgramMin());
      tokenizer.put("charNgramMax", t.charNgramMax());
      tokenizer.put("cjkBigrams", t.cjkBigrams());
      tokenizer.put("crossScriptBigrams", t.crossScriptBigrams());
      tokenizer.put("symbols", t.symbols());
      tokenizer.put("stopWords", t.stopWords().words());
    } else {
      tokenizer.put("type", "custom");
      tokenizer.put("class", c.tokenizer().getClass().getName());
    }
    json.put("tokenizer", tokenizer);
    VectorizerConfig v = c.vectorizer();
    Map<String, Object> vectorizer = new LinkedHashMap<>();
    vectorizer.put("weighting", v.weighting().name());
    vectorizer.put("sublinearTf", v.sublinearTf());
    vectorizer.put("smoothIdf", v.smoothIdf());
    vectorizer.put("l2Normalize", v.l2Normalize());
    vectorizer.put("minDf", v.minDf());
    vectorizer.put("minDfIsFraction", v.minDfIsFraction());
    vectorizer.put("maxDf", v.maxDf());
    vectorizer.put("maxFeatures", v.maxFeatures());
    vectorizer.put("hashingBuckets", v.hashingBuckets());
    json.put("vectorizer", vectorizer);
    json.put("maxSequenceLength", c.maxSequenceLength());
    json.put("minTokenCount", c.minTokenCount());
    json.put("maxVocabularySize", c.maxVocabularySize());
    json.put("featureDimension", pipeline.featureDimension());
    json.put("vocabularySize", pipeline.vocabularySize());
    writer.putJson(prefix + CONFIG, json);
    writer.put(prefix + VECTORIZER, out -> pipeline.vectorizer().write(out));
    List<String> vocabulary = pipeline.vocabulary();
    writer.put(prefix + TOKENS, out -> {
      out.writeInt(vocabulary.size());
      for (String token : vocabulary) {
        out.writeUTF(token);
      }
    });
  }

  static FittedTextPipeline read(ModelFileReader reader, String prefix, Tokenizer suppliedTokenizer) {
    String entry = prefix + CONFIG;
    Map<?, ?> json = reader.json(entry, Map.class);
    Fields f = new Fields(reader, entry, json);
    int version = f.integer("version");
    if (version > VERSION) {
      throw new ModelFileException(reader.file(), "entry '" + entry + "' has pipeline format version " + version
          + ", newer than this library reads (" + VERSION + "); upgrade Mercato");
    }
    TextPipeline.Builder b = TextPipeline.builder();
    try {
      List<String> kinds = f.stringsOrNull("piiMasker"); // null: written before masking was the default
      if (kinds == null || kinds.isEmpty()) {
        b.piiMasker(PiiMasker.none());
      } else {
        PiiKind[] chosen = kinds.stream().map(PiiKind::valueOf).toArray(PiiKind[]::new);
        b.piiMasker(PiiMasker.builder().kinds(chosen).build());
      }
      Fields n = f.object("normalizer");
      b.normalizer(Normalizer.builder().nfkc(n.bool("nfkc")).fullWidthToHalfWidth(n.bool("fullWidthToHalfWidth"))
          .lowerCase(n.bool("lowerCase")).urlPlaceholder(n.bool("urlPlaceholder"))
          .numberPlaceholder(n.bool("numberPlaceholder")).emojiPlaceholder(n.bool("emojiPlaceholder")).build());
      b.tokenizer(tokenizer(reader, entry, f.object("tokenizer"), suppliedTokenizer, version));
      Fields v = f.object("vectorizer");
      VectorizerConfig.Builder vb = VectorizerConfig.builder()
          .weighting(Weighting.valueOf(v.string("weighting"))).sublinearTf(v.bool("sublinearTf"))
          .smoothIdf(v.bool("smoothIdf")).l2Normalize(v.bool("l2Normalize")).maxDf(v.number("maxDf"))
          .maxFeatures(v.integer("maxFeatures")).hashingBuckets(v.integer("hashingBuckets"));
      if (v.bool("minDfIsFraction")) {
        vb.minDf(v.number("minDf"));
      } else {
        vb.minDf((int) v.number("minDf"));
      }
      b.vectorizer(vb.build());
      b.maxSequenceLength(f.integer("maxSequenceLength")).minTokenCount(f.integer("minTokenCount"))
          .maxVocabularySize(f.integer("maxVocabularySize"));
    } catch (IllegalArgumentException | io.mercato.core.ConfigurationException e) {
      throw new ModelFileException(reader.file(), "entry '" + entry + "' holds an invalid setting: "
          + e.getMessage(), e);
    }
    TextPipeline config = b.build();
    Vectorizer vectorizer = reader.read(prefix + VECTORIZER, in -> Vectorizer.read(in, config.vectorizer()));
    List<String> vocabulary = reader.read(prefix + TOKENS, in -> {
      int size = in.readInt();
      if (size < 0) {
        throw new IOException("negative vocabulary size " + size);
      }
      List<String> tokens = new ArrayList<>(Math.min(size, 1 << 20));
      for (int i = 0; i < size; i++) {
        tokens.add(in.readUTF());
      }
      return tokens;
    });
    if (vectorizer.dimension() != f.integer("featureDimension") || vocabulary.size() + 2 != f.integer("vocabularySize")) {
      throw new ModelFileException(reader.file(), "pipeline entries under '" + prefix
          + "' disagree on the feature or vocabulary size");
    }
    return new FittedTextPipeline(config, vectorizer, vocabulary);
  }

  private static Tokenizer tokenizer(ModelFileReader reader, String entry, Fields t, Tokenizer supplied,
      int version) {
    String type = t.string("type");
    if (UNICODE_TOKENIZER.equals(type)) {
      UnicodeTokenizer saved = UnicodeTokenizer.builder().wordNgrams(t.integer("wordNgrams"))
          .charNgrams(t.integer("charNgramMin"), t.integer("charNgramMax")).cjkBigrams(t.bool("cjkBigrams"))
          .crossScriptBigrams(version >= 2 && t.bool("crossScriptBigrams"))
          .symbols(t.bool("symbols")).stopWords(StopWords.of(t.stringsOrNull("stopWords"))).build();
      if (supplied != null && !saved.equals(supplied)) {
        throw new ModelFileException(reader.file(), "the supplied tokenizer " + supplied
            + " differs from the saved one " + saved);
      }
      return saved;
    }
    String className = t.string("class");
    if (supplied == null) {
      throw new ModelFileException(reader.file(), "the text pipeline was fitted with the custom tokenizer "
          + className + ", which is not saved; load it with FittedTextPipeline.readFrom(reader, prefix, tokenizer)"
          + " (or the model's load method that takes a tokenizer) and an instance of that class");
    }
    if (!supplied.getClass().getName().equals(className)) {
      throw new ModelFileException(reader.file(), "the text pipeline was fitted with tokenizer " + className
          + " but " + supplied.getClass().getName() + " was supplied");
    }
    return supplied;
  }

  /** Typed access to a JSON object with errors naming the file, entry and field. */
  private record Fields(ModelFileReader reader, String entry, Map<?, ?> map) {

    private Object require(String key) {
      if (!map.containsKey(key)) {
        throw new ModelFileException(reader.file(), "entry '" + entry + "' lacks field '" + key + "'");
      }
      return map.get(key);
    }

    private <T> T typed(String key, Class<T> type) {
      Object value = require(key);
      if (!type.isInstance(value)) {
        throw new ModelFileException(reader.file(), "entry '" + entry + "' field '" + key + "' should be a "
            + type.getSimpleName().toLowerCase() + " but is " + value);
      }
      return type.cast(value);
    }

    int integer(String key) {
      return typed(key, Number.class).intValue();
    }

    double number(String key) {
      return typed(key, Number.class).doubleValue();
    }

    boolean bool(String key) {
      return typed(key, Boolean.class);
    }

    String string(String key) {
      return typed(key, String.class);
    }

    List<String> stringsOrNull(String key) {
      Object value = require(key);
      if (value == null) {
        return null;
      }
      List<?> list = typed(key, List.class);
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new ModelFileException(reader.file(), "entry '" + entry + "' field '" + key
              + "' should hold strings but holds " + o);
        }
        out.add(s);
      }
      return out;
    }

    Fields object(String key) {
      return new Fields(reader, entry, typed(key, Map.class));
    }
  }
}
