package io.mercato.text;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.ModelFileException;
import io.mercato.core.io.BinaryArrays;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.ModelKey;
import io.mercato.core.io.Provenance;
import io.mercato.core.linalg.SparseVector;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.text.model.TextModel;
import io.mercato.text.model.TextModels;
import io.mercato.text.pipeline.EncodedText;
import io.mercato.text.pipeline.FittedTextPipeline;
import io.mercato.text.privacy.PiiMasker;
import io.mercato.text.tokenize.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained text classifier: raw text in, label with probabilities and reasons out.
 *
 * <p>It owns its fitted pipeline (PII masking, normalization, tokenization, vocabulary) and its
 * model, so prediction, explanation, evaluation and saving need nothing else. Immutable and safe
 * to share between threads. Create one with {@link #builder()}{@code .build().fit(examples)} or
 * {@link #load(Path)}.
 *
 * <pre>{@code
 * TextClassifier clf = TextClassifier.builder().build().fit(examples);
 * Prediction p = clf.predict("Terrible fit, sent it back");
 * Explanation why = clf.explain("Terrible fit, sent it back");
 * clf.save(Path.of("sentiment.mercato"));
 * }</pre>
 */
public final class TextClassifier {

  private static final Logger LOG = LoggerFactory.getLogger(TextClassifier.class);

  /** Model file kind of a text classifier. */
  public static final String KIND = "text-classifier";
  /** Newest payload layout of this kind that this version writes and reads. */
  public static final int KIND_VERSION = 1;
  private static final String HEADER = "classifier.bin";
  private static final String PIPELINE_PREFIX = "pipeline/";
  private static final String MODEL_PREFIX = "model/";
  /** Texts per chunk when a large batch is spread over the cores. */
  private static final int PARALLEL_CHUNK = 512;

  private final FittedTextPipeline pipeline;
  private final TextModel model;
  private final List<String> labels;
  private final Map<String, Integer> labelIndex;
  private final boolean multiLabel;
  private final double[] thresholds;
  private final Provenance provenance;

  TextClassifier(FittedTextPipeline pipeline, TextModel model, List<String> labels, boolean multiLabel,
      double[] thresholds, Provenance provenance) {
    this.pipeline = pipeline;
    this.model = model;
    this.labels = List.copyOf(labels);
    this.multiLabel = multiLabel;
    this.thresholds = thresholds == null ? null : thresholds.clone();
    this.provenance = provenance;
    this.labelIndex = new HashMap<>();
    for (int c = 0; c < this.labels.size(); c++) {
      labelIndex.put(this.labels.get(c), c);
    }
  }

  /** Starts configuring a classifier; {@code builder().build()} is a strong default for English or Chinese. */
  public static TextClassifierTrainer.Builder builder() {
    return new TextClassifierTrainer.Builder();
  }

  /** The labels the classifier knows, in output order (sorted). */
  public List<String> labels() {
    return labels;
  }

  /** Whether each text may get several labels. */
  public boolean multiLabel() {
    return multiLabel;
  }

  /** The model type name, e.g. {@code "linear"} or {@code "fasttext"}. */
  public String modelType() {
    return model.type();
  }

  /** Where the model came from: library version, training time, data fingerprint, hyper-parameters, validation metrics. */
  public Provenance provenance() {
    return provenance;
  }

  /** Decision threshold of each label (multi-label only; empty list otherwise). */
  public List<Double> thresholds() {
    return thresholds == null ? List.of() : Arrays.stream(thresholds).boxed().toList();
  }

  /**
   * The masker every text passes through before anything else ({@link PiiMasker#none()} if the model was
   * trained with masking turned off).
   */
  public PiiMasker piiMasker() {
    return pipeline.config().piiMasker();
  }

  /** The fitted text pipeline (for inspecting tokens and features). */
  public FittedTextPipeline pipeline() {
    return pipeline;
  }

  /** The underlying model. */
  public TextModel model() {
    return model;
  }

  // ------------------------------------------------------------------ prediction

  /** The best label of {@code text} with the full probability distribution. */
  public Prediction predict(String text) {
    Objects.requireNonNull(text, "text");
    return prediction(model.predict(List.of(pipeline.encode(text, model.reads())))[0]);
  }

  /**
   * Predictions for many texts in one vectorized pass (large batches are spread over the cores).
   *
   * @return one prediction per text, in order
   */
  public List<Prediction> predictAll(List<String> texts) {
    double[][] p = probabilities(texts);
    List<Prediction> out = new ArrayList<>(p.length);
    for (double[] row : p) {
      out.add(prediction(row));
    }
    return out;
  }

  /** The {@code k} most probable labels of {@code text} with their probabilities, highest first. */
  public Map<String, Double> topK(String text, int k) {
    if (k < 1) {
      throw ConfigurationException.invalid("k", k, "must be at least 1");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : predict(text).probabilities().entrySet()) {
      if (out.size() == k) {
        break;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /** Probability rows (in {@link #labels()} order) for many texts. */
  double[][] probabilities(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    int n = texts.size();
    if (n < 2 * PARALLEL_CHUNK) {
      return model.predict(pipeline.encodeAll(texts, model.reads()));
    }
    double[][] out = new double[n][];
    int chunks = (n + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
    IntStream.range(0, chunks).parallel().forEach(ch -> {
      int from = ch * PARALLEL_CHUNK;
      int to = Math.min(n, from + PARALLEL_CHUNK);
      double[][] p = model.predict(pipeline.encodeAll(texts.subList(from, to), model.reads()));
      System.arraycopy(p, 0, out, from, to - from);
    });
    return out;
  }

  private Prediction prediction(double[] p) {
    Integer[] order = new Integer[p.length];
    for (int c = 0; c < p.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    Map<String, Double> distribution = new LinkedHashMap<>();
    List<String> assigned = new ArrayList<>();
    for (int c : order) {
      distribution.put(labels.get(c), p[c]);
      if (multiLabel && p[c] >= thresholds[c]) {
        assigned.add(labels.get(c));
      }
    }
    String best = labels.get(order[0]);
    return new Prediction(best, p[order[0]], distribution, multiLabel ? assigned : List.of(best));
  }

  // ------------------------------------------------------------------ explanation

  /** Why {@code text} got its predicted label. */
  public Explanation explain(String text) {
    return explain(text, predict(text).label());
  }

  /**
   * The terms of {@code text} that pushed it towards (positive weight) or away from (negative)
   * {@code label}. Exact for the linear model (each term's share {@code x_j w_j} of the label's
   * score); for other models by occlusion: each distinct token is removed (with the n-grams that
   * contain it) and its weight is the resulting drop of the label's log-probability, computed in
   * one batch.
   *
   * @throws ConfigurationException when {@code label} is not one of {@link #labels()}
   */
  public Explanation explain(String text, String label) {
    Objects.requireNonNull(text, "text");
    Integer c = labelIndex.get(label);
    if (c == null) {
      throw ConfigurationException.invalid("label", label, "must be one of " + labels);
    }
    EncodedText encoded = pipeline.encode(text);
    double probability = model.predict(List.of(encoded))[0][c];
    var exact = model.contributions(encoded, c);
    List<Explanation.Contribution> contributions = new ArrayList<>();
    if (exact.isPresent()) {
      double[] w = exact.get();
      SparseVector x = encoded.features();
      for (int k = 0; k < w.length; k++) {
        if (w[k] != 0) {
          contributions.add(new Explanation.Contribution(pipeline.featureName(x.index(k)), w[k]));
        }
      }
      return new Explanation(label, probability, Explanation.Method.EXACT, contributions);
    }
    List<String> tokens = pipeline.tokens(text);
    List<String> units = new ArrayList<>(new LinkedHashSet<>(tokens));
    List<EncodedText> variants = new ArrayList<>(units.size());
    for (String unit : units) {
      variants.add(without(encoded, tokens, unit));
    }
    double[][] p = model.predict(variants);
    double base = Math.log(Math.max(probability, 1e-15));
    for (int u = 0; u < units.size(); u++) {
      double weight = base - Math.log(Math.max(p[u][c], 1e-15));
      if (weight != 0) {
        contributions.add(new Explanation.Contribution(units.get(u), weight));
      }
    }
    return new Explanation(label, probability, Explanation.Method.OCCLUSION, contributions);
  }

  /** {@code encoded} with every occurrence of {@code token} removed, from the token ids and from the features naming it. */
  private EncodedText without(EncodedText encoded, List<String> tokens, String token) {
    SparseVector x = encoded.features();
    int[] idx = new int[x.size()];
    double[] val = new double[x.size()];
    int m = 0;
    for (int k = 0; k < x.size(); k++) {
      if (!mentions(pipeline.featureName(x.index(k)), token)) {
        idx[m] = x.index(k);
        val[m++] = x.value(k);
      }
    }
    int[] ids = encoded.tokenIds();
    int[] kept = new int[ids.length];
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (!tokens.get(i).equals(token)) {
        kept[n++] = ids[i];
      }
    }
    return new EncodedText(SparseVector.of(x.dimension(), Arrays.copyOf(idx, m), Arrays.copyOf(val, m)),
        Arrays.copyOf(kept, n));
  }

  /** Whether a feature term is the token, a word n-gram containing it, or a CJK n-gram containing the CJK token. */
  static boolean mentions(String term, String token) {
    if (term.equals(token)) {
      return true;
    }
    if (term.indexOf(' ') >= 0) {
      for (String part : term.split(" ")) {
        if (part.equals(token)) {
          return true;
        }
      }
      return false;
    }
    return isCjk(token) && isCjk(term) && term.contains(token);
  }

  private static boolean isCjk(String s) {
    return !s.isEmpty() && s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
  }

  // ------------------------------------------------------------------ evaluation

  /**
   * Accuracy, per-class precision/recall/F1, confusion matrix, log loss and ROC-AUC on labelled texts
   * (single-label classifiers; see {@link #evaluatePerLabel} for multi-label ones).
   *
   * @throws DataException when a text carries a label the classifier does not know
   * @throws ConfigurationException for a multi-label classifier
   */
  public ClassificationReport evaluate(List<LabeledText> data) {
    if (multiLabel) {
      throw new ConfigurationException("evaluate() needs a single-label classifier; use evaluatePerLabel() for multi-label");
    }
    List<String> texts = new ArrayList<>(data.size());
    int[] actual = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      LabeledText t = data.get(i);
      texts.add(t.text());
      actual[i] = indexOf(t.label(), i);
    }
    double[][] p = probabilities(texts);
    return ClassificationReport.of(labels, actual, TextClassifierTrainer.argmax(p), p);
  }

  /**
   * One binary report per label (classes {@code "no"}, {@code "yes"}) of the thresholded decisions of
   * a multi-label classifier (for a single-label one: the one-vs-rest view of its best label).
   */
  public Map<String, ClassificationReport> evaluatePerLabel(List<LabeledText> data) {
    List<String> texts = new ArrayList<>(data.size());
    for (LabeledText t : data) {
      texts.add(t.text());
    }
    double[][] p = probabilities(texts);
    int[] best = TextClassifierTrainer.argmax(p);
    Map<String, ClassificationReport> out = new LinkedHashMap<>();
    for (int c = 0; c < labels.size(); c++) {
      int[] actual = new int[data.size()];
      int[] predicted = new int[data.size()];
      double[][] binary = new double[data.size()][];
      for (int i = 0; i < data.size(); i++) {
        for (String label : data.get(i).labels()) {
          indexOf(label, i);
        }
        actual[i] = data.get(i).labels().contains(labels.get(c)) ? 1 : 0;
        predicted[i] = (multiLabel ? p[i][c] >= thresholds[c] : best[i] == c) ? 1 : 0;
        binary[i] = new double[] {1 - p[i][c], p[i][c]};
      }
      out.put(labels.get(c), ClassificationReport.of(List.of("no", "yes"), actual, predicted, binary));
    }
    return out;
  }

  private int indexOf(String label, int row) {
    Integer c = labelIndex.get(label);
    if (c == null) {
      throw new DataException("example " + row + " has label '" + label + "' unknown to the classifier; known: " + labels);
    }
    return c;
  }

  // ------------------------------------------------------------------ persistence

  /**
   * Saves the classifier (pipeline with vocabulary, model weights, labels, thresholds and provenance)
   * to one file, atomically: a temporary file in the same folder renamed into place.
   *
   * @throws ModelFileException when the file cannot be written
   */
  public void save(Path file) {
    save(file, null);
  }

  /**
   * Saves the classifier like {@link #save(Path)}, encrypted and authenticated with AES-256-GCM
   * under {@code key} (null: in the clear). The file's clear header names the key id only.
   *
   * @throws ModelFileException when the file cannot be written
   */
  public void save(Path file, ModelKey key) {
    try (ModelFileWriter w = ModelFileWriter.create(file, KIND, KIND_VERSION, provenance, key)) {
      w.put(HEADER, out -> {
        BinaryArrays.writeString(out, model.type());
        BinaryArrays.writeStrings(out, labels);
        out.writeBoolean(multiLabel);
        BinaryArrays.writeDoubles(out, thresholds == null ? new double[0] : thresholds);
      });
      pipeline.writeTo(w, PIPELINE_PREFIX);
      model.writeTo(w, MODEL_PREFIX);
      w.commit();
    }
  }

  /**
   * Loads a classifier saved by {@link #save}. Nothing half-loaded ever escapes: a missing, truncated,
   * corrupt, foreign or newer-version file fails with a {@link ModelFileException} saying why.
   */
  public static TextClassifier load(Path file) {
    return load(file, null, null);
  }

  /**
   * Loads a classifier saved with {@link #save(Path, ModelKey)}. A missing key, a key of another id,
   * a different key or an altered file fails with a {@link ModelFileException} saying which; a plain
   * file given a key is refused (it is not authenticated).
   */
  public static TextClassifier load(Path file, ModelKey key) {
    return load(file, key, null);
  }

  /**
   * Loads a classifier trained with a custom tokenizer (tokenizers are code, not saved): pass an
   * instance configured as when training.
   */
  public static TextClassifier load(Path file, Tokenizer tokenizer) {
    return load(file, null, tokenizer);
  }

  /**
   * Loads an encrypted classifier ({@code key}; null for a plain file) trained with a custom tokenizer
   * ({@code tokenizer}; null for the standard one).
   */
  public static TextClassifier load(Path file, ModelKey key, Tokenizer tokenizer) {
    try (ModelFileReader r = ModelFileReader.open(file, KIND, KIND_VERSION, key)) {
      record Header(String type, List<String> labels, boolean multiLabel, double[] thresholds) {
      }
      Header h = r.read(HEADER, in -> new Header(BinaryArrays.readString(in), BinaryArrays.readStrings(in),
          in.readBoolean(), BinaryArrays.readDoubles(in)));
      if (!TextModels.isKnown(h.type())) {
        throw new ModelFileException(file, "model type '" + h.type() + "' is not available in this build");
      }
      if (h.labels().isEmpty() || (h.multiLabel() && h.thresholds().length != h.labels().size())) {
        throw new ModelFileException(file, "entry '" + HEADER + "' is inconsistent: " + h.labels().size()
            + " labels, " + h.thresholds().length + " thresholds");
      }
      FittedTextPipeline pipeline = tokenizer == null
          ? FittedTextPipeline.readFrom(r, PIPELINE_PREFIX)
          : FittedTextPipeline.readFrom(r, PIPELINE_PREFIX, tokenizer);
      TextModel model = TextModels.readFrom(r, MODEL_PREFIX, h.type());
      if (model.outputs() != h.labels().size() || model.multiLabel() != h.multiLabel()) {
        throw new ModelFileException(file, "model has " + model.outputs() + " outputs but the file lists "
            + h.labels().size() + " labels");
      }
      if (pipeline.config().piiMasker().masksNothing()) {
        LOG.warn("{} was trained without PII masking: its vocabulary may hold personal data from the training "
            + "texts, and it does not mask the texts it classifies", file);
      }
      return new TextClassifier(pipeline, model, h.labels(), h.multiLabel(),
          h.multiLabel() ? h.thresholds() : null, r.manifest().provenance());
    }
  }

  @Override
  public String toString() {
    return "TextClassifier{model=" + model.type() + ", labels=" + labels + (multiLabel ? ", multi-label" : "")
        + ", trained " + provenance.createdAt() + "}";
  }
}
