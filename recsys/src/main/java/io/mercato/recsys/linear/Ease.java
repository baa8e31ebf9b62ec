package io.mercato.recsys.linear;

import io.mercato.core.Check;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bytedeco.openblas.global.openblas;

/**
 * EASE^R (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): an item-item weight matrix
 * {@code B} that reconstructs each user's row from the others, learned in closed form. With the Gram
 * matrix {@code G = XᵀX + λI} of the binary user × item matrix and {@code P = G⁻¹},
 * {@code B_ij = −P_ij / P_jj} and {@code B_jj = 0}; a user's scores are {@code x_u B}. One Gram and one
 * inversion (Cholesky, single precision, LAPACK: see {@link #spdInverseLower}), no iterations, no seed; strong
 * on dense catalogues such as MovieLens. Memory and time grow with items² and items³, so a catalogue larger than
 * {@link Builder#maxItems} is modelled on its most-interacted items.
 */
public final class Ease implements RecommenderTrainer {

  /** Algorithm name. */
  public static final String NAME = "ease";
  /** Default {@link Builder#lambda}. */
  public static final double DEFAULT_LAMBDA = 50;
  /** Default {@link Builder#maxItems}. */
  public static final int DEFAULT_MAX_ITEMS = 12_000;

  private final double lambda;
  private final int maxItems;

  private Ease(Builder b) {
    this.lambda = b.lambda;
    this.maxItems = b.maxItems;
  }

