package io.mercato.recsys.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.mf.LatentFactors;
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

    private static NcfTrainer.Builder builder(long seed, int epochs) {
        return NcfTrainer.builder().embeddingSize(8).epochs(epochs).negatives(3).batchSize(64).learningRate(0.01)
                .l2(0.03).seed(seed);
    }

    private static NcfTrainer trainer(long seed, int epochs) {
        return builder(seed, epochs).build();
    }

    @Test
    void ranksTheUnseenItemsOfTheUsersPlantedGroupFirst() {
        // each user has about 5 unseen items in its group; chance level would be 1/3
        assertThat(Planted.inGroupShare(model::scores, CLUSTERS, 3, 3)).isGreaterThan(0.9);
    }

    @Test
    void scoresAreTheSigmoidOfOffsetPlusItemBiasPlusDotProduct() {
        LatentFactors f = model.factors();
        for (int u = 0; u < USERS; u += 9) {
            double[] s = model.scores(u);
            float[] p = f.userFactor(u);
            for (int i = 0; i < s.length; i += 4) {
                float[] q = f.itemFactor(i);
                double z = f.offset() + f.itemBias(i);
                for (int x = 0; x < p.length; x++) {
                    z += (double) p[x] * q[x];
                }
                assertThat(s[i]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-6));
            }
        }
    }

    @Test
    void aUserWithoutInteractionsGetsZeroFactorsAndItemsRankedByBias() {
        // 40 users: item 0 seen by all, item 1 by half, item 2 by a quarter, item 3 by nobody; plus one empty user
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < 40; u++) {
            b.add("u" + u, "i0", 1);
            if (u % 2 == 0) {
                b.add("u" + u, "i1", 1);
            }
            if (u % 4 == 0) {
                b.add("u" + u, "i2", 1);
            }
        }
        Interactions data = b.addUser("empty").addItem("i3").build();
        NcfModel m = builder(3, 30).build().fit(data);
        int empty = data.users().index("empty");
        assertThat(m.factors().userFactor(empty)).containsOnly(0f);
        double[] s = m.scores(empty);
        for (int i = 0; i < s.length; i++) {
            assertThat(s[i]).isCloseTo(1 / (1 + Math.exp(-m.factors().offset() - m.factors().itemBias(i))),
                    within(1e-9));
        }
        // the item everybody saw first, the item nobody saw last
        int all = data.items().index("i0");
        int none = data.items().index("i3");
        for (int i = 0; i < s.length; i++) {
            assertThat(s[i]).isBetween(s[none], s[all]);
        }
    }

    @Test
    void trainingLossFallsAndIsReportedEveryEpoch() {
        List<EpochEvent> events = new ArrayList<>();
        builder(4, 10).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochEvent event) {
                events.add(event);
            }
        }).build().fit(CLUSTERS);
        assertThat(events).hasSize(10);
        // the first epoch starts at about ln 2 (all scores near 0.5), the last is well below
        assertThat(events.get(0).trainLoss()).isLessThan(Math.log(2) + 0.01);
        assertThat(events.get(9).trainLoss()).isLessThan(0.8 * events.get(0).trainLoss());
    }

    @Test
    void sameSeedGivesIdenticalScoresWhateverTheThreadCount() {
        NcfModel once = builder(5, 3).threads(1).build().fit(CLUSTERS);
        NcfModel again = builder(5, 3).threads(1).build().fit(CLUSTERS);
        NcfModel threaded = builder(5, 3).threads(3).build().fit(CLUSTERS);
        NcfModel otherSeed = builder(6, 3).threads(1).build().fit(CLUSTERS);
        for (int u = 0; u < USERS; u += 7) {
            assertThat(again.scores(u)).containsExactly(once.scores(u));
            assertThat(threaded.scores(u)).containsExactly(once.scores(u));
        }
        assertThat(otherSeed.scores(0)).isNotEqualTo(once.scores(0));
    }

    @Test
    void batchScoringEqualsOneUserAtATime() {
        int[] users = {3, 0, 41, 44};
        double[][] batch = model.scores(users);
        for (int r = 0; r < users.length; r++) {
            // one matrix product against dot products one by one: only float rounding differs
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
        assertThat(loaded.scores(new int[] {1, 2})).isDeepEqualTo(model.scores(new int[] {1, 2}));
    }

    @Test
    void aVersionOneFileWithADl4jNetworkIsRefusedWithAMessage() {
        Path file = dir.resolve("ncf-v1.mercato");
        try (ModelFileWriter w = ModelFileWriter.create(file, "mercato-recommender", 1,
                Provenance.now("none", CLUSTERS.size(), 1, Map.of(), Map.of()))) {
            w.putJson("recommender.json", Map.of("algorithm", "ncf", "version", 1, "hyperParameters", Map.of(),
                    "trainingSeconds", 1.0, "metrics", Map.of()));
            w.put("interactions", CLUSTERS::write);
            w.putBytes("network", new byte[] {1, 2, 3});
            w.commit();
        }
        assertThatThrownBy(() -> Recommender.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("state version 1 (a DL4J network)").hasMessageContaining("train it again");
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
        assertThat(Recommenders.byName("ncf", Map.of("embeddingSize", "16", "epochs", "2", "threads", "1"))
                .hyperParameters()).containsEntry("embeddingSize", "16").containsEntry("epochs", "2")
                .doesNotContainKey("threads");
        assertThatThrownBy(() -> NcfTrainer.builder().negatives(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'negatives' = 0");
        assertThatThrownBy(() -> NcfTrainer.builder().learningRate(2).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'learningRate' = 2.0");
        assertThatThrownBy(() -> NcfTrainer.builder().embeddingSize(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'embeddingSize' = 0");
        assertThatThrownBy(() -> NcfTrainer.builder().l2(-1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'l2' = -1");
        assertThatThrownBy(() -> NcfTrainer.builder().threads(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'threads' = 0");
        assertThatThrownBy(() -> Recommenders.byName("ncf", Map.of("hiddenLayers", "64-32")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("hiddenLayers");
    }
}
