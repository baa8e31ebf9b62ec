package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidenceTest {

    // 4 users x 3 items (strengths):   a  b  c
    //                              u0  3  .  1
    //                              u1  .  2  .
    //                              u2  1  .  .
    //                              u3  .  .  4
    // df = (2, 1, 2); idf = ln 4 − ln(1 + df) = (ln 4/3, ln 2, ln 4/3); user totals (4, 2, 1, 4), mean 11/4.
    private static final Interactions DATA = Interactions.builder().addItem("a").addItem("b").addItem("c")
            .add("u0", "a", 3).add("u0", "c", 1).add("u1", "b", 2).add("u2", "a", 1).add("u3", "c", 4).build();

    @TempDir
    Path dir;

    private static Confidence rule(ImplicitAlsTrainer.Builder b) {
        return b.build().confidence(DATA.byUser());
    }

    private static int user(String id) {
        return DATA.users().index(id);
    }

    private static float entry(float[] confidences, String user, String item) {
        int e = DATA.byUser().find(user(user), DATA.items().index(item));
        return confidences[e];
    }

    @Test
    void log1pIsOnePlusAlphaTimesTheLogOfOnePlusStrengthOverEpsilon() {
        float[] c = rule(ImplicitAlsTrainer.builder().alpha(2).epsilon(0.5).scaling(ImplicitAlsTrainer.Scaling.LOG1P))
                .ofUsers(DATA.byUser());
        assertThat((double) entry(c, "u0", "a")).isCloseTo(1 + 2 * Math.log(7), within(1e-5)); // 1 + 3/0.5
        assertThat((double) entry(c, "u3", "c")).isCloseTo(1 + 2 * Math.log(9), within(1e-5));
    }

    @Test
    void bm25WeighsByTheImplicitLibrarysFormula() {
        double k1 = 2;
        double b = 0.75;
        Confidence rule = rule(ImplicitAlsTrainer.builder().alpha(1).k1(k1).b(b).scaling(ImplicitAlsTrainer.Scaling.BM25));
        assertThat(rule.idf()).containsExactly((float) Math.log(4.0 / 3), (float) Math.log(2), (float) Math.log(4.0 / 3));
        assertThat(rule.averageLength()).isEqualTo(11.0 / 4);
        float[] c = rule.ofUsers(DATA.byUser());
        // u0, a: v = 3, user total 4: norm = 0.25 + 0.75·4/(11/4) = 0.25 + 12/11
        double norm = 0.25 + 0.75 * 4 / (11.0 / 4);
        assertThat((double) entry(c, "u0", "a")).isCloseTo(1 + 3 * 3 / (2 * norm + 3) * Math.log(4.0 / 3), within(1e-5));
        // u1, b: v = 2, total 2
        double norm1 = 0.25 + 0.75 * 2 / (11.0 / 4);
        assertThat((double) entry(c, "u1", "b")).isCloseTo(1 + 2 * 3 / (2 * norm1 + 2) * Math.log(2), within(1e-5));
        // the item-major copy agrees entry by entry
        float[] byItem = rule.ofItems(DATA.byItem(), DATA.byUser());
        int e = DATA.byItem().find(DATA.items().index("a"), user("u0"));
        assertThat(byItem[e]).isEqualTo(entry(c, "u0", "a"));
    }

    @Test
    void tfidfIsTheSquareRootOfTheStrengthTimesIdf() {
        float[] c = rule(ImplicitAlsTrainer.builder().alpha(0.5).scaling(ImplicitAlsTrainer.Scaling.TFIDF))
                .ofUsers(DATA.byUser());
        assertThat((double) entry(c, "u3", "c")).isCloseTo(1 + 0.5 * 2 * Math.log(4.0 / 3), within(1e-5));
        assertThat((double) entry(c, "u1", "b")).isCloseTo(1 + 0.5 * Math.sqrt(2) * Math.log(2), within(1e-5));
    }

    @Test
    void idfIsFloredAtZeroForAnItemEveryoneHas() {
        Interactions all = Interactions.builder().add("u", "x", 1).add("v", "x", 1).build();
        Confidence rule = ImplicitAlsTrainer.builder().scaling(ImplicitAlsTrainer.Scaling.TFIDF).build()
                .confidence(all.byUser());
        assertThat(rule.idf()).containsExactly(0f); // ln 2 − ln 3 < 0
    }

    @Test
    void foldInWeighsANewUserWithTheFrozenTrainingStatistics() {
        FactorModel model = ImplicitAlsTrainer.builder().rank(2).iterations(5).regularization(0.5).alpha(4)
                .scaling(ImplicitAlsTrainer.Scaling.BM25).k1(2).b(0.75).seed(3).build().fit(DATA);
        // a new user with a:2, b:1 — its total 3 against the frozen mean 11/4 and the frozen idf (not recounted
        // with the new user in it)
        FactorModel updated = model.update(Interactions.builder().add("new", "a", 2).add("new", "b", 1).build());
        int u = updated.trainingData().users().index("new");
        double norm = 0.25 + 0.75 * 3 / (11.0 / 4);
        double ca = 1 + 4 * 2 * 3 / (2 * norm + 2) * Math.log(4.0 / 3);
        double cb = 1 + 4 * 1 * 3 / (2 * norm + 1) * Math.log(2);
        // the exact solve (YᵀY + Σ (c−1) y yᵀ + λI) x = Σ c y with the model's item factors, by hand in rank 2
        LatentFactors f = model.factors();
        float[] ya = f.itemFactor(DATA.items().index("a"));
        float[] yb = f.itemFactor(DATA.items().index("b"));
        double[] a = new double[4];
        for (int i = 0; i < f.items(); i++) {
            float[] yi = f.itemFactor(i);
            a[0] += yi[0] * yi[0];
            a[1] += yi[0] * yi[1];
            a[3] += yi[1] * yi[1];
        }
        a[0] += 0.5 + (ca - 1) * ya[0] * ya[0] + (cb - 1) * yb[0] * yb[0];
        a[1] += (ca - 1) * ya[0] * ya[1] + (cb - 1) * yb[0] * yb[1];
        a[3] += 0.5 + (ca - 1) * ya[1] * ya[1] + (cb - 1) * yb[1] * yb[1];
        double b0 = ca * ya[0] + cb * yb[0];
        double b1 = ca * ya[1] + cb * yb[1];
        double det = a[0] * a[3] - a[1] * a[1];
        float[] x = updated.factors().userFactor(u);
        assertThat((double) x[0]).isCloseTo((a[3] * b0 - a[1] * b1) / det, within(1e-4));
        assertThat((double) x[1]).isCloseTo((a[0] * b1 - a[1] * b0) / det, within(1e-4));
    }

    @Test
    void theFrozenIdfTravelsWithTheModelFile() {
        Recommender model = Recommenders.byName("implicit-als",
                Map.of("rank", "2", "scaling", "tfidf", "alpha", "3", "seed", "1")).fit(DATA);
        Path file = dir.resolve("tfidf.mercato");
        model.save(file);
        FactorModel loaded = (FactorModel) Recommender.load(file);
        Interactions extra = Interactions.builder().add("new", "c", 5).build();
        FactorModel a = ((FactorModel) model).update(extra);
        FactorModel b = loaded.update(extra);
        int u = a.trainingData().users().index("new");
        assertThat(b.factors().userFactor(u)).containsExactly(a.factors().userFactor(u));
        assertThat(b.explain("new", "a")).isEqualTo(a.explain("new", "a"));
    }

    @Test
    void registryAndBuilderValidateTheWeightingSettings() {
        assertThat(Recommenders.byName("implicit-als", Map.of("scaling", "log")).fit(DATA).info().hyperParameters())
                .containsEntry("scaling", "LOG1P");
        assertThatThrownBy(() -> ImplicitAlsTrainer.builder().b(1.5).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'b' = 1.5");
        assertThatThrownBy(() -> ImplicitAlsTrainer.builder().epsilon(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'epsilon'");
        assertThatThrownBy(() -> Recommenders.byName("implicit-als", Map.of("k1", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'k1'");
    }
}
