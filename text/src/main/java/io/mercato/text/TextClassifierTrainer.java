package io.mercato.text;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.data.Splits;
import io.mercato.core.io.DataFingerprint;
import io.mercato.core.io.Provenance;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.model.EnsembleModel;
import io.mercato.text.model.FastTextModelTrainer;
import io.mercato.text.model.LinearModel;
import io.mercato.text.model.LinearModelTrainer;
import io.mercato.text.model.TextModel;
import io.mercato.text.model.TextModelTrainer;
import io.mercato.text.model.TextModels;
import io.mercato.text.model.TrainingOptions;
import io.mercato.text.model.TrainingSet;
import io.mercato.text.normalize.Normalizer;
import io.mercato.text.pipeline.EncodedText;
import io.mercato.text.pipeline.FittedTextPipeline;
import io.mercato.text.pipeline.TextPipeline;
import io.mercato.text.privacy.PiiMasker;
import io.mercato.text.tokenize.Tokenizer;
import io.mercato.text.vectorize.VectorizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Immutable training recipe of a {@link TextClassifier}: the text pipeline (PII masking,
 * normalization, tokenization, vectorization), the model (type and hyper-parameters) and the
 * training settings. Built by {@link TextClassifier#builder()}; {@link #fit} may be called any
 * number of times (also concurrently) and is deterministic for a given seed and data.
 *
 * <p>Training holds out a stratified {@code validationFraction} of the data (from 100 examples on)
 * to find the best number of epochs (early stopping), then retrains on all the data for that many. With
 * {@link ModelType#AUTO} the held-out data also chooses the linear model's regularization ({@code C} in
 * 10 or 100, the more accurate) and then among that linear model, the fastText-style model and their
 * average: the linear model unless another is significantly more accurate (McNemar). Linear models are
 * solved to convergence, so only the others reuse their best epoch count when retrained on all the data. Smaller data sets train on
 * everything for the model's default number of epochs (AUTO then means linear).
 */
public final class TextClassifierTrainer {

  /** Smallest data set on which a validation split is taken (smaller sets train on everything). */
  static final int MIN_EXAMPLES_FOR_VALIDATION = 100;
  /** Regularization strengths {@link ModelType#AUTO} tries for the linear model, in order of preference. */
  private static final double[] AUTO_C = {10, 100};

  private final TextPipeline pipeline;
  private final ModelType modelType;
  private final TextModelTrainer customModel;
  private final long seed;
  private final int maxEpochs;
  private final int batchSize;
  private final int patience;
  private final double validationFraction;
  private final boolean balancedClassWeights;
  private final boolean multiLabel;
  private final TrainingListener listener;

  private TextClassifierTrainer(Builder b, TextPipeline pipeline) {
    this.pipeline = pipeline;
    this.modelType = b.modelType;
    this.customModel = b.customModel;
    this.seed = b.seed;
    this.maxEpochs = b.maxEpochs;
    this.batchSize = b.batchSize;
    this.patience = b.patience;
    this.validationFraction = b.validationFraction;
    this.balancedClassWeights = b.balancedClassWeights;
    this.multiLabel = b.multiLabel;
    this.listener = b.listener;
  }

  /** The text pipeline configuration. */
  public TextPipeline pipeline() {
    return pipeline;
  }

  /** The model type ({@link ModelType#AUTO} unless set; ignored when a custom model trainer was given). */
  public ModelType modelType() {
    return modelType;
  }

  /** The random seed. */
  public long seed() {
    return seed;
  }

  /** Whether the classifier is multi-label. */
  public boolean multiLabel() {
    return multiLabel;
  }

  /** A builder initialized with this trainer's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pipeline = pipeline;
    b.modelType = modelType;
    b.customModel = customModel;
    b.seed = seed;
    b.maxEpochs = maxEpochs;
    b.batchSize = batchSize;
    b.patience = patience;
    b.validationFraction = validationFraction;
    b.balancedClassWeights = balancedClassWeights;
    b.multiLabel = multiLabel;
    b.listener = listener;
    return b;
  }

  /**
   * Trains a classifier on labelled texts.
   *
   * @param data the examples; single-label unless {@code multiLabel(true)}: then each example may carry several labels
   * @return the trained, immutable classifier
   * @throws DataException when the data cannot train a classifier (empty, one class only, several labels
   *     per example in single-label mode)
   */
  public TextClassifier fit(List<LabeledText> data) {
    Objects.requireNonNull(data, "data");
    long start = System.nanoTime();
    List<String> labels = labelsOf(data);
    List<String> texts = new ArrayList<>(data.size());
    for (LabeledText t : data) {
      texts.add(t.text());
    }
    FittedTextPipeline fitted = pipeline.fit(texts);
    TrainingSet all = trainingSet(fitted, fitted.encodeAll(texts), data, labels);

    Map<String, Double> metrics = new LinkedHashMap<>();
    TrainingOptions options = new TrainingOptions(seed, maxEpochs, batchSize, patience, listener);
    TextModel model;
    Map<String, String> hyper = new LinkedHashMap<>();
    double[] thresholds = null;
    if (validationFraction > 0 && data.size() >= MIN_EXAMPLES_FOR_VALIDATION) {
      Splits.Split split = multiLabel
          ? Splits.trainTest(all.size(), validationFraction, seed)
          : Splits.stratified(all.labels(), validationFraction, seed);
      TrainingSet train = all.subset(split.train());
      TrainingSet validation = all.subset(split.test());
      List<Candidate> candidates = new ArrayList<>();
      for (TextModelTrainer trainer : trainers()) {
        BestEpoch best = new BestEpoch(options.listener());
        TextModel m = trainer.fit(train, validation, options.withListener(best));
        Map<String, String> h = new LinkedHashMap<>(trainer.hyperParameters());
        int epochs = trainer.stopsEarly() ? best.epoch : options.maxEpochs();
        h.put("epochs", trainer.stopsEarly() ? Integer.toString(best.epoch) : "to convergence");
        candidates.add(new Candidate(m, m.predict(validation.inputs()), h, List.of(trainer), new int[] {epochs}));
      }
      if (customModel == null && modelType == ModelType.AUTO) {
        candidates = keepMostAccurateLinear(candidates, validation);
      }
      if (candidates.size() > 1) {
        List<TextModel> members = candidates.stream().map(Candidate::model).toList();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("model", EnsembleModel.TYPE);
        for (Candidate c : candidates) {
          c.hyperParameters.forEach((k, v) -> h.put(c.model.type() + "." + k, v));
        }
        candidates.add(new Candidate(new EnsembleModel(members),
            EnsembleModel.average(candidates.stream().map(Candidate::validation).toList()), h,
            candidates.stream().flatMap(c -> c.trainers.stream()).toList(),
            candidates.stream().mapToInt(c -> c.epochs[0]).toArray()));
      }
      for (Candidate c : candidates) {
        metrics.put("validation score " + c.model.type(), validationScore(c.validation, validation, labels));
      }
      Candidate chosen = choose(candidates, validation);
      // retrain the chosen model(s) on all the data for the epochs that were best on the holdout
      List<TextModel> refitted = new ArrayList<>();
      for (int k = 0; k < chosen.trainers.size(); k++) {
        refitted.add(chosen.trainers.get(k).fit(all, null, options.withMaxEpochs(chosen.epochs[k])));
      }
      model = refitted.size() == 1 ? refitted.get(0) : new EnsembleModel(refitted);
      hyper.putAll(chosen.hyperParameters);
      metrics.putAll(validationMetrics(chosen.validation, validation, labels));
      if (multiLabel) {
        thresholds = MultiLabelThresholds.tune(chosen.validation, validation.labelSets());
      }
    } else {
      TextModelTrainer trainer = trainers().get(0);
      model = trainer.fit(all, null, options);
      hyper.putAll(trainer.hyperParameters());
    }
    if (multiLabel && thresholds == null) {
      thresholds = new double[labels.size()];
      Arrays.fill(thresholds, MultiLabelThresholds.DEFAULT);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Provenance provenance = Provenance.now(fingerprint(data), data.size(), seconds, hyperParameters(hyper), metrics);
    return new TextClassifier(fitted, model, labels, multiLabel, thresholds, provenance);
  }

  /** A trained candidate model with its held-out probabilities. */
  private record Candidate(TextModel model, double[][] validation, Map<String, String> hyperParameters,
                           List<TextModelTrainer> trainers, int[] epochs) {
  }

  /** Records the epoch of the highest held-out accuracy (ties: the later epoch) while forwarding events. */
  private static final class BestEpoch implements TrainingListener {
    private final TrainingListener delegate;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private int epoch = 1;

    BestEpoch(TrainingListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onStart(String what, int epochs) {
      delegate.onStart(what, epochs);
    }

    @Override
    public void onEpoch(EpochEvent event) {
      if (event.validationMetric() >= bestAccuracy) {
        bestAccuracy = event.validationMetric();
        epoch = event.epoch();
      }
      delegate.onEpoch(event);
    }

    @Override
    public void onEnd() {
      delegate.onEnd();
    }
  }

  /**
   * The first (simplest) candidate unless a later one is significantly more accurate on the held-out
   * data: McNemar's test with continuity correction at the 5% level on the decisions where the two
   * disagree in correctness ({@code (|b - c| - 1)^2 / (b + c) > 3.84}). Small holdouts are noisy, so a
   * plain "highest score wins" would often trade a strong model for a lucky one. Among significantly
   * better candidates the most accurate wins.
   */
  private Candidate choose(List<Candidate> candidates, TrainingSet validation) {
    Candidate base = candidates.get(0);
    boolean[] baseRight = correct(base.validation, validation);
    Candidate chosen = base;
    int chosenGain = 0;
    for (Candidate c : candidates.subList(1, candidates.size())) {
      boolean[] right = correct(c.validation, validation);
      int onlyBase = 0;
      int onlyCandidate = 0;
      for (int i = 0; i < right.length; i++) {
        if (right[i] && !baseRight[i]) {
          onlyCandidate++;
        } else if (!right[i] && baseRight[i]) {
          onlyBase++;
        }
      }
      int gain = onlyCandidate - onlyBase;
      double chi2 = onlyCandidate + onlyBase == 0 ? 0
          : Math.pow(Math.abs(gain) - 1, 2) / (onlyCandidate + onlyBase);
      if (gain > chosenGain && chi2 > 3.841) {
        chosen = c;
        chosenGain = gain;
      }
    }
    return chosen;
  }

  /**
   * Replaces the linear candidates (one per regularization strength, in order of preference) by the
   * most accurate on the held-out data (the first of equals), placed first as the base of {@link #choose}.
   */
  private List<Candidate> keepMostAccurateLinear(List<Candidate> candidates, TrainingSet validation) {
    Candidate best = null;
    int bestCorrect = -1;
    List<Candidate> others = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!c.model.type().equals(LinearModel.TYPE)) {
        others.add(c);
        continue;
      }
      int correct = 0;
      for (boolean right : correct(c.validation, validation)) {
        correct += right ? 1 : 0;
      }
      if (correct > bestCorrect) {
        best = c;
        bestCorrect = correct;
      }
    }
    List<Candidate> out = new ArrayList<>();
    out.add(best);
    out.addAll(others);
    return out;
  }

  /** Per held-out decision (per example, or per example and label when multi-label): was it right. */
  private boolean[] correct(double[][] p, TrainingSet validation) {
    int outputs = validation.outputs();
    boolean[] out = new boolean[multiLabel ? p.length * outputs : p.length];
    int[] best = argmax(p);
    for (int i = 0; i < p.length; i++) {
      if (multiLabel) {
        for (int c = 0; c < outputs; c++) {
          out[i * outputs + c] = (p[i][c] >= MultiLabelThresholds.DEFAULT) == validation.labelSets()[i][c];
        }
      } else {
        out[i] = best[i] == validation.labels()[i];
      }
    }
    return out;
  }

  /** Macro-F1 (single-label) or micro-F1 at 0.5 (multi-label) of held-out probabilities, for the provenance. */
  private double validationScore(double[][] p, TrainingSet validation, List<String> labels) {
    if (multiLabel) {
      return MultiLabelThresholds.microF1(p, validation.labelSets(), null);
    }
    return ClassificationReport.of(labels, validation.labels(), argmax(p), p).macroF1();
  }

  private Map<String, Double> validationMetrics(double[][] p, TrainingSet validation, List<String> labels) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (multiLabel) {
      metrics.put("validation micro-F1 at 0.5", MultiLabelThresholds.microF1(p, validation.labelSets(), null));
    } else {
      ClassificationReport report = ClassificationReport.of(labels, validation.labels(), argmax(p), p);
      metrics.put("validation accuracy", report.accuracy());
      metrics.put("validation macro-F1", report.macroF1());
    }
    metrics.put("validation loss", validation.meanLoss(p));
    return metrics;
  }

  /**
   * The trainers to fit: the custom one, the default of a fixed type, or for {@link ModelType#AUTO}
   * linear models with several regularization strengths and the fastText-style model (the average of
   * the best linear and the fastText-style model is a further candidate).
   */
  private List<TextModelTrainer> trainers() {
    if (customModel != null) {
      return List.of(customModel);
    }
    if (modelType != ModelType.AUTO) {
      return List.of(TextModels.defaultTrainer(modelType.typeName()));
    }
    List<TextModelTrainer> out = new ArrayList<>();
    for (double c : AUTO_C) {
      out.add(LinearModelTrainer.builder().c(c).build());
    }
    out.add(FastTextModelTrainer.builder().build());
    return out;
  }

  static int[] argmax(double[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int c = 1; c < p[i].length; c++) {
        if (p[i][c] > p[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  private List<String> labelsOf(List<LabeledText> data) {
    if (data.isEmpty()) {
      throw new DataException("cannot train a text classifier on no examples");
    }
    TreeSet<String> set = new TreeSet<>();
    for (int i = 0; i < data.size(); i++) {
      LabeledText t = Objects.requireNonNull(data.get(i), "data contains null");
      if (!multiLabel && t.labels().size() != 1) {
        throw new DataException("example " + i + " has " + t.labels().size() + " labels " + t.labels()
            + "; a single-label classifier needs exactly one (use multiLabel(true) for several)");
      }
      set.addAll(t.labels());
    }
    if (!multiLabel && set.size() < 2) {
      throw new DataException("a classifier needs at least 2 distinct labels, found " + set);
    }
    return List.copyOf(set);
  }

  private TrainingSet trainingSet(FittedTextPipeline fitted, List<EncodedText> inputs, List<LabeledText> data,
      List<String> labels) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < labels.size(); c++) {
      index.put(labels.get(c), c);
    }
    int n = data.size();
    int outputs = labels.size();
    int[] y = multiLabel ? null : new int[n];
    boolean[][] sets = multiLabel ? new boolean[n][outputs] : null;
    int[] counts = new int[outputs];
    for (int i = 0; i < n; i++) {
      for (String label : data.get(i).labels()) {
        int c = index.get(label);
        counts[c]++;
        if (multiLabel) {
          sets[i][c] = true;
        } else {
          y[i] = c;
        }
      }
    }
    double[] weights = null;
    if (balancedClassWeights && !multiLabel) {
      // sklearn's "balanced": n / (classes * count_c), so every class carries the same total weight
      weights = new double[n];
      for (int i = 0; i < n; i++) {
        weights[i] = (double) n / (outputs * counts[y[i]]);
      }
    }
    return new TrainingSet(inputs, y, sets, outputs, weights, fitted.featureDimension(), fitted.vocabularySize());
  }

  private static String fingerprint(List<LabeledText> data) {
    DataFingerprint f = DataFingerprint.start();
    f.add(data.size());
    for (LabeledText t : data) {
      f.add(t.text());
      for (String label : t.labels()) {
        f.add(label);
      }
    }
    return f.hex();
  }

  private Map<String, String> hyperParameters(Map<String, String> model) {
    Map<String, String> m = new LinkedHashMap<>(model);
    m.put("modelType", modelType.name());
    m.put("seed", Long.toString(seed));
    m.put("maxEpochs", maxEpochs == TrainingOptions.MODEL_DEFAULT ? "model default" : Integer.toString(maxEpochs));
    m.put("batchSize", batchSize == TrainingOptions.MODEL_DEFAULT ? "model default" : Integer.toString(batchSize));
    m.put("patience", Integer.toString(patience));
    m.put("validationFraction", Double.toString(validationFraction));
    m.put("balancedClassWeights", Boolean.toString(balancedClassWeights));
    m.put("multiLabel", Boolean.toString(multiLabel));
    m.put("pipeline", pipeline.toString());
    return m;
  }

  /**
   * Fluent builder of {@link TextClassifierTrainer}; every setting has a default, validated at
   * {@link #build()} (a {@link ConfigurationException} names the setting, the value and the allowed range).
   */
  public static final class Builder {
    private TextPipeline pipeline = TextPipeline.defaults();
    private PiiMasker piiMasker;
    private Normalizer normalizer;
    private Tokenizer tokenizer;
    private VectorizerConfig vectorizer;
    private ModelType modelType = ModelType.AUTO;
    private TextModelTrainer customModel;
    private long seed = 42L;
    private int maxEpochs = TrainingOptions.MODEL_DEFAULT;
    private int batchSize = TrainingOptions.MODEL_DEFAULT;
    private int patience = 3;
    private double validationFraction = 0.1;
    private boolean balancedClassWeights;
    private boolean multiLabel;
    private TrainingListener listener = TrainingListener.NONE;

    Builder() {
    }

    /** The whole text pipeline configuration (default {@link TextPipeline#defaults()}); the settings below override parts of it. */
    public Builder pipeline(TextPipeline value) {
      this.pipeline = value;
      return this;
    }

    /** Masks PII (e-mail, phone, ID, card, IP) before anything else; default none. */
    public Builder piiMasker(PiiMasker value) {
      this.piiMasker = value;
      return this;
    }

    /** The text normalizer (default {@link Normalizer#standard()}). */
    public Builder normalizer(Normalizer value) {
      this.normalizer = value;
      return this;
    }

    /** The tokenizer (default {@code UnicodeTokenizer.standard()}: words, CJK unigrams + bigrams, word bigrams). */
    public Builder tokenizer(Tokenizer value) {
      this.tokenizer = value;
      return this;
    }

    /** The vectorizer (default TF-IDF, sublinear tf, l2-normalized). */
    public Builder vectorizer(VectorizerConfig value) {
      this.vectorizer = value;
      return this;
    }

    /** The model type with its default hyper-parameters (default {@link ModelType#AUTO}). */
    public Builder modelType(ModelType value) {
      this.modelType = value;
      this.customModel = null;
      return this;
    }

    /** A model trainer with custom hyper-parameters, e.g. {@code LinearModelTrainer.builder().c(100).build()}. */
    public Builder model(TextModelTrainer value) {
      this.customModel = value;
      return this;
    }

    /** Random seed (default 42): the same seed and data give the same model. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Upper bound on epochs, in [1, 10000]; default: each model's own. */
    public Builder maxEpochs(int value) {
      this.maxEpochs = value;
      return this;
    }

    /** Minibatch size, in [1, 65536]; default: each model's own. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Epochs without validation improvement before stopping, in [1, 1000]; default 3. */
    public Builder patience(int value) {
      this.patience = value;
      return this;
    }

    /** Fraction of the training data held out for early stopping and model choice, in [0, 0.5]; 0 disables; default 0.1. */
    public Builder validationFraction(double value) {
      this.validationFraction = value;
      return this;
    }

    /** Weights each class inversely to its frequency (for rare classes such as spam); default off. */
    public Builder balancedClassWeights(boolean value) {
      this.balancedClassWeights = value;
      return this;
    }

    /** Several labels per text, independent sigmoid outputs with per-label thresholds; default off. */
    public Builder multiLabel(boolean value) {
      this.multiLabel = value;
      return this;
    }

    /** Receives one event per training epoch (default none). */
    public Builder listener(TrainingListener value) {
      this.listener = value;
      return this;
    }

    /**
     * Validates the settings and builds the trainer.
     *
     * @throws ConfigurationException naming the first invalid setting
     */
    public TextClassifierTrainer build() {
      Check.notNull("pipeline", pipeline);
      Check.notNull("modelType", modelType);
      Check.notNull("listener", listener);
      if (maxEpochs != TrainingOptions.MODEL_DEFAULT && (maxEpochs < 1 || maxEpochs > 10_000)) {
        throw ConfigurationException.invalid("maxEpochs", maxEpochs, "must be in [1, 10000]");
      }
      if (batchSize != TrainingOptions.MODEL_DEFAULT && (batchSize < 1 || batchSize > 65_536)) {
        throw ConfigurationException.invalid("batchSize", batchSize, "must be in [1, 65536]");
      }
      if (patience < 1 || patience > 1000) {
        throw ConfigurationException.invalid("patience", patience, "must be in [1, 1000]");
      }
      Check.inRange("validationFraction", validationFraction, 0, 0.5);
      if (customModel == null && modelType != ModelType.AUTO && !TextModels.isKnown(modelType.typeName())) {
        throw ConfigurationException.invalid("modelType", modelType, "this build has no " + modelType.typeName()
            + " model; available: AUTO and the registered types");
      }
      TextPipeline.Builder p = pipeline.toBuilder();
      if (piiMasker != null) {
        p.piiMasker(piiMasker);
      }
      if (normalizer != null) {
        p.normalizer(normalizer);
      }
      if (tokenizer != null) {
        p.tokenizer(tokenizer);
      }
      if (vectorizer != null) {
        p.vectorizer(vectorizer);
      }
      return new TextClassifierTrainer(this, p.build());
    }
  }
}
