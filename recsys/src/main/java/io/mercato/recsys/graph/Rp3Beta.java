package io.mercato.recsys.graph;

import io.mercato.core.Check;
import io.mercato.core.linalg.TopK;
import io.mercato.recsys.AbstractRecommender;
import io.mercato.recsys.AlgorithmParams;
import io.mercato.recsys.AlgorithmProvider;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.ModelReader;
import io.mercato.recsys.ModelWriter;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * RP3beta (Paudel et al. 2017, "Updatable, accurate, diverse, and scalable recommendations for interactive
 * applications"): a three-step random walk item → user → item on the binary interaction graph, with the
 * landing item's popularity divided out. {@code W_ij = (Σ_u P(u|i) P(j|u))^α / pop(j)^β} with
 * {@code P(u|i) = 1/deg(i)}, {@code P(j|u) = 1/deg(u)} and {@code pop(j) = deg(j)}; {@code W_ii = 0}; each
 * item keeps its {@code neighbours} largest weights. A user's score for {@code j} is the sum of
 * {@code W_ij} over the items {@code i} of the history. Sparse, on primitive arrays, parallel over items;
 * interaction values are ignored (any interaction is an edge).
 */
public final class Rp3Beta implements RecommenderTrainer {

  /** Algorithm name. */
  public static final String NAME = "rp3beta";
  /** Default {@link Builder#alpha}: chosen by validation on ml-latest-small training rows (per-user holdout). */
  public static final double DEFAULT_ALPHA = 0.6;
  /** Default {@link Builder#beta}: chosen with {@link #DEFAULT_ALPHA}. */
  public static final double DEFAULT_BETA = 0.3;
  /** Default {@link Builder#neighbours}. */
  public static final int DEFAULT_NEIGHBOURS = 100;

  private final double alpha;
  private final double beta;
  private final int neighbours;
  private final int threads;

  private Rp3Beta(Builder b) {
    this.alpha = b.alpha;
    this.beta = b.beta;
    this.neighbours = b.neighbours;
    this.threads = b.threads;
  }

  /** A builder with the defaults (α = 0.6, β = 0.3, 100 neighbours, all cores). */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String algorithm() {
    return NAME;
  }

  @Override
  public Map<String, String> hyperParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("alpha", Double.toString(alpha));
    m.put("beta", Double.toString(beta));
    m.put("neighbours", Integer.toString(neighbours));
    return m;
  }

  @Override
  public Recommender fit(Interactions data) {
    long start = System.nanoTime();
    SparseMatrix byItem = data.byItem();
    SparseMatrix byUser = data.byUser();
    int n = byItem.rows();
    int[][] nbr = new int[n][];
    float[][] w = new float[n][];
    int chunks = Math.max(1, threads) * 4;
    IntStream stream = IntStream.range(0, chunks);
    if (threads > 1) {
      stream = stream.parallel();
    }
    stream.forEach(c -> {
      double[] acc = new double[n];
      int[] touched = new int[n];
      for (int i = c; i < n; i += chunks) {
        row(i, byItem, byUser, acc, touched, nbr, w);
      }
    });
    int[] ptr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      ptr[i + 1] = ptr[i] + nbr[i].length;
    }
    int[] allNbr = new int[ptr[n]];
    float[] allW = new float[ptr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(nbr[i], 0, allNbr, ptr[i], nbr[i].length);
      System.arraycopy(w[i], 0, allW, ptr[i], w[i].length);
    }
    return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, ptr, allNbr, allW);
  }

  /** Row i of W: the walk probabilities from i, reweighted, top {@code neighbours}, best first. */
  private void row(int i, SparseMatrix byItem, SparseMatrix byUser, double[] acc, int[] touched,
                   int[][] nbr, float[][] w) {
    int count = 0;
    double fromItem = 1.0 / Math.max(1, byItem.length(i));
    for (int a = byItem.start(i); a < byItem.end(i); a++) {
      int u = byItem.index(a);
      double step = fromItem / byUser.length(u);
      for (int b = byUser.start(u); b < byUser.end(u); b++) {
        int j = byUser.index(b);
        if (j != i) {
          if (acc[j] == 0) {
            touched[count++] = j;
          }
          acc[j] += step;
        }
      }
    }
    double[] candidates = new double[count];
    for (int t = 0; t < count; t++) {
      int j = touched[t];
      candidates[t] = Math.pow(acc[j], alpha) / Math.pow(byItem.length(j), beta);
      acc[j] = 0;
    }
    int[] best = TopK.indices(candidates, neighbours);
    nbr[i] = new int[best.length];
    w[i] = new float[best.length];
    for (int t = 0; t < best.length; t++) {
      nbr[i][t] = touched[best[t]];
      w[i][t] = (float) candidates[best[t]];
    }
  }

  /** Fluent configuration of {@link Rp3Beta}; {@link #build()} validates. */
  public static final class Builder {
    private double alpha = DEFAULT_ALPHA;
    private double beta = DEFAULT_BETA;
    private int neighbours = DEFAULT_NEIGHBOURS;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {
    }

    /** Exponent of the walk probability, in (0, 10] (default 0.6): above 1 sharpens, below 1 flattens. */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** Popularity penalty exponent, in [0, 2] (default 0.3; 0 is plain P3alpha). */
    public Builder beta(double beta) {
      this.beta = beta;
      return this;
    }

    /** Weights kept per item, in [1, 100000] (default 100). */
    public Builder neighbours(int neighbours) {
      this.neighbours = neighbours;
      return this;
    }

    /** Threads for training, in [1, 256] (default all cores). */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Validates and builds. */
    public Rp3Beta build() {
      Check.positive("alpha", alpha);
      Check.inRange("alpha", alpha, 0, 10);
      Check.inRange("beta", beta, 0, 2);
      Check.inRange("neighbours", neighbours, 1, 100_000);
      Check.inRange("threads", threads, 1, 256);
      return new Rp3Beta(this);
    }
  }

  /** The trained model: the sparse item-item weights (row = history item). */
  static final class Model extends AbstractRecommender {
    private final int[] pointers;
    private final int[] neighbours;
    private final float[] weights;

    Model(ModelInfo info, Interactions data, int[] pointers, int[] neighbours, float[] weights) {
      super(info, data);
      this.pointers = pointers;
      this.neighbours = neighbours;
      this.weights = weights;
    }

    @Override
    public double[] scores(int user) {
      double[] s = new double[data.itemCount()];
      SparseMatrix byUser = data.byUser();
      for (int k = byUser.start(user); k < byUser.end(user); k++) {
        int i = byUser.index(k);
        for (int t = pointers[i]; t < pointers[i + 1]; t++) {
          s[neighbours[t]] += weights[t];
        }
      }
      return s;
    }

    /** {@code W_ij} of one history item i towards {@code item}, 0 when j is not among i's neighbours. */
    private double weight(int i, int item) {
      for (int t = pointers[i]; t < pointers[i + 1]; t++) {
        if (neighbours[t] == item) {
          return weights[t];
        }
      }
      return 0;
    }

    @Override
    public Explanation explain(int user, int item) {
      SparseMatrix byUser = data.byUser();
      List<Explanation.Reason> reasons = new ArrayList<>();
      double score = 0;
      for (int k = byUser.start(user); k < byUser.end(user); k++) {
        int i = byUser.index(k);
        double c = weight(i, item);
        if (c > 0) {
          score += c;
          reasons.add(new Explanation.Reason("item", data.items().id(i), c));
        }
      }
      reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
      List<String> names = reasons.stream().limit(3).map(Explanation.Reason::label).toList();
      String summary = names.isEmpty() ? "no walk from your items reaches it"
          : "often reached from " + String.join(", ", names);
      return new Explanation(data.users().id(user), data.items().id(item), score, summary, reasons);
    }

    /** Row {@code item} of W (its kept neighbours; 0 elsewhere). */
    @Override
    public double[] itemSimilarities(int item) {
      double[] s = new double[data.itemCount()];
      for (int t = pointers[item]; t < pointers[item + 1]; t++) {
        s[neighbours[t]] = weights[t];
      }
      return s;
    }

    /** New users and new interactions over known items: W is kept (retrain to let it learn from them). */
    @Override
    public Recommender update(Interactions additional) {
      for (String item : additional.items().ids()) {
        if (!data.items().contains(item)) {
          throw new UnsupportedOperationException("rp3beta cannot add the new item " + item + " without retraining");
        }
      }
      return new Model(info, data.plus(additional, Interactions.DuplicatePolicy.LAST), pointers, neighbours, weights);
    }

    @Override
    public void writeTo(ModelWriter out) {
      out.ints("pointers", pointers);
      out.ints("neighbours", neighbours);
      out.floats("weights", weights);
    }
  }

  /** Registry entry. */
  public static final class Provider implements AlgorithmProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public RecommenderTrainer trainer(AlgorithmParams params) {
      Rp3Beta trainer = builder().alpha(params.real("alpha", DEFAULT_ALPHA)).beta(params.real("beta", DEFAULT_BETA))
          .neighbours(params.integer("neighbours", DEFAULT_NEIGHBOURS))
          .threads(params.integer("threads", Runtime.getRuntime().availableProcessors())).build();
      params.checkAllUsed(NAME);
      return trainer;
    }

    @Override
    public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
      int[] pointers = in.ints("pointers");
      int[] neighbours = in.ints("neighbours");
      float[] weights = in.floats("weights");
      int n = data.itemCount();
      if (pointers.length != n + 1 || pointers[n] != neighbours.length || neighbours.length != weights.length) {
        throw in.corrupt("rp3beta weights do not fit " + n + " items");
      }
      for (int j : neighbours) {
        if (j < 0 || j >= n) {
          throw in.corrupt("rp3beta neighbour " + j + " outside " + n + " items");
        }
      }
      return new Model(info, data, pointers, neighbours, weights);
    }
  }
}
