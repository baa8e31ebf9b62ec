package io.mercato.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingListenerTest {

    @Test
    void eventSummaryAndValidation() {
        EpochEvent e = new EpochEvent(3, 10, 0.42134, "accuracy", 0.871, Duration.ofMillis(1234));
        assertThat(e.toString()).isEqualTo("epoch 3/10 loss=0.4213 val-accuracy=0.8710 (1.2 s)");
        assertThat(new EpochEvent(1, 1, 1.0, null, Double.NaN, Duration.ZERO).toString())
                .isEqualTo("epoch 1/1 loss=1.0000 (0.0 s)");
        assertThatThrownBy(() -> new EpochEvent(0, 10, 0, null, 0, Duration.ZERO))
                .hasMessageContaining("epoch must be in [1, 10] but was 0");
        assertThatThrownBy(() -> new EpochEvent(11, 10, 0, null, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lambdaListenerReceivesEventsAndDefaultsAreNoOps() {
        List<Integer> epochs = new ArrayList<>();
        TrainingListener l = ev -> epochs.add(ev.epoch());
        l.onStart("x", 2);
        l.onEpoch(new EpochEvent(1, 2, 0.5, null, Double.NaN, Duration.ZERO));
        l.onEpoch(new EpochEvent(2, 2, 0.4, null, Double.NaN, Duration.ZERO));
        l.onEnd();
        assertThat(epochs).containsExactly(1, 2);
        TrainingListener.NONE.onEpoch(new EpochEvent(1, 1, 0, null, 0, Duration.ZERO));
    }
}
