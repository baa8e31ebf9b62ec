package io.mercato.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static void assertPartition(Splits.Split s, int n) {
        Set<Integer> all = new HashSet<>();
        for (int i : s.train()) {
            assertThat(all.add(i)).isTrue();
        }
        for (int i : s.test()) {
            assertThat(all.add(i)).as("index %d in both train and test", i).isTrue();
        }
        assertThat(all).hasSize(n).allMatch(i -> i >= 0 && i < n);
        assertThat(s.train()).isSorted();
        assertThat(s.test()).isSorted();
    }

    @Test
    void trainTestSizesPartitionAndSeeding() {
        Splits.Split s = Splits.trainTest(10, 0.25, 42);
        assertPartition(s, 10);
        assertThat(s.test()).hasSize(3); // ceil(0.25 * 10)
        Splits.Split again = Splits.trainTest(10, 0.25, 42);
        assertThat(again.test()).containsExactly(s.test());
        boolean anyDifferent = IntStream.range(0, 10)
                .anyMatch(seed -> !Arrays.equals(Splits.trainTest(10, 0.25, seed).test(), s.test()));
        assertThat(anyDifferent).isTrue();
        assertThat(Splits.trainTest(2, 0.01, 1).test()).hasSize(1);
        assertThat(Splits.trainTest(2, 0.99, 1).train()).hasSize(1);
        assertThat(Splits.trainTest(100, 0.2, 7).test()).hasSize(20);
    }

    @Test
    void stratifiedKeepsClassProportions() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 70 ? 0 : (i < 90 ? 1 : 2); // 70 / 20 / 10
        }
        Splits.Split s = Splits.stratified(labels, 0.3, 5);
        assertPartition(s, 100);
        assertThat(s.test()).hasSize(30);
        int[] counts = new int[3];
        for (int i : s.test()) {
            counts[labels[i]]++;
        }
        assertThat(counts).containsExactly(21, 6, 3);
        assertThat(Splits.stratified(labels, 0.3, 5).test()).containsExactly(s.test());
    }

    @Test
    void stratifiedWithRemaindersStillHitsTheTotal() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
        Splits.Split s = Splits.stratified(labels, 0.5, 3);
        assertPartition(s, 11);
        assertThat(s.test()).hasSize(6); // ceil(5.5)
        int[] counts = new int[3];
        for (int i : s.test()) {
            counts[labels[i]]++;
        }
        assertThat(counts[0]).isBetween(1, 2);
        assertThat(counts[1]).isBetween(1, 2);
        assertThat(counts[2]).isBetween(2, 3);
    }

    @Test
    void kFoldCoversEveryIndexOnceAsTest() {
        List<Splits.Split> folds = Splits.kFold(23, 5, 9);
        assertThat(folds).hasSize(5);
        int[] timesTested = new int[23];
        for (Splits.Split f : folds) {
            assertPartition(f, 23);
            assertThat(f.test().length).isBetween(4, 5);
            for (int i : f.test()) {
                timesTested[i]++;
            }
        }
        assertThat(timesTested).containsOnly(1);
        assertThat(Splits.kFold(23, 5, 9).get(2).test()).containsExactly(folds.get(2).test());
    }

    @Test
    void stratifiedKFoldBalancesClassesAndSizes() {
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 6 == 0 ? 1 : 0; // 10 of class 1, 50 of class 0
        }
        List<Splits.Split> folds = Splits.stratifiedKFold(labels, 5, 1);
        int[] timesTested = new int[60];
        for (Splits.Split f : folds) {
            assertPartition(f, 60);
            assertThat(f.test()).hasSize(12);
            long positives = Arrays.stream(f.test()).filter(i -> labels[i] == 1).count();
            assertThat(positives).isEqualTo(2);
            for (int i : f.test()) {
                timesTested[i]++;
            }
        }
        assertThat(timesTested).containsOnly(1);
    }

    @Test
    void invalidSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> Splits.trainTest(10, 1.0, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid setting 'testFraction' = 1.0: must be in (0, 1)");
        assertThatThrownBy(() -> Splits.kFold(3, 4, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid setting 'k' = 4: must be in [2, 3] (the number of examples)");
        assertThatThrownBy(() -> Splits.stratifiedKFold(new int[5], 1, 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Splits.trainTest(1, 0.5, 1)).hasMessage("need at least 2 examples to split but got 1");
    }
}
