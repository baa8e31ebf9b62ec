package io.mercato.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.core.train.EpochEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void drawsProportionalBarAndKeepsCurves() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), "train");
    bar.onStart("linear", 4);
    bar.onEpoch(new EpochEvent(1, 4, 0.8, "accuracy", 0.7, Duration.ofMillis(500)));
    bar.onEpoch(new EpochEvent(2, 4, 0.5, "accuracy", 0.75, Duration.ofMillis(1500)));
    bar.onEnd();
    // 2 of 4 epochs on a 24-wide bar -> 12 '#'
    assertThat(text.toString())
        .contains("train (linear) [" + "#".repeat(12) + "-".repeat(12) + "] 2/4 loss 0.5000 accuracy 0.7500 1.5s");
    assertThat(bar.lossCurve()).containsExactly(0.8, 0.5);
    assertThat(bar.validationCurve()).containsExactly(0.7, 0.75);
  }

  @Test
  void fullBarAtTheLastEpochAndNoMetricWhenNaN() {
    ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), "x");
    assertThat(bar.render(10, 10, 0.25, "f1", Double.NaN, 2.0))
        .isEqualTo("x [" + "#".repeat(24) + "] 10/10 loss 0.2500 2.0s");
  }
}
