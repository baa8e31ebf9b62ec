package io.mercato.recsys.mf;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Bayesian personalized ranking (Rendle et al. 2009) for implicit top-N: learns {@code x̂_ui = b_i + p_u · q_i}
 * so that a user's interacted item outranks a sampled item the user has not interacted with, maximising
 * {@code Σ ln σ(x̂_ui − x̂_uj)} minus L2, by SGD on (user, positive, negative) triples drawn with replacement
 * (one epoch = as many triples as interactions). Single-threaded and fully determined by the seed.
 */
public final class BprTrainer {

  private final int rank;
  private final int epochs;
  private final double learningRate;
  private final double regularization;
  private final double biasRegularization;
  private final double initStdDev;
  private final long seed;
  private final TrainingListener listener;

  private BprTrainer(Builder b) {
    this.rank = b.rank;
    this.epochs = b.epochs;
    this.learningRate = b.learningRate;
    this.regularization = b.regularization;
    this.biasRegularization = b.biasRegularization;
    this.initStdDev = b.initStdDev;
    this.seed = b.seed;
    this.listener = b.listener;
  }

  /** A builder with the defaults (rank 64, 60 epochs, learning rate 0.05, regularization 0.005). */
  public static Builder builder() {
    return new Builder();
  }

  /** The registry name, {@code "bpr"}. */
  public String algorithm() {
    return "bpr";
  }

  /** Learns the factors of {@code interactions} (any stored entry counts as a positive). */
  public LatentFactors factorize(RatingMatrix interactions) {
    int users = interactions.users();
    int items = interactions.items();
    int n = interactions.size();
    int k = rank;
    SplittableRandom random = new SplittableRandom(seed);
    float[] p = Gaussian.matrix(random, users, k, initStdDev);
    float[] q = Gaussian.matrix(random, items, k, initStdDev);
    float[] b = new float[items];
    int[] entryUser = new int[n];
    for (int u = 0; u < users; u++) {
      for (int e = interactions.userStart(u); e < interactions.userEnd(u); e++) {
        entryUser[e] = u;
      }
    }
    float lr = (float) learningRate;
    float reg = (float) regularization;
    float regB = (float) biasRegularization;
    long start = System.nanoTime();
    listener.onStart(algorithm(), epochs);
    for (int epoch = 1; epoch <= epochs && n > 0; epoch++) {
      double loss = 0;
      for (int s = 0; s < n; s++) {
        int e = random.nextInt(n);
        int u = entryUser[e];
        if (interactions.userCount(u) == items) {
          continue; // no negative exists
        }
        int i = interactions.itemAt(e);
        int j;
        do {
          j = random.nextInt(items);
        } while (interactions.contains(u, j));
        int pu = u * k;
        int qi = i * k;
        int qj = j * k;
        float diff = b[i] - b[j];
        for (int f = 0; f < k; f++) {
          diff += p[pu + f] * (q[qi + f] - q[qj + f]);
        }
        double sig = 1 / (1 + Math.exp(diff)); // σ(−diff) = ∂ ln σ(diff) / ∂ diff
        loss += diff > 30 ? 0 : Math.log1p(Math.exp(-diff));
        float g = (float) sig;
        b[i] += lr * (g - regB * b[i]);
        b[j] += lr * (-g - regB * b[j]);
        for (int f = 0; f < k; f++) {
          float pf = p[pu + f];
          float qif = q[qi + f];
          float qjf = q[qj + f];
          p[pu + f] = pf + lr * (g * (qif - qjf) - reg * pf);
          q[qi + f] = qif + lr * (g * pf - reg * qif);
          q[qj + f] = qjf + lr * (-g * pf - reg * qjf);
        }
      }
      listener.onEpoch(new EpochEvent(epoch, epochs, loss / n, null, Double.NaN,
          Duration.ofNanos(System.nanoTime() - start)));
    }
    listener.onEnd();
    return new LatentFactors(k, p, q, new float[users], b, 0);
  }

  /** Fluent, validating configuration of {@link BprTrainer}. */
  public static final class Builder {
    private int rank = 64;
    private int epochs = 60;
    private double learningRate = 0.05;
    private double regularization = 0.005;
    private double biasRegularization = 0.005;
    private double initStdDev = 0.1;
    private long seed = 42;
    private TrainingListener listener = TrainingListener.NONE;

    private Builder() {
    }

    /** Number of latent dimensions, 1..1024. */
    public Builder rank(int rank) {
      this.rank = rank;
      return this;
    }

    /** Passes (as many sampled triples as interactions each), 1..10000. */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** SGD step size, (0, 10]. */
    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** L2 weight on the factors, [0, 10]. */
    public Builder regularization(double regularization) {
      this.regularization = regularization;
      return this;
    }

    /** L2 weight on the item biases, [0, 10]. */
    public Builder biasRegularization(double biasRegularization) {
      this.biasRegularization = biasRegularization;
      return this;
    }

    /** Standard deviation of the Gaussian initial factors, (0, 1]. */
    public Builder initStdDev(double initStdDev) {
      this.initStdDev = initStdDev;
      return this;
    }

    /** Seed of the initial factors and the sampling. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Receives one event per epoch (mean −ln σ of the sampled pairs). */
    public Builder listener(TrainingListener listener) {
      this.listener = listener;
      return this;
    }

    /** Validates and builds. @throws ConfigurationException naming the first bad setting */
    public BprTrainer build() {
      Settings.range("rank", rank, 1, 1024);
      Settings.range("epochs", epochs, 1, 10_000);
      Settings.openClosed("learningRate", learningRate, 0, 10);
      Check.inRange("regularization", regularization, 0, 10);
      Check.inRange("biasRegularization", biasRegularization, 0, 10);
      Settings.openClosed("initStdDev", initStdDev, 0, 1);
      Check.notNull("listener", listener);
      return new BprTrainer(this);
    }
  }
}
