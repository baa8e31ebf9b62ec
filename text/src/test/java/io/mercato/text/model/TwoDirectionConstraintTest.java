package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TwoDirectionConstraintTest {

  /**
   * Two inputs, 4 gates of 2 units: input 0 (forward) keeps unit 0 of each gate (columns 0, 2, 4, 6),
   * input 1 (backward) keeps unit 1 (columns 1, 3, 5, 7).
   */
  @Test
  void keepsOnlyTheWeightsWithinEachDirection() {
    INDArray w = Nd4j.create(new float[][] {
        {1, 2, 3, 4, 5, 6, 7, 8},
        {9, 10, 11, 12, 13, 14, 15, 16}});
    new TwoDirectionConstraint().apply(w);
    assertThat(w.toFloatMatrix()).isDeepEqualTo(new float[][] {
        {1, 0, 3, 0, 5, 0, 7, 0},
        {0, 10, 0, 12, 0, 14, 0, 16}});
  }

  @Test
  void rejectsWeightsThatDoNotSplitInHalves() {
    assertThatThrownBy(() -> new TwoDirectionConstraint().apply(Nd4j.ones(3, 8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3 x 8]");
    assertThatThrownBy(() -> new TwoDirectionConstraint().apply(Nd4j.ones(2, 12)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2 x 12]");
  }
}
