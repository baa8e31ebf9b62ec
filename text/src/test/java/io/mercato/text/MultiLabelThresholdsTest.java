package io.mercato.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultiLabelThresholdsTest {

  @Test
  void tunesEachLabelToItsBestF1() {
    double[][] p = {{0.30, 0.9}, {0.35, 0.8}, {0.20, 0.6}, {0.10, 0.7}};
    boolean[][] truth = {{true, true}, {true, false}, {false, true}, {false, false}};
    double[] t = MultiLabelThresholds.tune(p, truth);
    // label 0: positives score 0.30 and 0.35, negatives 0.20 and 0.10 -> threshold 0.30 separates them (F1 = 1);
    // at 0.5 nothing is predicted (F1 = 0)
    assertThat(t[0]).isEqualTo(0.30);
    // label 1: candidates 0.5 (F1 = 2*2/(2*2+2) = 0.667), 0.9 (F1 = 2/3 = 0.667), 0.8 (tp 1, fp 1, fn 1: 0.5),
    // 0.7 (tp 1, fp 2, fn 1: 0.4), 0.6 (tp 2, fp 2: 0.667); ties keep the one closest to 0.5, which is 0.5 itself
    assertThat(t[1]).isEqualTo(0.5);
    assertThat(MultiLabelThresholds.f1(p, truth, 1, 0.6)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void labelWithoutHeldOutPositivesKeepsTheDefault() {
    double[][] p = {{0.9}, {0.1}};
    boolean[][] truth = {{false}, {false}};
    assertThat(MultiLabelThresholds.tune(p, truth)).containsExactly(0.5);
  }

  @Test
  void microF1CountsEveryDecision() {
    double[][] p = {{0.9, 0.2}, {0.6, 0.7}};
    boolean[][] truth = {{true, true}, {false, true}};
    // decisions at 0.5: (1,0) vs (1,1); (1,1) vs (0,1): tp 2, fp 1, fn 1 -> 4 / 6
    assertThat(MultiLabelThresholds.microF1(p, truth, null)).isCloseTo(4.0 / 6, within(1e-12));
    // per-label thresholds 0.95 and 0.1: (0,1) vs (1,1); (0,1) vs (0,1): tp 2, fp 0, fn 1 -> 4 / 5
    assertThat(MultiLabelThresholds.microF1(p, truth, new double[] {0.95, 0.1})).isCloseTo(0.8, within(1e-12));
  }
}
