package io.mercato.recsys.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.ItemFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items: a {Drama}, b {Drama, Comedy}, c {Comedy}, d {Horror}, e {Drama} (new: nobody has it yet). */
class ContentBasedTest {

    @TempDir
    Path dir;

    static ItemFeatures features() {
        return ItemFeatures.builder()
                .tag("a", "genre", "Drama")
                .tag("b", "genre", "Drama").tag("b", "genre", "Comedy")
                .tag("c", "genre", "Comedy")
                .tag("d", "genre", "Horror")
                .tag("e", "genre", "Drama")
                .build();
    }

    static Interactions data() {
        return Interactions.builder()
                .add("u", "a", 1)
                .add("v", "a", 5).add("v", "c", 1)
                .add("w", "d", 1)
                .addItem("b").addItem("e")
                .build();
    }

    @Test
    void profileCosineAgainstEveryItem() {
        // u's profile is Drama; b = (Drama + Comedy) / sqrt 2 scores 1 / sqrt 2; e = Drama scores 1
        Recommender m = ContentBased.builder(features()).build().fit(data());
        List<Recommendation> top = m.recommend("u", 2);
        assertThat(top).extracting(Recommendation::item).containsExactly("e", "b");
        assertThat(top.get(0).score()).isCloseTo(1.0, within(1e-12));
        assertThat(top.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    }

    @Test
    void centeredProfilesPushAwayFromDislikedFeatures() {
        // v: a = 5, c = 1, mean 3: profile 2 Drama - 2 Comedy -> (1, -1) / sqrt 2;
        // b: (1/sqrt2)(1/sqrt2) - (1/sqrt2)(1/sqrt2) = 0; e: 1/sqrt 2; d: 0
        Recommender m = ContentBased.builder(features()).centered(true).build().fit(data());
        double[] s = m.scores("v");
        assertThat(s[m.trainingData().items().index("b")]).isCloseTo(0, within(1e-12));
        assertThat(s[m.trainingData().items().index("e")]).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(m.recommend("v", 1).get(0).item()).isEqualTo("e");
    }

    @Test
    void explainsByFeatures() {
        Recommender m = ContentBased.builder(features()).build().fit(data());
        Explanation e = m.explain("u", "b");
        assertThat(e.reasons()).extracting(Explanation.Reason::label).containsExactly("genre=Drama");
        assertThat(e.summary()).isEqualTo("matches what you like: genre=Drama");
        assertThat(m.similarItems("a", 2)).extracting(Recommendation::item).containsExactly("e", "b");
    }

    @Test
    void numericColumnsAreMinMaxScaledWithMeanImputation() {
        // price 10, 20, 30 and one missing (mean 20): scaled 0, 0.5, 1 and 0.5
        ItemFeatures f = ItemFeatures.builder().numeric("a", "price", 10).numeric("b", "price", 20)
                .numeric("c", "price", 30).tag("d", "genre", "Horror").build();
        int price = f.featureNames().indexOf("price");
        assertThat(f.vector("a").get(price)).isEqualTo(0.0);
        assertThat(f.vector("b").get(price)).isEqualTo(0.5);
        assertThat(f.vector("c").get(price)).isEqualTo(1.0);
        assertThat(f.vector("d").get(price)).isEqualTo(0.5);
        assertThat(f.vector("unknown").size()).isZero();
    }

    @Test
    void loadsFeaturesFromCsv() throws Exception {
        Path file = dir.resolve("movies.csv");
        Files.writeString(file, "movieId,title,genres,year\n1,Toy Story,Adventure|Animation,1995\n2,\"Heat, the\",Action,\n");
        ItemFeatures f = ItemFeatures.csv(file).idColumn("movieId").tagColumn("genres", "\\|").numericColumn("year").load();
        assertThat(f.ids().ids()).containsExactly("1", "2");
        assertThat(f.featureNames()).containsExactly("genres=Action", "genres=Adventure", "genres=Animation", "year");
        assertThat(f.vector("1").get(1)).isEqualTo(1.0);
        assertThat(f.vector("2").get(0)).isEqualTo(1.0);
    }

    @Test
    void byNameReadsTheFeaturesFile() throws Exception {
        Path file = dir.resolve("items.csv");
        Files.writeString(file, "item,genre\na,Drama\nb,Drama|Comedy\nc,Comedy\nd,Horror\ne,Drama\n");
        Recommender m = io.mercato.recsys.Recommenders.byName("content",
                java.util.Map.of("features", file.toString(), "tags", "genre")).fit(data());
        assertThat(m.recommend("u", 2)).extracting(Recommendation::item).containsExactly("e", "b");
        assertThatThrownBy(() -> io.mercato.recsys.Recommenders.byName("content", java.util.Map.of()))
                .isInstanceOf(io.mercato.core.ConfigurationException.class).hasMessageContaining("features");
    }

    @Test
    void roundTripsThroughTheModelFile() {
        Recommender m = ContentBased.builder(features()).build().fit(data());
        Path file = dir.resolve("content.mercato");
        m.save(file);
        Recommender back = Recommender.load(file);
        assertThat(back.scores("u")).containsExactly(m.scores("u"));
        assertThat(back.explain("u", "b")).isEqualTo(m.explain("u", "b"));
    }
}
