package io.mercato.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class McNemarTest {

    /** {@code n} decisions, right at the positions {@code where} and wrong elsewhere. */
    private static boolean[] decisions(int n, IntStream where) {
        boolean[] out = new boolean[n];
        where.forEach(i -> out[i] = true);
        return out;
    }

    @Test
    void statisticCountsOnlyTheDisagreements() {
        // a right on 0..59, b right on 0..49 and 60..61: a alone 10, b alone 2, z = 8 / sqrt(12) = 2.3094
        boolean[] a = decisions(100, IntStream.range(0, 60));
        boolean[] b = decisions(100, IntStream.concat(IntStream.range(0, 50), IntStream.range(60, 62)));
        assertThat(McNemar.z(a, b)).isCloseTo(2.3094, within(1e-4));
        assertThat(McNemar.z(b, a)).isCloseTo(-2.3094, within(1e-4));
        assertThat(McNemar.z(a, a)).isZero();
    }

    @Test
    void significanceIsOneSidedAtFivePercent() {
        boolean[] b = decisions(100, IntStream.concat(IntStream.range(0, 50), IntStream.range(60, 62)));
        assertThat(McNemar.significantlyBetter(decisions(100, IntStream.range(0, 60)), b)).isTrue();
        assertThat(McNemar.significantlyBetter(b, decisions(100, IntStream.range(0, 60)))).isFalse();
        // a alone 6, b alone 2: z = 4 / sqrt(8) = 1.41, not significant
        assertThat(McNemar.significantlyBetter(decisions(100, IntStream.range(0, 56)), b)).isFalse();
        // 6 against 0: z = 6 / sqrt(6) = 2.45
        assertThat(McNemar.significantlyBetter(decisions(10, IntStream.range(0, 6)), decisions(10, IntStream.empty())))
                .isTrue();
    }

    @Test
    void unpairedDecisionsAreRefused() {
        assertThatThrownBy(() -> McNemar.z(new boolean[3], new boolean[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a has 3, b has 4");
    }
}
