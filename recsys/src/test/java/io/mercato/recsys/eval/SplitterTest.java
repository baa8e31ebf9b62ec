package io.mercato.recsys.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.recsys.data.Interactions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitterTest {

    /** 40 users x 25 items, ~30 % filled, timestamps = a running counter (all distinct). */
    static Interactions data() {
        SplittableRandom r = new SplittableRandom(3);
        Interactions.Builder b = Interactions.builder();
        long t = 0;
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 25; i++) {
                if (r.nextDouble() < 0.3) {
                    b.add("u" + u, "i" + i, 1 + r.nextInt(5), t++);
                }
            }
        }
        return b.build();
    }

    static Set<String> pairs(Interactions d) {
        Set<String> s = new HashSet<>();
        d.forEach((u, i, v, t) -> s.add(d.users().id(u) + "|" + d.items().id(i) + "|" + v + "|" + t));
        return s;
    }

    private static void assertPartition(Interactions all, Split split) {
        Set<String> train = pairs(split.train());
        Set<String> test = pairs(split.test());
        assertThat(train).doesNotContainAnyElementsOf(test);
        Set<String> union = new HashSet<>(train);
        union.addAll(test);
        assertThat(union).isEqualTo(pairs(all));
    }

    @Test
    void randomIsAnExactSeededPartition() {
        Interactions d = data();
        Split s = Splitter.random(0.2, 42).split(d);
        assertPartition(d, s);
        assertThat(s.test().size()).isEqualTo((int) Math.ceil(0.2 * d.size()));
        assertThat(pairs(Splitter.random(0.2, 42).split(d).test())).isEqualTo(pairs(s.test()));
        assertThat(pairs(Splitter.random(0.2, 43).split(d).test())).isNotEqualTo(pairs(s.test()));
    }

    @Test
    void perUserKeepsEveryUserInTrain() {
        Interactions d = data();
        Split s = Splitter.perUser(0.5, 1).split(d);
        assertPartition(d, s);
        for (String u : s.test().users().ids()) {
            assertThat(s.train().users().contains(u)).isTrue();
        }
    }

    @Test
    void leaveOneOutTakesEachUsersLatest() {
        Interactions d = data();
        Split s = Splitter.leaveOneOut(5).split(d);
        assertPartition(d, s);
        Interactions test = s.test();
        for (int u = 0; u < test.userCount(); u++) {
            assertThat(test.byUser().length(u)).isEqualTo(1);
            long held = test.byUser().timestamp(test.byUser().start(u));
            int tu = s.train().users().index(test.users().id(u));
            for (int k = s.train().byUser().start(tu); k < s.train().byUser().end(tu); k++) {
                assertThat(s.train().byUser().timestamp(k)).isLessThan(held);
            }
        }
    }

    @Test
    void temporalTestIsTheFuture() {
        Interactions d = data();
        Split s = Splitter.temporal(0.25).split(d);
        assertPartition(d, s);
        long latestTrain = Long.MIN_VALUE;
        for (int k = 0; k < s.train().size(); k++) {
            latestTrain = Math.max(latestTrain, s.train().byUser().timestamp(k));
        }
        for (int k = 0; k < s.test().size(); k++) {
            assertThat(s.test().byUser().timestamp(k)).isGreaterThan(latestTrain);
        }
    }

    @Test
    void kFoldTestsCoverEverythingOnce() {
        Interactions d = data();
        List<Split> folds = Splitter.kFold(d, 5, 9);
        Set<String> seen = new HashSet<>();
        for (Split f : folds) {
            assertPartition(d, f);
            Set<String> test = pairs(f.test());
            assertThat(seen).doesNotContainAnyElementsOf(test);
            seen.addAll(test);
        }
        assertThat(seen).isEqualTo(pairs(d));
    }
}
