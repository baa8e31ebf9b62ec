package io.mercato.recsys.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.UnknownIdException;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.ItemFeatures;
import io.mercato.recsys.data.UserFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    // ------------------------------------------------------------------ cold start for users
    // Feature order: genre=Comedy, genre=Drama, genre=Horror. Unit item vectors: a (0,1,0), c (1,0,0),
    // d (0,0,1), b (1,1,0)/sqrt2, e (0,1,0). Item index order in data(): a, c, d, b, e.

    /** newbie declares Comedy and Horror; stranger declares only a genre no item has. */
    static UserFeatures declared() {
        return UserFeatures.builder()
                .tag("newbie", "genre", "Comedy").tag("newbie", "genre", "Horror")
                .tag("stranger", "genre", "Western")
                .tag("u", "genre", "Comedy")
                .build();
    }

    @Test
    void newUserIsScoredByDeclaredInterests() {
        // newbie's profile (1,0,1)/sqrt2: a 0, c 1/sqrt2, d 1/sqrt2, b 1/2, e 0; c and d tie (lower index first)
        Recommender m = ContentBased.builder(features()).userFeatures(declared()).build().fit(data());
        assertThat(m.trainingData().users().contains("newbie")).isFalse();
        List<Recommendation> top = m.recommend("newbie", 3);
        assertThat(top).extracting(Recommendation::item).containsExactly("c", "d", "b");
        assertThat(top.stream().mapToDouble(Recommendation::score).toArray())
                .containsExactly(new double[] {Math.sqrt(0.5), Math.sqrt(0.5), 0.5}, within(1e-12));
        Explanation e = m.explain("newbie", "b");
        assertThat(e.score()).isCloseTo(0.5, within(1e-12));
        assertThat(e.reasons()).extracting(Explanation.Reason::label).containsExactly("genre=Comedy");
        assertThat(e.reasons().get(0).contribution()).isCloseTo(0.5, within(1e-12));
        assertThat(e.summary()).isEqualTo("matches your interests: genre=Comedy");
        assertThat(m.canScore("newbie")).isTrue();
        // nothing stranger declared exists among the items: no profile, so not served
        assertThat(m.canScore("stranger")).isFalse();
        assertThat(m.canScore("nobody")).isFalse();
        assertThatThrownBy(() -> m.recommend("nobody", 3)).isInstanceOf(UnknownIdException.class);
    }

    @Test
    void knownUserBlendsItemsAndDeclaredFeatures() {
        // u: items give Drama (0,1,0); declared Comedy (1,0,0); weight 0.5: p = (0.5, 1, 0) / sqrt(1.25).
        // b = 1.5 / sqrt(2.5) = 0.9486832980505137, e = 1 / sqrt(1.25) = 0.8944271909999159,
        // c = 0.5 / sqrt(1.25) = 0.4472135954999579 (numpy); a is u's own item
        Recommender m = ContentBased.builder(features()).userFeatures(declared()).declaredWeight(0.5).build()
                .fit(data());
        List<Recommendation> top = m.recommend("u", 3);
        assertThat(top).extracting(Recommendation::item).containsExactly("b", "e", "c");
        assertThat(top.get(0).score()).isCloseTo(0.9486832980505137, within(1e-12));
        assertThat(top.get(1).score()).isCloseTo(0.8944271909999159, within(1e-12));
        assertThat(top.get(2).score()).isCloseTo(0.4472135954999579, within(1e-12));
        assertThat(m.explain("u", "b").summary()).isEqualTo("matches what you like: genre=Drama, genre=Comedy");
        assertThatThrownBy(() -> ContentBased.builder(features()).declaredWeight(-1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("declaredWeight");
    }

    @Test
    void userFeaturesThatMatchNoItemFeatureAreAConfigurationError() {
        UserFeatures wrongGroup = UserFeatures.builder().tag("x", "interest", "Drama").build();
        assertThatThrownBy(() -> ContentBased.builder(features()).userFeatures(wrongGroup).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("userFeatures").hasMessageContaining("interest=Drama")
                .hasMessageContaining("genre=Comedy");
    }

    @Test
    void aFewInteractionsUnseenAtTrainingAreFoldedIntoTheProfile() {
        // newcomer buys c and d: profile (1,0,1)/sqrt2; b scores 1/2, a and e 0; c, d are owned
        Recommender m = ContentBased.builder(features()).build().fit(data());
        Recommender folded = m.foldIn("newcomer", Map.of("c", 1.0, "d", 1.0));
        List<Recommendation> top = folded.recommend("newcomer", 1);
        assertThat(top).extracting(Recommendation::item).containsExactly("b");
        assertThat(top.get(0).score()).isCloseTo(0.5, within(1e-12));
        assertThat(folded.explain("newcomer", "b").summary()).isEqualTo("matches what you like: genre=Comedy");
        assertThat(m.canScore("newcomer")).isFalse();
    }

    @Test
    void declaredUsersRoundTripThroughTheModelFile() {
        Recommender m = ContentBased.builder(features()).userFeatures(declared()).declaredWeight(0.5).build()
                .fit(data());
        Path file = dir.resolve("declared.mercato");
        m.save(file);
        Recommender back = Recommender.load(file);
        assertThat(back.scores("newbie")).containsExactly(m.scores("newbie"));
        assertThat(back.scores("u")).containsExactly(m.scores("u"));
        assertThat(back.recommend("newbie", 3)).isEqualTo(m.recommend("newbie", 3));
        assertThat(back.explain("newbie", "d")).isEqualTo(m.explain("newbie", "d"));
        assertThat(back.canScore("stranger")).isFalse();
    }

    @Test
    void byNameReadsTheUserFeaturesFile() throws Exception {
        Path items = Files.writeString(dir.resolve("items.csv"), "item,genre\na,Drama\nb,Drama|Comedy\nc,Comedy\nd,Horror\ne,Drama\n");
        Path users = Files.writeString(dir.resolve("users.csv"), "user,genre\nnewbie,Comedy|Horror\n");
        Recommender m = io.mercato.recsys.Recommenders.byName("content", Map.of("features", items.toString(),
                "tags", "genre", "userFeatures", users.toString(), "userTags", "genre")).fit(data());
        assertThat(m.recommend("newbie", 3)).extracting(Recommendation::item).containsExactly("c", "d", "b");
    }
}
