package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.core.train.EpochEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  @Test
  void stopsAfterPatienceEpochsWithoutImprovementAndRemembersTheBest() {
    List<EpochEvent> events = new ArrayList<>();
    EarlyStopping s = new EarlyStopping(10, 2, events::add);
    assertThat(s.epochDone(1, 2.0, 1.0)).isTrue();
    assertThat(s.epochDone(2, 1.5, 0.5)).isTrue();
    assertThat(s.epochDone(3, 1.2, 0.6)).isFalse();
    assertThat(s.shouldStop()).isFalse();
    assertThat(s.epochDone(4, 1.0, 0.7)).isFalse();
    assertThat(s.shouldStop()).isTrue();
    assertThat(s.bestEpoch()).isEqualTo(2);
    assertThat(s.bestLoss()).isEqualTo(0.5);
    assertThat(events).extracting(EpochEvent::epoch).containsExactly(1, 2, 3, 4);
    assertThat(events.get(3).maxEpochs()).isEqualTo(10);
    assertThat(events.get(3).trainLoss()).isEqualTo(1.0);
  }

  @Test
  void withoutValidationEveryEpochIsTheLatestBestAndNeverStops() {
    EarlyStopping s = new EarlyStopping(3, 1, e -> { });
    assertThat(s.epochDone(1, 1.0, Double.NaN)).isTrue();
    assertThat(s.epochDone(2, 2.0, Double.NaN)).isTrue();
    assertThat(s.shouldStop()).isFalse();
    assertThat(s.bestEpoch()).isEqualTo(2);
  }
}
