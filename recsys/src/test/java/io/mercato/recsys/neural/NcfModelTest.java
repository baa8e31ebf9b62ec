package io.mercato.recsys.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.mf.Planted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NcfModelTest {

    /** 45 users and 30 items in 3 planted groups; each user saw half of its group's items. */
    private static final Interactions CLUSTERS = Planted.clusters(45, 30, 3, 0.5, 12);
    private static final int USERS = 45;
    private static NcfModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        model = trainer(7, 30).fit(CLUSTERS);
    }

    private static NcfTrainer trainer(long seed, int epochs) {
        return NcfTrainer.builder().embeddingSize(8).epochs(epochs).negatives(3).batchSize(64)
                .learningRate(0.03).seed(seed).build();
    }

    @Test
    void ranksTheUnseenItemsOfTheUsersPlantedGroupFirst() {
        // each user has about 5 unseen items in its group; chance level would be 1/3
        assertThat(Planted.inGroupShare(model::scores, CLUSTERS, 3, 3)).isGreaterThan(0.8);
    }

    @Test
    void sameSeedGivesIdenticalScores() {
        NcfModel once = trainer(5, 2).fit(CLUSTERS);
        NcfModel again = trainer(5, 2).fit(CLUSTERS);
        NcfModel otherSeed = trainer(6, 2).fit(CLUSTERS);
        for (int u = 0; u < USERS; u += 7) {
            assertThat(again.scores(u)).containsExactly(once.scores(u));
        }
        assertThat(otherSeed.scores(0)).isNotEqualTo(once.scores(0));
    }

    @Test
    void batchScoringEqualsOneUserAtATime() {
        int[] users = {3, 0, 41, 44};
        double[][] batch = model.scores(users);
        for (int r = 0; r < users.length; r++) {
            // one network call either way; only float rounding of the differently blocked matrix products differs
            assertThat(batch[r]).containsExactly(model.scores(users[r]), within(1e-5));
        }
    }

    @Test
    void oneModelServesManyThreadsConcurrently() throws Exception {
        double[][] expected = new double[USERS][];
        for (int u = 0; u < USERS; u++) {
            expected[u] = model.scores(u);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int k = 0; k < USERS; k++) {
                        int u = (k * 7 + offset) % USERS;
                        same &= java.util.Arrays.equals(model.scores(u), expected[u]);
                    }
                    return same;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void savedModelScoresIdentically() {
        Path file = dir.resolve("ncf.mercato");
        model.save(file);
        Recommender loaded = Recommender.load(file);
        assertThat(loaded).isInstanceOf(NcfModel.class);
        assertThat(loaded.info().hyperParameters()).containsEntry("embeddingSize", "8");
        for (int u = 0; u < USERS; u += 11) {
            assertThat(loaded.scores(u)).containsExactly(model.scores(u));
        }
    }

    @Test
    void explanationsNameTheUsersOwnItems() {
        Explanation why = model.explain(4, 7);
        assertThat(why.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (Explanation.Reason r : why.reasons()) {
            assertThat(CLUSTERS.contains(4, CLUSTERS.items().index(r.label()))).isTrue();
        }
        assertThat(why.score()).isCloseTo(model.scores(4)[7], within(1e-5));
    }

    @Test
    void registryBuildsAndValidates() {
        assertThat(Recommenders.byName("ncf", Map.of("embeddingSize", "16", "epochs", "2")).hyperParameters())
                .containsEntry("embeddingSize", "16").containsEntry("epochs", "2");
        assertThatThrownBy(() -> NcfTrainer.builder().negatives(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'negatives' = 0");
        assertThatThrownBy(() -> NcfTrainer.builder().learningRate(2).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'learningRate' = 2.0");
    }
}
