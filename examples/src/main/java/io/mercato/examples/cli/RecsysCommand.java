package io.mercato.examples.cli;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelKey;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.eval.EvaluationReport;
import io.mercato.recsys.eval.Evaluator;
import io.mercato.recsys.eval.Split;
import io.mercato.recsys.eval.Tuner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mercato recsys train|eval|recommend}: recommenders from the command line. */
@Command(
    name = "recsys",
    mixinStandardHelpOptions = true,
    description = "Train, evaluate and use a recommender.",
    subcommands = {RecsysCommand.Train.class, RecsysCommand.Eval.class, RecsysCommand.Recommend.class})
final class RecsysCommand {
  static final String ALGORITHMS =
      "popularity, baseline, item-knn, user-knn, ease, rp3beta, biased-mf, svdpp, als, implicit-als, bpr, ncf, content,"
          + " hybrid, tuned, auto (picks the algorithm by validation on the training data; --param budgetSeconds=120)";

  private RecsysCommand() {}

  /** The columns of an interactions table. */
  static final class Columns {
    @Option(names = "--user-column", required = true, paramLabel = "C", description = "Column holding the user id.")
    String userColumn;

    @Option(names = "--item-column", required = true, paramLabel = "C", description = "Column holding the item id.")
    String itemColumn;

    @Option(names = "--rating-column", paramLabel = "C",
        description = "Column holding an explicit rating or an implicit weight (default: every row counts 1).")
    String ratingColumn;

    @Mixin InputFormat format;

    Interactions load(Path file) {
      var loader = Interactions.csv(file)
          .separator(format.separator(file))
          .userColumn(userColumn)
          .itemColumn(itemColumn);
      if (ratingColumn != null) {
        loader = loader.ratingColumn(ratingColumn);
      }
      return loader.load();
    }
  }

  /** The algorithm and its overrides. */
  static final class Algorithm {
    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "auto",
        description = {"One of: " + ALGORITHMS + " (default: ${DEFAULT-VALUE}: the algorithm and its settings chosen"
                + " by validation on the training data, within --param budgetSeconds=120).",
            "hybrid = weighted blend (params components=item-knn,popularity weights=1,1);"
                + " switching-hybrid for cold start; content needs --param features=FILE id=COLUMN tags=COLUMNS"
                + " (and userFeatures=FILE userTags=COLUMNS to serve new users by their declared interests)."})
    String name;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Override a default hyper-parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    /** The trainer; {@code hybrid} is the weighted blend (see {@code --param components=...}). */
    RecommenderTrainer trainer() {
      return Recommenders.byName(name.equals("hybrid") ? "weighted-hybrid" : name, params);
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train a recommender on interactions and save it to one file.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "F", description = "CSV/TSV interactions file with a header.")
    Path data;

    @Mixin Columns columns;
    @Mixin Algorithm algorithm;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Mixin ModelKeyOptions key;
    @Mixin PseudonymOptions pseudonyms;

