package io.mercato.text.model;

import io.mercato.core.Check;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * The part of the {@link MlpTrainer} and {@link CnnTrainer} builders that sets the optimization
 * settings both DL4J trainers share: dropout, Adam learning rate and L2 penalty.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
abstract class Dl4jTrainerBuilder<B extends Dl4jTrainerBuilder<B>> {
  private double dropout = 0.5;
  private double learningRate = 2e-3;
  private double l2 = 0;

  Dl4jTrainerBuilder() {
  }

  /**
   * Probability of dropping an activation during training (the MLP's hidden activations, the CNN's
   * pooled features), in [0, 1) (default 0.5).
   */
  public B dropout(double p) {
    this.dropout = p;
    return self();
  }

  /** Adam learning rate, in (0, 1] (default 0.002). */
  public B learningRate(double lr) {
    this.learningRate = lr;
    return self();
  }

  /** L2 weight penalty, finite and &gt;= 0 (default 0). */
  public B l2(double l2) {
    this.l2 = l2;
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Validates the shared settings.
   *
   * @throws io.mercato.core.ConfigurationException naming the setting, its value and the allowed range
   */
  Optimization optimization() {
    Dl4jNetworks.checkDropout("dropout", dropout);
    Dl4jNetworks.checkLearningRate("learningRate", learningRate);
    Check.nonNegative("l2", l2);
    return new Optimization(dropout, learningRate, l2);
  }

  /** The validated shared settings of a built trainer. */
  record Optimization(double dropout, double learningRate, double l2) {

    /** Float32, seeded, Adam network defaults with this learning rate and L2 penalty. */
    NeuralNetConfiguration.Builder base(long seed) {
      return Dl4jNetworks.base(seed, learningRate, l2);
    }

    /** Adds the settings, in the order dropout, learningRate, l2, to a trainer's hyper-parameters. */
    void putInto(Map<String, String> hyperParameters) {
      hyperParameters.put("dropout", Double.toString(dropout));
      hyperParameters.put("learningRate", Double.toString(learningRate));
      hyperParameters.put("l2", Double.toString(l2));
    }
  }
}