  /** A builder with the defaults (λ = 50, at most 12,000 items). */
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
    m.put("lambda", Double.toString(lambda));
    m.put("maxItems", Integer.toString(maxItems));
    return m;
  }

  @Override
  public Recommender fit(Interactions data) {
    long start = System.nanoTime();
    int[] modelled = modelledItems(data, maxItems);
    return new Model(ModelInfo.timed(NAME, hyperParameters(), start), data, modelled,
        weights(data, modelled, lambda));
  }

  /**
   * The items B covers, ascending: all of them, or in a larger catalogue the {@code maxItems} with the most
   * interactions (ties: the lower index). The others have too few interactions to weigh much in B, and
   * leaving them out bounds the items² memory and items³ time.
   */
  static int[] modelledItems(Interactions data, int maxItems) {
    int n = data.itemCount();
    if (n <= maxItems) {
      return IntStream.range(0, n).toArray();
    }
    SparseMatrix byItem = data.byItem();
    return IntStream.range(0, n).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> byItem.start(i) - byItem.end(i)))   // most first, stable
        .limit(maxItems).mapToInt(Integer::intValue).sorted().toArray();
  }

  /**
   * {@code B} over the {@code modelled} items, row-major ({@code B[j * m + i]}: the weight of the j-th modelled
   * history item for the i-th modelled item).
   */
  static float[] weights(Interactions data, int[] modelled, double lambda) {
    int n = modelled.length;
    int[] position = positions(modelled, data.itemCount());
    float[] a = new float[n * n];   // the Gram matrix, then its inverse P, then B, in place
    SparseMatrix byUser = data.byUser();
    for (int u = 0; u < byUser.rows(); u++) {
      for (int k = byUser.start(u); k < byUser.end(u); k++) {
        int pk = position[byUser.index(k)];
        if (pk < 0) {
          continue;
        }
        for (int l = byUser.start(u); l < byUser.end(u); l++) {
          int pl = position[byUser.index(l)];
          if (pl >= 0) {
            a[pk * n + pl] += 1;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      a[i * n + i] += (float) lambda;
    }
    spdInverseLower(a, n);
    float[] diagonal = new float[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = a[i * n + i];
      a[i * n + i] = 0;
    }
    // P is symmetric and held in the lower triangle: P_ji (j > i) gives B_ji = -P_ji / P_ii and B_ij = -P_ji / P_jj
    IntStream.range(1, n).parallel().forEach(j -> {
      for (int i = 0; i < j; i++) {
        float p = a[j * n + i];
        a[j * n + i] = -p / diagonal[i];
        a[i * n + j] = -p / diagonal[j];
      }
    });
    return a;
  }

  /** Each item's place among {@code modelled} (ascending item indices), −1 for the items B leaves out. */
  static int[] positions(int[] modelled, int items) {
    int[] position = new int[items];
    Arrays.fill(position, -1);
    for (int p = 0; p < modelled.length; p++) {
      position[modelled[p]] = p;
    }
    return position;
  }

  /**
   * Replaces the lower triangle of the symmetric positive definite {@code a} (row-major n × n) by that of its
   * inverse (the upper triangle is left as it was): LAPACK's Cholesky factorization and inversion
   * ({@code spotrf}, {@code spotri}) from the OpenBLAS that ND4J ships, about n³ flops on all cores. Single
   * precision halves the memory and time of double and moves EASE's rankings by less than validation noise
   * (docs/benchmarks.md, "Issue 12: EASE at 9,000 items"). ND4J's own inversion in 1.0.0-M2.1 takes seconds
   * at n = 500 and crashes the JVM at n = 2000; a plain-Java Cholesky needs minutes at n = 9,000.
   *
   * @throws IllegalStateException when {@code a} is not positive definite
   */
  static void spdInverseLower(float[] a, int n) {
    int info = openblas.LAPACKE_spotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n);
    if (info == 0) {
      info = openblas.LAPACKE_spotri(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n);
    }
    if (info != 0) {
      throw new IllegalStateException(info > 0
          ? "EASE's Gram matrix (" + n + " × " + n + ") is not positive definite: LAPACK's Cholesky stopped at row "
              + (info - 1) + " (a λ that is not finite?)"
          : "LAPACK rejected argument " + (-info) + " of EASE's Gram inversion (" + n + " × " + n + ")");
    }
  }

  /** Fluent configuration of {@link Ease}; {@link #build()} validates. */
  public static final class Builder {
    private double lambda = DEFAULT_LAMBDA;
    private int maxItems = DEFAULT_MAX_ITEMS;

    private Builder() {
    }

    /**
     * L2 regularization of B, > 0 (default 50, chosen by validation on online-retail training data); larger for
     * more users per item.
     */
    public Builder lambda(double lambda) {
      this.lambda = lambda;
      return this;
    }

    /**
     * The most items B covers, in [2, 46340] (default 12,000: fitting takes about 4·items² bytes of heap and
     * items³ flops, some 10 s on 2 cores at the default). A larger catalogue keeps its {@code maxItems} items with
     * the most interactions; the others are never recommended by EASE (score 0) and do not count as history.
     */
    public Builder maxItems(int maxItems) {
      this.maxItems = maxItems;
      return this;
    }

    /** Validates and builds. */
    public Ease build() {
      Check.positive("lambda", lambda);
      Check.inRange("maxItems", maxItems, 2, 46_340);   // items² must fit in one Java array
      return new Ease(this);
    }
  }

  /** The trained model: the item-item weights over the modelled items. */
  static final class Model extends AbstractRecommender {
    private final float[] weights;
    private final int[] modelled;
    private final int[] position;
    private final int n;

    Model(ModelInfo info, Interactions data, int[] modelled, float[] weights) {
      super(info, data);
      this.weights = weights;
      this.modelled = modelled;
      this.position = positions(modelled, data.itemCount());
      this.n = data.itemCount();
    }

    /** Items B leaves out score 0: no evidence either way. */
    @Override
    public double[] scores(int user) {
      double[] s = new double[n];
      int m = modelled.length;
      SparseMatrix byUser = data.byUser();
      for (int k = byUser.start(user); k < byUser.end(user); k++) {
        int p = position[byUser.index(k)];
        if (p < 0) {
          continue;
        }
        int row = p * m;
        for (int i = 0; i < m; i++) {
          s[modelled[i]] += weights[row + i];
        }
      }
      return s;
    }

    @Override
    public Explanation explain(int user, int item) {
      SparseMatrix byUser = data.byUser();
      List<Explanation.Reason> reasons = new ArrayList<>();
      double score = 0;
      int target = position[item];
      for (int k = byUser.start(user); k < byUser.end(user) && target >= 0; k++) {
        int j = byUser.index(k);
        double c = position[j] < 0 ? 0 : weights[position[j] * modelled.length + target];
        score += c;
        if (c != 0) {
          reasons.add(new Explanation.Reason("item", data.items().id(j), c));
        }
      }
      reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
      List<String> names = reasons.stream().filter(r -> r.contribution() > 0).limit(3)
          .map(Explanation.Reason::label).toList();
      String summary = names.isEmpty() ? "nothing you have points to it" : "because you liked " + String.join(", ", names);
      return new Explanation(data.users().id(user), data.items().id(item), score, summary, reasons);
    }

    /** Row {@code item} of B: how much having {@code item} raises each other item (all 0 if B leaves it out). */
    @Override
    public double[] itemSimilarities(int item) {
      double[] s = new double[n];
      int p = position[item];
      for (int i = 0; i < modelled.length && p >= 0; i++) {
        s[modelled[i]] = weights[p * modelled.length + i];
      }
      return s;
    }

    /** New users and new interactions of known users over known items: B needs no change. */
    @Override
    public Recommender update(Interactions additional) {
      for (String item : additional.items().ids()) {
        if (!data.items().contains(item)) {
          throw new UnsupportedOperationException("ease cannot add the new item " + item + " without retraining");
        }
      }
      Interactions merged = data.plus(additional, Interactions.DuplicatePolicy.LAST);
      return new Model(info, merged, modelled, weights);
    }

    @Override
    public void writeTo(ModelWriter out) {
      out.floats("weights", weights);
      out.ints("items", modelled);
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
      Ease trainer = builder().lambda(params.real("lambda", DEFAULT_LAMBDA))
          .maxItems(params.integer("maxItems", DEFAULT_MAX_ITEMS)).build();
      params.checkAllUsed(NAME);
      return trainer;
    }

    @Override
    public Recommender read(ModelReader in, Interactions data, ModelInfo info) {
      float[] weights = in.floats("weights");
      int[] modelled = in.has("items") ? in.ints("items") : IntStream.range(0, data.itemCount()).toArray();
      for (int p = 0; p < modelled.length; p++) {
        if (modelled[p] < 0 || modelled[p] >= data.itemCount() || p > 0 && modelled[p] <= modelled[p - 1]) {
          throw in.corrupt("modelled item " + p + " is " + modelled[p] + ": not ascending within the "
              + data.itemCount() + " items");
        }
      }
      long expected = (long) modelled.length * modelled.length;
      if (weights.length != expected) {
        throw in.corrupt("weights hold " + weights.length + " values, " + modelled.length + " modelled items need "
            + expected);
      }
      return new Model(info, data, modelled, weights);
    }
  }
}