    @Override
    public Integer call() throws Exception {
      ModelKey modelKey = key.key(); // a bad key fails before training, not after
      RecommenderTrainer trainer = pseudonyms.trainer(algorithm.trainer());
      Interactions interactions = columns.load(data);
      long start = System.nanoTime();
      Recommender rec = trainer.fit(interactions);
      double seconds = (System.nanoTime() - start) / 1e9;
      rec.save(out, modelKey);
      spec.commandLine().getOut().printf(Locale.ROOT,
          "trained %s on %d interactions (%d users, %d items) in %.2f s -> %s%n",
          algorithm.name, interactions.size(), interactions.userCount(), interactions.itemCount(),
          seconds, out);
      spec.commandLine().getOut().print(Tuner.summary(rec.info())); // tuned and auto: what validation tried and chose
      return 0;
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = {"Train on one file, evaluate on another (the library's Evaluator protocol).",
          "Top-N: for each test user, every item absent from the user's training interactions is ranked;"
              + " relevant = the user's test items with rating >= the threshold (all test items without a rating"
              + " column); metrics are averaged over test users with at least one relevant item, and a test user"
              + " absent from the training data counts with no hits. RMSE/MAE (rating models, rating column):"
              + " every test row, the training mean standing in where the model cannot predict."})
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "F", description = "Training interactions.")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "F", description = "Test interactions.")
    Path test;

    @Mixin Columns columns;
    @Mixin Algorithm algorithm;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "Cut-off of the ranking metrics (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--relevant-threshold", defaultValue = "4", paramLabel = "R",
        description = "Smallest rating of a relevant test item (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (k < 1) {
        throw ConfigurationException.invalid("--k", k, "must be >= 1");
      }
      if (Double.isNaN(threshold)) {
        throw ConfigurationException.invalid("--relevant-threshold", threshold, "must be a number");
      }
      Interactions trainData = columns.load(train);
      Interactions testData = columns.load(test);
      RecommenderTrainer chosen = algorithm.trainer();
      AtomicReference<ModelInfo> fitted = new AtomicReference<>();
      RecommenderTrainer trainer = new RecommenderTrainer() {   // keeps what a tuner chose, to print it
        @Override
        public String algorithm() {
          return chosen.algorithm();
        }

        @Override
        public Map<String, String> hyperParameters() {
          return chosen.hyperParameters();
        }

        @Override
        public Recommender fit(Interactions data) {
          Recommender rec = chosen.fit(data);
          fitted.set(rec.info());
          return rec;
        }
      };
      Evaluator.Builder evaluator = Evaluator.builder().k(k).add(trainer);
      if (columns.ratingColumn == null) {
        evaluator.allTestItemsRelevant();
      } else {
        evaluator.relevantAtLeast(threshold);
      }
      EvaluationReport.Row row = evaluator.build().evaluate(new Split(trainData, testData)).rows().get(0);

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("rmse", TextCommand.finiteOrNull(row.get("rmse")));
      result.put("mae", TextCommand.finiteOrNull(row.get("mae")));
      result.put("precision_at_" + k, TextCommand.finiteOrNull(row.get("precision@" + k)));
      result.put("recall_at_" + k, TextCommand.finiteOrNull(row.get("recall@" + k)));
      result.put("ndcg_at_" + k, TextCommand.finiteOrNull(row.get("ndcg@" + k)));
      result.put("fit_s", row.get("fit_s"));
      result.put("recommend_all_s", row.get("recommend_s"));
      result.put("algorithm", chosen.describe());
      String tunerChoice = fitted.get() == null ? null : fitted.get().hyperParameters().get("chosen");
      if (tunerChoice != null) {
        result.put("chosen_by_validation", tunerChoice);
      }
      result.put("users_evaluated", (int) row.get("eval_users"));
      result.put("test_rows", testData.size());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(TextCommand.JSON.writeValueAsString(result));
      } else {
        result.forEach((key, v) -> out.printf(Locale.ROOT, "%-20s %s%n", key, v));
        out.print(fitted.get() == null ? "" : Tuner.summary(fitted.get()));
      }
      return 0;
    }
  }

  @Command(name = "recommend", mixinStandardHelpOptions = true,
      description = "Recommend items for one user from a saved model: rank<TAB>item<TAB>score per line.")
  static final class Recommend implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file.")
    Path model;

    @Mixin ModelKeyOptions key;
    @Mixin PseudonymOptions pseudonyms;

    @Option(names = "--user", required = true, paramLabel = "U", description = "The user id.")
    String user;

    @Option(names = {"-n"}, defaultValue = "10", paramLabel = "N", description = "How many items (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--explain", description = "Also print why each item was recommended.")
    boolean explain;

    @Override
    public Integer call() throws Exception {
      if (n < 1) {
        throw ConfigurationException.invalid("-n", n, "must be >= 1");
      }
      Recommender rec = pseudonyms.model(Recommenders.load(model, key.key()));
      List<Recommendation> items = rec.recommend(user, n);
      PrintWriter out = spec.commandLine().getOut();
      int rank = 1;
      for (Recommendation r : items) {
        StringBuilder line = new StringBuilder().append(rank++).append('\t').append(r.item())
            .append('\t').append(String.format(Locale.ROOT, "%.4f", r.score()));
        if (explain) {
          line.append('\t').append(rec.explain(user, r.item()).summary());
        }
        out.println(line);
      }
      return 0;
    }
  }
}
