package io.mercato.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.DataException;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster scoring gives exactly what the same saved model gives locally. */
class SparkScoringTest {

    @Test
    void textsScoredOnTheClusterGetTheLocalModelsPredictions(@TempDir Path dir) {
        List<LabeledText> train = new ArrayList<>();
        String[] good = {"great", "love", "excellent", "fast delivery", "recommend"};
        String[] bad = {"broken", "refund", "terrible", "late", "never again"};
        Random random = new Random(5);
        for (int k = 0; k < 60; k++) {
            train.add(new LabeledText("it was " + good[random.nextInt(5)] + " really", List.of("pos")));
            train.add(new LabeledText("it was " + bad[random.nextInt(5)] + " really", List.of("neg")));
        }
        TextClassifier local = TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(train);
        Path file = dir.resolve("sentiment.mercato");
        local.save(file);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < 700; k++) {   // more than one batch of 512
            String text = k % 100 == 7 ? null
                    : (k % 2 == 0 ? good[k % 5] : bad[k % 5]) + " and " + (k % 3 == 0 ? "great" : "late") + " " + k;
            rows.add(RowFactory.create((long) k, text));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("review", DataTypes.StringType);
        Dataset<Row> texts = LocalSpark.get().createDataFrame(rows, schema).repartition(3);

        List<Row> scored = SparkTextScorer.score(texts, "review", file).collectAsList();

        assertThat(scored).hasSize(700);
        for (Row r : scored) {
            assertThat(r.schema().fieldNames()).containsExactly("id", "review", "predicted_label", "probability");
            if (r.isNullAt(1)) {
                assertThat(r.isNullAt(2) && r.isNullAt(3)).isTrue();
                continue;
            }
            Prediction expected = local.predict(r.getString(1));
            assertThat(r.getString(2)).as(r.getString(1)).isEqualTo(expected.label());
            assertThat(r.getDouble(3)).isEqualTo(expected.probability());
        }
        assertThatThrownBy(() -> SparkTextScorer.score(texts, "text", file))
                .isInstanceOf(DataException.class).hasMessageContaining("no column 'text'")
                .hasMessageContaining("id, review");
        assertThatThrownBy(() -> SparkTextScorer.score(texts, "review", dir.resolve("missing.mercato")))
                .isInstanceOf(io.mercato.core.ModelFileException.class).hasMessageContaining("missing.mercato");
    }

    @Test
    void topNForAllUsersOnTheClusterEqualsTheLocalRecommendations(@TempDir Path dir) {
        Interactions.Builder b = Interactions.builder();
        Random random = new Random(9);
        for (int u = 0; u < 300; u++) {
            for (int k = 0; k < 8; k++) {
                b.add("user" + u, "item" + ((u % 5) * 10 + random.nextInt(12)), 1);
            }
        }
        Recommender local = Recommenders.byName("implicit-als", Map.of("rank", "8", "iterations", "5"))
                .fit(b.build());
        Path file = dir.resolve("als.mercato");
        local.save(file);

        List<Row> rows = SparkTopN.forAllUsers(LocalSpark.get(), file, 5, 3).collectAsList();

        Map<String, List<Row>> byUser = new HashMap<>();
        for (Row r : rows) {
            byUser.computeIfAbsent(r.getString(0), x -> new ArrayList<>()).add(r);
        }
        assertThat(byUser).hasSize(300);
        for (Map.Entry<String, List<Row>> e : byUser.entrySet()) {
            List<Recommendation> expected = local.recommend(e.getKey(), 5);
            List<Row> got = new ArrayList<>(e.getValue());
            got.sort(java.util.Comparator.comparingInt(r -> r.getInt(1)));
            assertThat(got).hasSize(expected.size());
            for (int k = 0; k < got.size(); k++) {
                assertThat(got.get(k).getInt(1)).isEqualTo(k + 1);
                assertThat(got.get(k).getString(2)).as(e.getKey() + " rank " + (k + 1)).isEqualTo(expected.get(k).item());
                assertThat(got.get(k).getDouble(3)).isCloseTo(expected.get(k).score(),
                        org.assertj.core.data.Offset.offset(1e-6));   // batched float scoring vs one user's
            }
        }
    }
}
