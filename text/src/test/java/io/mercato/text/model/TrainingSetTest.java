package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.SparseVector;
import io.mercato.text.pipeline.EncodedText;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSetTest {

  private static final EncodedText X = new EncodedText(SparseVector.empty(3), new int[0]);

  @Test
  void meanLossIsWeightedCategoricalCrossEntropy() {
    TrainingSet set = new TrainingSet(List.of(X, X), new int[] {0, 1}, null, 2, new double[] {1, 3}, 3, 2);
    // by hand: (1 * -ln 0.8 + 3 * -ln 0.4) / 4
    double expected = (-Math.log(0.8) - 3 * Math.log(0.4)) / 4;
    assertThat(set.meanLoss(new double[][] {{0.8, 0.2}, {0.6, 0.4}})).isCloseTo(expected, within(1e-12));
  }

  @Test
  void meanLossOfMultiLabelSumsBinaryCrossEntropies() {
    TrainingSet set = new TrainingSet(List.of(X), null, new boolean[][] {{true, false}}, 2, null, 3, 2);
    // by hand: -ln 0.9 - ln(1 - 0.3)
    assertThat(set.meanLoss(new double[][] {{0.9, 0.3}})).isCloseTo(-Math.log(0.9) - Math.log(0.7), within(1e-12));
  }

  @Test
  void subsetKeepsRowsInOrder() {
    EncodedText y = new EncodedText(SparseVector.empty(3), new int[] {5});
    TrainingSet set = new TrainingSet(List.of(X, y, X), new int[] {0, 1, 2}, null, 3, new double[] {1, 2, 3}, 3, 6);
    TrainingSet sub = set.subset(new int[] {2, 1});
    assertThat(sub.labels()).containsExactly(2, 1);
    assertThat(sub.exampleWeights()).containsExactly(3, 2);
    assertThat(sub.inputs().get(1)).isEqualTo(y);
    assertThat(sub.outputs()).isEqualTo(3);
  }

  @Test
  void rejectsInconsistentTargets() {
    assertThatThrownBy(() -> new TrainingSet(List.of(X), new int[] {2}, null, 2, null, 3, 2))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("label").hasMessageContaining("[0, 2)");
    assertThatThrownBy(() -> new TrainingSet(List.of(X), null, null, 2, null, 3, 2))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> new TrainingSet(List.of(X), new int[] {0}, null, 2, new double[2], 3, 2))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("exampleWeights");
  }
}
