package io.mercato.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mercato.core.io.ModelKey;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.examples.demo.ProgressBar;
import io.mercato.examples.serve.TextReasons;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import io.mercato.text.data.TextDataset;
import io.mercato.text.embed.WordVectors;
import io.mercato.text.privacy.PiiMasker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mercato text train|eval|predict}: text classifiers from the command line. */
@Command(
    name = "text",
    mixinStandardHelpOptions = true,
    description = "Train, evaluate and use a text classifier.",
    subcommands = {TextCommand.Train.class, TextCommand.Eval.class, TextCommand.Predict.class})
final class TextCommand {
  @ParentCommand MercatoCli root;

  /** The columns of a labelled-text table. */
  static final class Columns {
    @Option(names = "--data", required = true, paramLabel = "F", description = "CSV/TSV file with a header.")
    Path data;

    @Option(names = "--text-column", required = true, paramLabel = "C", description = "Column holding the text.")
    String textColumn;

    @Option(names = "--label-column", required = true, paramLabel = "C", description = "Column holding the label.")
    String labelColumn;

    @Mixin InputFormat format;

    List<LabeledText> load() {
      return TextDataset.csv(data)
          .separator(format.separator(data))
          .textColumn(textColumn)
          .labelColumn(labelColumn)
          .load()
          .rows();
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train a classifier on labelled texts and save it to one file.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Columns columns;

    @Option(names = "--model", paramLabel = "TYPE", defaultValue = "auto",
        description = "auto|linear|mlp|fasttext|cnn|rnn|attention (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Mixin ModelKeyOptions key;

    @Option(names = "--no-pii-masking",
        description = "Do not mask personal data (e-mails, phones, ids, cards, IPs, IBANs, passports, addresses) "
            + "before training: the model's vocabulary may then hold it. Masking is on by default.")
    boolean noPiiMasking;

    @Option(names = "--embeddings", paramLabel = "FILE",
        description = "Pretrained word vectors (fastText .vec, word2vec text or .bin, optionally .gz) to start the "
            + "embedding layer from; needs a model with one (--model cnn).")
    Path embeddings;

    @Option(names = "--freeze-embeddings", description = "Keep the pretrained vectors fixed (default: fine-tune them).")
    boolean freezeEmbeddings;

    @Option(names = "--embeddings-max-words", defaultValue = "0", paramLabel = "N",
        description = "Read only the first N words of --embeddings (0 = all, the default).")
    int embeddingsMaxWords;

    @Option(names = "--embeddings-vocabulary",
        description = "Also add the vectors' words to the vocabulary, so that words absent from the training texts "
            + "still read as their vector (bound the size with --embeddings-max-words).")
    boolean embeddingsVocabulary;

    @Override
    public Integer call() throws Exception {
      ModelKey modelKey = key.key(); // a bad key fails before training, not after
      ModelType type = modelType(model);
      if (embeddings == null && (freezeEmbeddings || embeddingsVocabulary || embeddingsMaxWords != 0)) {
        throw io.mercato.core.ConfigurationException.invalid("--embeddings", null,
            "--freeze-embeddings, --embeddings-max-words and --embeddings-vocabulary need --embeddings FILE");
      }
      // the builder says whether the model type has an embedding layer, before the data is read
      WordVectors vectors = embeddings == null ? null : WordVectors.load(embeddings, embeddingsMaxWords);
      PrintWriter err = spec.commandLine().getErr();
      ProgressBar bar = new ProgressBar(err, "training");
      var trainer = TextClassifier.builder()
          .modelType(type)
          .embeddings(vectors)
          .freezeEmbeddings(freezeEmbeddings)
          .embeddingWordsInVocabulary(embeddingsVocabulary)
          .seed(seed)
          .piiMasker(noPiiMasking ? PiiMasker.none() : PiiMasker.standard())
          .listener(bar)
          .build();
      if (vectors != null) {
        err.printf(Locale.ROOT, "read %d word vectors of dimension %d from %s%n", vectors.size(), vectors.dimension(),
            embeddings);
      }
      List<LabeledText> rows = columns.load();
      long start = System.nanoTime();
      TextClassifier clf = trainer.fit(rows);
      double seconds = (System.nanoTime() - start) / 1e9;
      clf.save(out, modelKey);
      spec.commandLine().getOut().printf(Locale.ROOT,
          "trained a %s model on %d texts (%d labels) in %.1f s, PII masking %s -> %s%n",
          clf.modelType(), rows.size(), clf.labels().size(), seconds, noPiiMasking ? "off" : "on", out);
      if (vectors != null) {
        spec.commandLine().getOut().printf(Locale.ROOT, "pretrained vectors for %.0f vocabulary tokens (%.1f%%)%n",
            clf.provenance().metrics().get("embeddings tokens found"),
            100 * clf.provenance().metrics().get("embeddings coverage"));
      }
      if (noPiiMasking) {
        err.println(TextModelFiles.unmaskedNotice(out));
      }
      return 0;
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Evaluate a saved classifier on labelled texts.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Columns columns;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file.")
    Path model;

    @Mixin ModelKeyOptions key;

    @Option(names = "--json", description = "Print one JSON object (accuracy, macro_f1, log_loss, n, per_class).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      TextClassifier clf = TextModelFiles.load(model, key.key(), spec.commandLine().getErr());
      ClassificationReport report = clf.evaluate(columns.load());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(JSON.writeValueAsString(reportJson(report)));
      } else {
        out.println(report);
      }
      return 0;
    }
  }

  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = {"Classify texts read from stdin, one per line.",
          "Writes label<TAB>probability per line (with --explain, then the top reasons)."})
  static final class Predict implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand TextCommand parent;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file.")
    Path model;

    @Mixin ModelKeyOptions key;

    @Option(names = "--explain", description = "Also print the tokens that pushed the prediction, with signed weights.")
    boolean explain;

    @Option(names = "--reasons", defaultValue = "5", paramLabel = "K", description = "Reasons shown with --explain (default: ${DEFAULT-VALUE}).")
    int reasons;

    @Override
    public Integer call() throws Exception {
      TextClassifier clf = TextModelFiles.load(model, key.key(), spec.commandLine().getErr());
      PrintWriter out = spec.commandLine().getOut();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(parent.root.stdin(), StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Prediction p = clf.predict(line);
        StringBuilder s = new StringBuilder(p.label()).append('\t')
            .append(String.format(Locale.ROOT, "%.4f", p.probability()));
        if (explain) {
          s.append('\t').append(TextReasons.summary(clf.explain(line), reasons));
        }
        out.println(s);
      }
      out.flush();
      return 0;
    }
  }

  static ModelType modelType(String name) {
    try {
      return ModelType.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw io.mercato.core.ConfigurationException.invalid(
          "--model", name, "must be one of auto, linear, mlp, fasttext, cnn, rnn, attention");
    }
  }

  /** The evaluation report as the JSON object of {@code text eval --json}. */
  static Map<String, Object> reportJson(ClassificationReport r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accuracy", r.accuracy());
    json.put("macro_f1", r.macroF1());
    json.put("log_loss", finiteOrNull(r.logLoss()));
    json.put("n", r.n());
    Map<String, Object> perClass = new LinkedHashMap<>();
    for (int c = 0; c < r.labels().size(); c++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("precision", r.precision(c));
      m.put("recall", r.recall(c));
      m.put("f1", r.f1(c));
      m.put("support", r.support(c));
      perClass.put(r.labels().get(c), m);
    }
    json.put("per_class", perClass);
    json.put("weighted_f1", r.weightedF1());
    return json;
  }

  static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private TextCommand() {}
}
