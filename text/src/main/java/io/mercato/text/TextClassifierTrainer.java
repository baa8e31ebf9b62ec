package io.mercato.text;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.data.Splits;
import io.mercato.core.io.DataFingerprint;
import io.mercato.core.io.Provenance;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.core.metrics.McNemar;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.text.embed.EmbeddingInit;
import io.mercato.text.embed.WordVectors;
import io.mercato.text.model.AttentionTrainer;
import io.mercato.text.model.CnnTrainer;
import io.mercato.text.model.EnsembleModel;
import io.mercato.text.model.FastTextModelTrainer;
import io.mercato.text.model.LinearModelTrainer;
import io.mercato.text.model.LinearSvmTrainer;
import io.mercato.text.model.RnnTrainer;
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
import io.mercato.text.tokenize.UnicodeTokenizer;
import io.mercato.text.vectorize.VectorizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Immutable training recipe of a {@link TextClassifier}: the text pipeline (PII masking,
 * normalization, tokenization, vectorization), the model (type and hyper-parameters) and the
 * training settings. Built by {@link TextClassifier#builder()}; {@link #fit} may be called any
 * number of times (also concurrently) and is deterministic for a given seed and data.
 *
 * <p>With a fixed model type, training holds out a stratified {@code validationFraction} of the data
 * (from 100 examples on) to find the best number of epochs (early stopping), then retrains on all the
 * data for that many; the DL4J networks (MLP, CNN, RNN, attention) instead keep their early-stopped fit
 * (see {@link io.mercato.text.model.TextModelTrainer#retrainsOnAllData()}). {@link ModelType#AUTO} (the default) scores a few candidate models and settings
 * ({@link AutoSearch}) by seeded, stratified 3-fold cross-validation on the training data (on a
 * stratified sample of {@value #AUTO_CHOICE_SAMPLE} texts of larger sets), and retrains the most
 * accurate on all of it (a model that chose its epoch count on the same held-out folds must be
 * significantly more accurate). Smaller data sets train
 * on everything with the model's defaults (AUTO then means the linear SVM with cost 1).
 */
public final class TextClassifierTrainer {

  /** Smallest data set on which a validation split is taken (smaller sets train on everything). */
  static final int MIN_EXAMPLES_FOR_VALIDATION = 100;
  /** From this many examples {@link ModelType#AUTO} also scores its compact fastText-style candidate. */
  static final int AUTO_FASTTEXT_FROM = 10_000;
  private static final int AUTO_FOLDS = 3;
  /**
   * Default of {@link Builder#choiceSample}: {@link ModelType#AUTO} cross-validates on at most this many
   * texts (a stratified sample of larger sets), so that the choice costs at most a fixed number of fits
   * of this size per candidate; the chosen model is still retrained on all the data. Its 3 folds hold
   * out every sampled text, so an accuracy near 0.9 is measured to about 0.13 points (one standard error).
   */
  static final int AUTO_CHOICE_SAMPLE = 50_000;
  /**
   * {@link ModelType#AUTO} also tries character n-grams on corpora of fewer characters than this: they
   * help most on short texts and multiply the features several-fold, so large corpora skip them.
   */
  static final long AUTO_CHARACTER_NGRAMS_BELOW = 200_000;
  /**
   * {@link AutoSearch#FAST} also tries {@link #OTHER_SVM_C} and {@link #LOGISTIC_C} when the solver's work per fit, nonzero
   * features times one-vs-rest problems, is below this: a bound on the search's cost, as fastText's
   * autotune has a time budget (a count, not a clock, so the choice stays reproducible).
   */
  static final long AUTO_COST_GRID_BELOW = 5_000_000;
  /** Costs {@link ModelType#AUTO} tries for the linear SVM besides 1 (on the first pipeline): a log grid. */
  private static final double[] OTHER_SVM_C = {0.3, 3};
  /**
   * Costs of the one-vs-rest logistic regression (the SVM's dual solver with the logistic loss) that
   * {@link ModelType#AUTO} tries with the SVM's cost grid: a log grid around scikit-learn's usual choice on
   * TF-IDF features (100); at 3 it was 0.9 points below the SVM at cost 1 in the 3-fold cross-validation of
   * 18k training reviews (womens-clothing-reviews, split seed 20240601).
   */
  private static final double[] LOGISTIC_C = {10, 100};
  /**
   * Embedding size of AUTO's fastText-style candidate on large data: small enough to train in about the SVM's time (the bigram table
   * stays in cache), large enough to match the default's held-out accuracy on 18k reviews within 0.3 points.
   */
  private static final int COMPACT_FASTTEXT_DIMENSION = 16;
  /** Name of AUTO's fastText-style candidate on large data. */
  private static final String COMPACT_FASTTEXT = "fasttext dim=" + COMPACT_FASTTEXT_DIMENSION;
  /** Inverse regularization strengths {@link AutoSearch#THOROUGH} tries for logistic regression. */
  private static final double[] THOROUGH_LOGISTIC_C = {10, 100};

  private final TextPipeline pipeline;
  private final ModelType modelType;
  private final AutoSearch autoSearch;
  private final TextModelTrainer customModel;
  private final long seed;
  private final int maxEpochs;
  private final int batchSize;
  private final int patience;
  private final double validationFraction;
  private final boolean balancedClassWeights;
  private final boolean multiLabel;
  private final TrainingListener listener;
  private final WordVectors embeddings;
  private final boolean freezeEmbeddings;
  private final boolean embeddingWordsInVocabulary;
  private final int choiceSample;

  private TextClassifierTrainer(Builder b, TextPipeline pipeline) {
    this.pipeline = pipeline;
    this.modelType = b.modelType;
    this.autoSearch = b.autoSearch;
    this.customModel = b.customModel;
    this.seed = b.seed;
    this.maxEpochs = b.maxEpochs;
    this.batchSize = b.batchSize;
    this.patience = b.patience;
    this.validationFraction = b.validationFraction;
    this.balancedClassWeights = b.balancedClassWeights;
    this.multiLabel = b.multiLabel;
    this.listener = b.listener;
    this.embeddings = b.embeddings;
    this.freezeEmbeddings = b.freezeEmbeddings;
    this.embeddingWordsInVocabulary = b.embeddingWordsInVocabulary;
    this.choiceSample = b.choiceSample;
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
    b.autoSearch = autoSearch;
    b.customModel = customModel;
    b.seed = seed;
    b.maxEpochs = maxEpochs;
    b.batchSize = batchSize;
    b.patience = patience;
    b.validationFraction = validationFraction;
    b.balancedClassWeights = balancedClassWeights;
    b.multiLabel = multiLabel;
    b.listener = listener;
    b.embeddings = embeddings;
    b.freezeEmbeddings = freezeEmbeddings;
    b.embeddingWordsInVocabulary = embeddingWordsInVocabulary;
    b.choiceSample = choiceSample;
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
    Map<String, Double> metrics = new LinkedHashMap<>();
    TrainingOptions options = new TrainingOptions(seed, maxEpochs, batchSize, patience, listener);
    TextModel model;
    Map<String, String> hyper = new LinkedHashMap<>();
    double[] thresholds = null;
    boolean validate = validationFraction > 0 && data.size() >= MIN_EXAMPLES_FOR_VALIDATION;
    FittedTextPipeline fitted;
    if (validate) {
      HeldOutChoice choice = chooseOnHeldOutData(data, texts, labels, options);
      fitted = choice.pipeline;
      model = choice.model;
      hyper.putAll(choice.hyperParameters);
      metrics.putAll(choice.metrics);
      thresholds = choice.thresholds;
    } else {
      TextPipeline.FittedAndEncoded encoded = pipeline.fitAndEncode(texts, extraVocabulary());
      fitted = encoded.pipeline();
      TrainingSet all = trainingSet(fitted, encoded.encoded(), data, labels);
      TextModelTrainer trainer = trainer();
      model = trainer.fit(all, null, options);
      hyper.putAll(trainer.hyperParameters());
    }
    if (embeddings != null) {
      EmbeddingInit.Coverage coverage = EmbeddingInit.coverage(embeddings, tokensOf(fitted));
      metrics.put("embeddings coverage", coverage.fraction());
      metrics.put("embeddings tokens found", (double) coverage.found());
    }
    if (multiLabel && thresholds == null) {
      thresholds = new double[labels.size()];
      Arrays.fill(thresholds, MultiLabelThresholds.DEFAULT);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Provenance provenance = Provenance.now(fingerprint(data), data.size(), seconds,
        hyperParameters(hyper, fitted.config()), metrics);
    return new TextClassifier(fitted, model, labels, multiLabel, thresholds, provenance);
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
   * A candidate model: a short name for the provenance, the index of its pipeline among the candidate
   * pipelines and its trainer.
   */
  private record Candidate(String name, int pipeline, TextModelTrainer trainer) {
  }

  /**
   * What {@link ModelType#AUTO} chooses among: one candidate, or the average of the probabilities of
   * several candidates on the same pipeline (scored by averaging their held-out probabilities, so
   * scoring needs no extra fit; a chosen average refits each member on all the data).
   */
  private record Choice(String name, int... members) {
  }

  /**
   * One candidate's held-out results: probabilities by validated row, best epoch and temperature per
   * split, and with a single holdout the SVM's fit on it (the refit starts from that solution) or the
   * early-stopped model of a trainer that is not retrained on all the data ({@code kept}, else null).
   */
  private record HeldOut(double[][] probabilities, int[] epochs, double[] temperatures,
                         LinearSvmTrainer.Calibrated holdoutFit, TextModel kept) {
  }

  /** The chosen candidate trained on all the data, with what the held-out data said about it. */
  private record HeldOutChoice(FittedTextPipeline pipeline, TextModel model, Map<String, String> hyperParameters,
                               Map<String, Double> metrics, double[] thresholds) {
  }

  /**
   * Training with held-out data, for a fixed model (one candidate) and for {@link ModelType#AUTO}
   * (several): scores every candidate, and every averaged pair AUTO proposes, by its held-out
   * predictions on the training data alone (when there is a choice to make, 3-fold cross-validation, see
   * {@link #choiceFolds}; with one candidate the {@code validationFraction} holdout, for its epochs and
   * temperature), keeps the one with the most correct held-out
   * decisions (the earlier on ties; an early-stopped one only when significantly better, see
   * {@link #choose}) and retrains it on all the data.
   */
  private HeldOutChoice chooseOnHeldOutData(List<LabeledText> data, List<String> texts, List<String> labels,
      TrainingOptions options) {
    boolean auto = customModel == null && modelType == ModelType.AUTO;
    List<TextPipeline> pipelines = auto ? candidatePipelines(texts) : List.of(pipeline);
    List<FittedTextPipeline> fittedPipelines = new ArrayList<>();
    List<TrainingSet> sets = new ArrayList<>();
    for (TextPipeline p : pipelines) {
      TextPipeline.FittedAndEncoded encoded = p.fitAndEncode(texts, extraVocabulary());
      fittedPipelines.add(encoded.pipeline());
      sets.add(trainingSet(encoded.pipeline(), encoded.encoded(), data, labels));
    }
    TrainingSet all = sets.get(0);
    List<Candidate> candidates = auto
        ? autoCandidates(pipelines.size(), withinWorkBudget(all), all.size() >= AUTO_FASTTEXT_FROM)
        : List.of(new Candidate(trainer().type(), 0, trainer()));
    // with one candidate there is nothing to choose: one holdout serves the temperature and the metrics
    List<Splits.Split> splits = candidates.size() > 1 ? choiceFolds(all) : List.of(holdout(all));
    int[] validated = splits.stream().flatMapToInt(s -> Arrays.stream(s.test())).toArray();
    TrainingSet validation = all.subset(validated);
    List<HeldOut> heldOut = heldOutResults(candidates, sets, splits, validated, options);
    List<Choice> choices = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      choices.add(new Choice(candidates.get(c).name, c));
    }
    if (auto) {
      choices.addAll(autoEnsembles(candidates));
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<double[][]> probabilities = new ArrayList<>();
    List<boolean[]> right = new ArrayList<>();
    for (Choice candidate : choices) {
      double[][] p = candidate.members.length == 1 ? heldOut.get(candidate.members[0]).probabilities
          : EnsembleModel.average(Arrays.stream(candidate.members)
              .mapToObj(m -> heldOut.get(m).probabilities).toList());
      probabilities.add(p);
      right.add(correct(p, validation));
      if (auto) {
        metrics.put("validation score " + candidate.name, validationScore(p, validation, labels));
      }
    }
    boolean[] optimistic = new boolean[choices.size()];
    for (int k = 0; k < choices.size(); k++) {
      int[] members = choices.get(k).members;
      optimistic[k] = Arrays.stream(members).anyMatch(m -> candidates.get(m).trainer.stopsEarly());
    }
    int chosenIndex = choose(right, optimistic);
    Choice choice = choices.get(chosenIndex);
    double[][] chosenHeldOut = probabilities.get(chosenIndex);
    Map<String, String> hyper = new LinkedHashMap<>();
    if (auto) {
      hyper.put("auto.choice", choice.name);
      hyper.put("auto.validation", splits.size() == 1 ? "holdout of " + validationFraction
          : splits.size() + "-fold cross-validation" + (validated.length == all.size() ? ""
              : " on a stratified sample of " + validated.length + " of " + all.size() + " texts"));
    }
    int pipelineIndex = candidates.get(choice.members[0]).pipeline;
    List<Map<String, String>> memberHyper = new ArrayList<>();
    for (int k = 0; k < choice.members.length; k++) {
      memberHyper.add(new LinkedHashMap<>());
    }
    // the members of an average are independent fits, so they are retrained in parallel
    TrainingOptions refitOptions = options.withListener(synchronizedListener(options.listener()));
    List<TextModel> members = IntStream.range(0, choice.members.length).parallel()
        .mapToObj(k -> refit(candidates.get(choice.members[k]), heldOut.get(choice.members[k]),
            sets.get(pipelineIndex), splits, refitOptions, memberHyper.get(k)))
        .toList();
    TextModel model;
    if (members.size() == 1) {
      model = members.get(0);
      hyper.putAll(memberHyper.get(0));
    } else {
      model = new EnsembleModel(members);
      hyper.put("model", EnsembleModel.TYPE);
      for (int k = 0; k < members.size(); k++) {
        for (Map.Entry<String, String> e : memberHyper.get(k).entrySet()) {
          hyper.put("member" + (k + 1) + "." + e.getKey(), e.getValue());
        }
      }
    }
    metrics.putAll(validationMetrics(chosenHeldOut, validation, labels));
    double[] thresholds = multiLabel ? MultiLabelThresholds.tune(chosenHeldOut, validation.labelSets()) : null;
    return new HeldOutChoice(fittedPipelines.get(pipelineIndex), model, hyper, metrics, thresholds);
  }

  /** Fits every candidate on every split (in parallel: each fit is deterministic on its own) and collects its held-out results. */
  private List<HeldOut> heldOutResults(List<Candidate> candidates, List<TrainingSet> sets,
      List<Splits.Split> splits, int[] validated, TrainingOptions options) {
    int[] position = new int[sets.get(0).size()];
    for (int k = 0; k < validated.length; k++) {
      position[validated[k]] = k;
    }
    int jobs = candidates.size() * splits.size();
    double[][][] heldOut = new double[candidates.size()][validated.length][];
    int[][] epochs = new int[candidates.size()][splits.size()];
    double[][] temperatures = new double[candidates.size()][splits.size()];
    LinearSvmTrainer.Calibrated[] holdoutFits = new LinearSvmTrainer.Calibrated[candidates.size()];
    TextModel[] kept = new TextModel[candidates.size()];
    TrainingListener shared = synchronizedListener(options.listener());
    IntStream.range(0, jobs).parallel().forEach(job -> {
      int c = job / splits.size();
      int f = job % splits.size();
      Splits.Split split = splits.get(f);
      TrainingSet candidateSet = sets.get(candidates.get(c).pipeline);
      TrainingSet train = candidateSet.subset(split.train());
      TrainingSet test = candidateSet.subset(split.test());
      TextModelTrainer trainer = candidates.get(c).trainer;
      BestEpoch best = new BestEpoch(shared);
      TextModel m;
      if (trainer instanceof LinearSvmTrainer svm) {
        LinearSvmTrainer.Calibrated fitted = svm.fitCalibrated(train, test, options.withListener(best));
        m = fitted.model();
        temperatures[c][f] = fitted.temperature();
        if (splits.size() == 1) {
          holdoutFits[c] = fitted;
        }
      } else {
        m = trainer.fit(train, test, options.withListener(best));
        if (splits.size() == 1 && !trainer.retrainsOnAllData()) {
          kept[c] = m;
        }
      }
      epochs[c][f] = best.epoch;
      double[][] p = m.predict(test.inputs());
      for (int i = 0; i < p.length; i++) {
        heldOut[c][position[split.test()[i]]] = p[i];
      }
    });
    List<HeldOut> out = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      out.add(new HeldOut(heldOut[c], epochs[c], temperatures[c], holdoutFits[c], kept[c]));
    }
    return out;
  }

  /**
   * The index of the choice to keep, given each choice's held-out decisions ({@code right}) and whether
   * its held-out score is {@code optimistic} (a member picked its epoch count on the same held-out data):
   * the most correct of the others (the earlier on ties), replaced by an optimistic one only when that
   * is significantly better than it and more correct than any other.
   */
  static int choose(List<boolean[]> right, boolean[] optimistic) {
    int chosen = -1;
    for (int k = 0; k < right.size(); k++) {
      if (!optimistic[k] && (chosen < 0 || count(right.get(k)) > count(right.get(chosen)))) {
        chosen = k;
      }
    }
    int unbiased = chosen;
    for (int k = 0; k < right.size(); k++) {
      if (optimistic[k] && (unbiased < 0 || McNemar.significantlyBetter(right.get(k), right.get(unbiased)))
          && (chosen < 0 || count(right.get(k)) > count(right.get(chosen)))) {
        chosen = k;
      }
    }
    return chosen;
  }

  private static int count(boolean[] right) {
    int n = 0;
    for (boolean r : right) {
      n += r ? 1 : 0;
    }
    return n;
  }

  /**
   * Retrains a candidate on all of {@code all}: the linear SVM with the geometric mean of its fitted
   * probability temperatures (warm-started from a single holdout's solution), an early-stopping model
   * for the mean best epoch count of its splits; returns the kept early-stopped model of a trainer that
   * is not retrained ({@link TextModelTrainer#retrainsOnAllData()}). Records the hyper-parameters in
   * {@code hyper}.
   */
  private static TextModel refit(Candidate candidate, HeldOut heldOut, TrainingSet all, List<Splits.Split> splits,
      TrainingOptions options, Map<String, String> hyper) {
    TextModelTrainer trainer = candidate.trainer;
    if (heldOut.kept != null) {
      hyper.putAll(trainer.hyperParameters());
      hyper.put("epochs", Integer.toString(heldOut.epochs[0]));
      hyper.put("trainedOn", splits.get(0).train().length + " of " + all.size()
          + " texts (early-stopped on the rest, not retrained)");
      return heldOut.kept;
    }
    TrainingOptions refit = options;
    if (trainer instanceof LinearSvmTrainer svm) {
      double logSum = 0;
      for (double t : heldOut.temperatures) {
        logSum += Math.log(t);
      }
      trainer = svm.withTemperature(LinearSvmTrainer.clampTemperature(Math.exp(logSum / splits.size())));
    } else if (trainer.stopsEarly()) {
      int meanEpochs = (int) Math.round(Arrays.stream(heldOut.epochs).average().orElse(1));
      refit = options.withMaxEpochs(Math.max(1, meanEpochs));
    }
    hyper.putAll(trainer.hyperParameters());
    hyper.put("epochs", trainer.stopsEarly() ? Integer.toString(refit.maxEpochs()) : "to convergence");
    return heldOut.holdoutFit != null
        // one holdout: the refit on all the data starts from the holdout solution (same optimum, fewer epochs)
        ? heldOut.holdoutFit.refit(all, splits.get(0).train(), refit)
        : trainer.fit(all, null, refit);
  }

  /**
   * The configured pipeline, and for corpora under {@value #AUTO_CHARACTER_NGRAMS_BELOW} characters the
   * same with character n-grams (when the tokenizer is the standard one without them).
   */
  private List<TextPipeline> candidatePipelines(List<String> texts) {
    List<TextPipeline> pipelines = new ArrayList<>(List.of(pipeline));
    long characters = texts.stream().mapToLong(String::length).sum();
    if (characters < AUTO_CHARACTER_NGRAMS_BELOW && pipeline.tokenizer() instanceof UnicodeTokenizer words
        && words.charNgramMax() == 0) {
      pipelines.add(pipeline.toBuilder().tokenizer(words.toBuilder().charNgrams(2, 5).build()).build());
    }
    return pipelines;
  }

  /** Whether one SVM fit on {@code set} is cheap enough for the cost grid: nonzeros x one-vs-rest problems. */
  private boolean withinWorkBudget(TrainingSet set) {
    long nonzeros = 0;
    for (EncodedText input : set.inputs()) {
      nonzeros += input.features().size();
    }
    int problems = !multiLabel && set.outputs() == 2 ? 1 : set.outputs();
    return nonzeros * problems < AUTO_COST_GRID_BELOW;
  }

  /**
   * The candidates of {@link ModelType#AUTO}, in order of preference: the linear SVM with cost 1 on each
   * candidate pipeline (words, then words and character n-grams), then (within the work budget, or
   * always when THOROUGH) with costs 0.3 and 3 and the one-vs-rest logistic regression with costs 10 and
   * 100 on the first; on large data ({@code large}: from {@value #AUTO_FASTTEXT_FROM} texts) a compact
   * fastText-style model; {@link AutoSearch#THOROUGH} adds naive Bayes scaling, the exact multinomial
   * logistic regression and the default fastText-style model.
   */
  private List<Candidate> autoCandidates(int pipelines, boolean costGrid, boolean large) {
    List<Candidate> out = new ArrayList<>();
    for (int p = 0; p < pipelines; p++) {
      out.add(new Candidate(p == 0 ? "svm C=1" : "svm C=1, character n-grams", p,
          LinearSvmTrainer.builder().c(1).build()));
    }
    if (costGrid || autoSearch == AutoSearch.THOROUGH) {
      for (double c : OTHER_SVM_C) {
        out.add(new Candidate("svm C=" + c, 0, LinearSvmTrainer.builder().c(c).build()));
      }
      for (double c : LOGISTIC_C) {
        out.add(new Candidate("ovr logistic C=" + c, 0, LinearSvmTrainer.builder().logistic(true).c(c).build()));
      }
    }
    if (large) {
      out.add(new Candidate(COMPACT_FASTTEXT, 0,
          FastTextModelTrainer.builder().dimension(COMPACT_FASTTEXT_DIMENSION).build()));
    }
    if (autoSearch == AutoSearch.THOROUGH) {
      out.add(new Candidate("nbsvm C=1", 0, LinearSvmTrainer.builder().naiveBayes(true).c(1).build()));
      for (double c : THOROUGH_LOGISTIC_C) {
        out.add(new Candidate("logistic C=" + c, 0, LinearModelTrainer.builder().c(c).build()));
      }
      out.add(new Candidate("fasttext", 0, FastTextModelTrainer.builder().build()));
    }
    return out;
  }

  /**
   * The averages AUTO also scores: the first candidate (the SVM with cost 1 on words) with each
   * fastText-style candidate. A linear and an embedding model err on different texts, so their mean
   * is sometimes better than both; held-out data decides.
   */
  private static List<Choice> autoEnsembles(List<Candidate> candidates) {
    List<Choice> out = new ArrayList<>();
    for (int c = 1; c < candidates.size(); c++) {
      if (candidates.get(c).trainer instanceof FastTextModelTrainer && candidates.get(c).pipeline == 0) {
        out.add(new Choice(candidates.get(0).name + " + " + candidates.get(c).name, 0, c));
      }
    }
    return out;
  }

  /**
   * The seeded 3-fold cross-validation AUTO chooses by (stratified when single-label), over all the rows
   * of {@code all} or, beyond {@code choiceSample} rows, over a stratified (single-label) or plain random
   * sample of that many; the folds' row indices are into {@code all}.
   */
  private List<Splits.Split> choiceFolds(TrainingSet all) {
    int[] rows = IntStream.range(0, all.size()).toArray();
    if (all.size() > choiceSample) {
      double fraction = (double) choiceSample / all.size();
      rows = (multiLabel ? Splits.trainTest(all.size(), fraction, seed)
          : Splits.stratified(all.labels(), fraction, seed)).test();
    }
    List<Splits.Split> folds = multiLabel ? Splits.kFold(rows.length, AUTO_FOLDS, seed)
        : Splits.stratifiedKFold(all.subset(rows).labels(), AUTO_FOLDS, seed);
    int[] sampled = rows;
    return folds.stream().map(f -> new Splits.Split(Arrays.stream(f.train()).map(i -> sampled[i]).toArray(),
        Arrays.stream(f.test()).map(i -> sampled[i]).toArray())).toList();
  }

  /** The stratified (single-label) or plain holdout of {@code validationFraction}. */
  private Splits.Split holdout(TrainingSet all) {
    return multiLabel ? Splits.trainTest(all.size(), validationFraction, seed)
        : Splits.stratified(all.labels(), validationFraction, seed);
  }

  /** Forwards events to {@code delegate} one at a time (AUTO trains its candidates in parallel). */
  private static TrainingListener synchronizedListener(TrainingListener delegate) {
    return new TrainingListener() {
      @Override
      public synchronized void onStart(String what, int epochs) {
        delegate.onStart(what, epochs);
      }

      @Override
      public synchronized void onEpoch(EpochEvent event) {
        delegate.onEpoch(event);
      }

      @Override
      public synchronized void onEnd() {
        delegate.onEnd();
      }
    };
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
    return ClassificationReport.of(labels, validation.labels(), argmax(p)).macroF1();
  }

  private Map<String, Double> validationMetrics(double[][] p, TrainingSet validation, List<String> labels) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (multiLabel) {
      metrics.put("validation micro-F1 at 0.5", MultiLabelThresholds.microF1(p, validation.labelSets(), null));
    } else {
      ClassificationReport report = ClassificationReport.of(labels, validation.labels(), argmax(p));
      metrics.put("validation accuracy", report.accuracy());
      metrics.put("validation macro-F1", report.macroF1());
    }
    metrics.put("validation loss", validation.meanLoss(p));
    return metrics;
  }

  /** The trainer of a fixed model type or the custom one; {@link ModelType#AUTO} on too little data: the default linear SVM. */
  private TextModelTrainer trainer() {
    if (customModel != null) {
      return customModel;
    }
    if (modelType == ModelType.AUTO) {
      return LinearSvmTrainer.builder().build();
    }
    if (embeddings != null) {
      return embeddingTrainer(modelType, embeddings, !freezeEmbeddings);
    }
    return TextModels.defaultTrainer(modelType.typeName());
  }

  /**
   * The default trainer of {@code type} starting from pretrained vectors.
   *
   * @throws ConfigurationException when models of {@code type} have no embedding layer
   */
  private static TextModelTrainer embeddingTrainer(ModelType type, WordVectors vectors, boolean trainable) {
    return switch (type) {
      case CNN -> CnnTrainer.builder().embeddings(vectors, trainable).build();
      case RNN -> RnnTrainer.builder().embeddings(vectors, trainable).build();
      case ATTENTION -> AttentionTrainer.builder().embeddings(vectors, trainable).build();
      default -> throw ConfigurationException.invalid("embeddings", vectors.source(), "model type "
          + type.name().toLowerCase(java.util.Locale.ROOT) + " has no embedding layer to initialize; "
          + "pretrained vectors need a model type with one (cnn, rnn, attention)");
    };
  }

  /** The words to add to the token vocabulary: the pretrained vectors' when asked for, else none. */
  private List<String> extraVocabulary() {
    return embeddings != null && embeddingWordsInVocabulary ? embeddings.words() : List.of();
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
    return new TrainingSet(inputs, y, sets, outputs, weights, fitted.featureDimension(), fitted.vocabularySize(),
        tokensOf(fitted));
  }

  /** The token of each id of {@code fitted}, null for padding and unknown (see {@link TrainingSet#tokens()}). */
  private static List<String> tokensOf(FittedTextPipeline fitted) {
    List<String> tokens = new ArrayList<>(fitted.vocabularySize());
    for (int id = 0; id < fitted.vocabularySize(); id++) {
      tokens.add(id == FittedTextPipeline.PADDING_ID || id == FittedTextPipeline.UNKNOWN_ID ? null : fitted.token(id));
    }
    return tokens;
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

  private Map<String, String> hyperParameters(Map<String, String> model, TextPipeline used) {
    Map<String, String> m = new LinkedHashMap<>(model);
    m.put("modelType", modelType.name());
    if (modelType == ModelType.AUTO && customModel == null) {
      m.put("autoSearch", autoSearch.name());
    }
    m.put("seed", Long.toString(seed));
    m.put("maxEpochs", maxEpochs == TrainingOptions.MODEL_DEFAULT ? "model default" : Integer.toString(maxEpochs));
    m.put("batchSize", batchSize == TrainingOptions.MODEL_DEFAULT ? "model default" : Integer.toString(batchSize));
    m.put("patience", Integer.toString(patience));
    m.put("validationFraction", Double.toString(validationFraction));
    m.put("balancedClassWeights", Boolean.toString(balancedClassWeights));
    m.put("multiLabel", Boolean.toString(multiLabel));
    m.put("piiMasking", used.piiMasker().masksNothing() ? "none"
        : used.piiMasker().kinds().stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(",")));
    m.put("pipeline", used.toString());
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
    private AutoSearch autoSearch = AutoSearch.FAST;
    private TextModelTrainer customModel;
    private long seed = 42L;
    private int maxEpochs = TrainingOptions.MODEL_DEFAULT;
    private int batchSize = TrainingOptions.MODEL_DEFAULT;
    private int patience = 3;
    private double validationFraction = 0.1;
    private boolean balancedClassWeights;
    private boolean multiLabel;
    private TrainingListener listener = TrainingListener.NONE;
    private WordVectors embeddings;
    private boolean freezeEmbeddings;
    private boolean embeddingWordsInVocabulary;
    private int choiceSample = AUTO_CHOICE_SAMPLE;

    Builder() {
    }

    /**
     * Most texts {@link ModelType#AUTO} cross-validates its candidates on (default
     * {@value TextClassifierTrainer#AUTO_CHOICE_SAMPLE}; a stratified sample of larger sets), at least
     * {@code 2 * 3} (two texts per fold); package-private, for tests.
     */
    Builder choiceSample(int value) {
      this.choiceSample = value;
      return this;
    }

    /**
     * Pretrained word vectors to start the model's embedding layer from (default none), for a model type
     * with one ({@link ModelType#CNN}); any other type, {@link ModelType#AUTO} included, is rejected at
     * {@link #build()}. The embedding size is the vectors' dimension. Tokens of the training vocabulary
     * found in the vectors (exactly or case-insensitively) get their vector, the others a seeded random one.
     * The vectors are not stored in the model file: the trained embedding is.
     */
    public Builder embeddings(WordVectors value) {
      this.embeddings = value;
      return this;
    }

    /** With {@link #embeddings}: keep the pretrained vectors fixed instead of fine-tuning them (default false). */
    public Builder freezeEmbeddings(boolean value) {
      this.freezeEmbeddings = value;
      return this;
    }

    /**
     * With {@link #embeddings}: also put the vectors' words into the token vocabulary (default false), so
     * that a word the training texts never held still reads as its pretrained vector at prediction time
     * instead of as unknown. The model's embedding grows by one row per such word (bound it with the
     * {@code maxWords} of {@link WordVectors#load(java.nio.file.Path, int)}); with fine-tuning, only the
     * rows of training words move. See {@link TextPipeline#fitAndEncode(List, List)}.
     */
    public Builder embeddingWordsInVocabulary(boolean value) {
      this.embeddingWordsInVocabulary = value;
      return this;
    }

    /** The whole text pipeline configuration (default {@link TextPipeline#defaults()}); the settings below override parts of it. */
    public Builder pipeline(TextPipeline value) {
      this.pipeline = value;
      return this;
    }

    /**
     * Masks personal data before anything else sees a text (default: the pipeline's, which is
     * {@link PiiMasker#standard()}, every {@link io.mercato.text.privacy.PiiKind}); {@link PiiMasker#none()}
     * opts out, and the model then says so in its provenance and when loaded.
     */
    public Builder piiMasker(PiiMasker value) {
      this.piiMasker = value;
      return this;
    }

    /** The text normalizer (default {@link Normalizer#standard()}). */
    public Builder normalizer(Normalizer value) {
      this.normalizer = value;
      return this;
    }

    /**
     * The tokenizer (default {@code UnicodeTokenizer.standard()}: words, CJK unigrams + bigrams, word bigrams,
     * cross-script bigrams).
     */
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

    /** How widely {@link ModelType#AUTO} searches (default {@link AutoSearch#FAST}). */
    public Builder autoSearch(AutoSearch value) {
      this.autoSearch = value;
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

    /**
     * Receives one event per training epoch (default none). {@link ModelType#AUTO} trains its candidates,
     * and the members of an average, in parallel: their events arrive one at a time but interleaved, each
     * fit opening with its own {@code onStart}.
     */
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
      Check.notNull("autoSearch", autoSearch);
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
      if (choiceSample < 2 * AUTO_FOLDS) {
        throw ConfigurationException.invalid("choiceSample", choiceSample, "must be at least " + 2 * AUTO_FOLDS);
      }
      if (customModel == null && modelType != ModelType.AUTO && !TextModels.isKnown(modelType.typeName())) {
        throw ConfigurationException.invalid("modelType", modelType, "this build has no " + modelType.typeName()
            + " model; available: AUTO and the registered types");
      }
      if (embeddings != null) {
        if (customModel != null) {
          throw ConfigurationException.invalid("embeddings", embeddings.source(),
              "with a custom model trainer, give the vectors to that trainer (e.g. CnnTrainer.Builder.embeddings)");
        }
        if (modelType == ModelType.AUTO) {
          throw ConfigurationException.invalid("embeddings", embeddings.source(), "model type auto may choose a "
              + "model without an embedding layer; pretrained vectors need a fixed model type with one (cnn)");
        }
        embeddingTrainer(modelType, embeddings, true);
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
