package io.mercato.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.mf.FactorModel;
import io.mercato.recsys.mf.ImplicitAlsTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkAlsTest {

    private static final StructType SCHEMA = new StructType().add("customer", DataTypes.StringType)
            .add("product", DataTypes.StringType).add("clicks", DataTypes.DoubleType);

    /**
     * Three taste groups of 12 customers over 3 x 8 products: each customer clicked 6 of their group's products
     * (a different 6 each), never another group's.
     */
    private static List<Row> blockData() {
        List<Row> rows = new ArrayList<>();
        Random random = new Random(7);
        for (int u = 0; u < 36; u++) {
            int group = u % 3;
            List<Integer> own = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            java.util.Collections.shuffle(own, random);
            for (int k = 0; k < 6; k++) {
                rows.add(RowFactory.create("c" + u, "p" + group + "-" + own.get(k), 1.0 + random.nextInt(3)));
            }
        }
        return rows;
    }

    private static Dataset<Row> frame(List<Row> rows) {
        return LocalSpark.get().createDataFrame(rows, SCHEMA);
    }

    private static FactorModel implicitModel;

    /** The implicit model of {@link #blockData}, trained once for the tests that only read it. */
    private static synchronized FactorModel implicitModel() {
        if (implicitModel == null) {
            implicitModel = implicitAls().fit(frame(blockData()));
        }
        return implicitModel;
    }

    private static SparkAls implicitAls() {
        return SparkAls.builder().rank(3).iterations(10).regularization(0.05).alpha(5).blocks(2).seed(3)
                .columns("customer", "product", "clicks").build();
    }

    @Test
    void implicitModelRecommendsTheUnseenItemsOfTheCustomersGroupAsTheLocalTrainerDoes() {
        List<Row> rows = blockData();
        FactorModel spark = implicitModel();
        Interactions.Builder b = Interactions.builder().duplicatePolicy(Interactions.DuplicatePolicy.SUM);
        rows.forEach(r -> b.add(r.getString(0), r.getString(1), r.getDouble(2)));
        Interactions data = b.build();
        FactorModel local = ImplicitAlsTrainer.builder().rank(3).iterations(10).regularization(0.3).alpha(5).seed(3)
                .build().fit(data);
        assertThat(spark.trainingData().size()).isEqualTo(rows.size());
        for (int u = 0; u < 36; u++) {
            String user = "c" + u;
            Set<String> unseen = new HashSet<>();
            for (int k = 0; k < 8; k++) {
                unseen.add("p" + (u % 3) + "-" + k);
            }
            for (int i : data.userItems(data.users().index(user))) {
                unseen.remove(data.items().id(i));
            }
            assertThat(items(spark.recommend(user, 2))).as(user).isEqualTo(unseen);
            assertThat(items(local.recommend(user, 2))).as(user).isEqualTo(unseen);
        }
    }

    @Test
    void foldingInATrainingCustomerAgainReproducesSparksOwnSolutionForThem() {
        List<Row> rows = blockData();
        FactorModel model = implicitModel();
        Interactions.Builder again = Interactions.builder();
        rows.stream().filter(r -> r.getString(0).equals("c4"))
                .forEach(r -> again.add("c4-again", r.getString(1), r.getDouble(2)));
        Recommender updated = model.update(again.build());
        double[] original = updated.scores("c4");
        double[] refolded = updated.scores("c4-again");
        for (int i = 0; i < original.length; i++) {
            assertThat(refolded[i]).as("item %d", i).isCloseTo(original[i], org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void explicitModelReproducesRatingsOfAKnownRankTwoMatrix() {
        Random random = new Random(11);
        double[][] p = new double[20][2];
        double[][] q = new double[15][2];
        for (double[] row : p) {
            row[0] = 1 + random.nextDouble();
            row[1] = random.nextDouble();
        }
        for (double[] row : q) {
            row[0] = 1 + random.nextDouble();
            row[1] = random.nextDouble();
        }
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            for (int i = 0; i < 15; i++) {
                if ((u + i) % 4 != 0) {   // a quarter held out
                    rows.add(RowFactory.create("u" + u, "i" + i, p[u][0] * q[i][0] + p[u][1] * q[i][1]));
                }
            }
        }
        FactorModel model = SparkAls.builder().implicit(false).rank(2).iterations(10).regularization(1e-4).blocks(2)
                .columns("customer", "product", "clicks").build().fit(frame(rows));
        assertThat(model.predictsRatings()).isTrue();
        // Spark solved the users last, given the items: folding a user in again must find the same factor
        Interactions.Builder again = Interactions.builder();
        rows.stream().filter(r -> r.getString(0).equals("u3"))
                .forEach(r -> again.add("u3-again", r.getString(1), r.getDouble(2)));
        Recommender updated = model.update(again.build());
        int u3 = updated.trainingData().users().index("u3");
        int copy = updated.trainingData().users().index("u3-again");
        for (int i = 0; i < 15; i++) {
            assertThat(updated.predict(copy, i)).as("item %d", i)
                    .isCloseTo(updated.predict(u3, i), org.assertj.core.data.Offset.offset(1e-3));
        }
        for (int u = 0; u < 20; u++) {
            for (int i = 0; i < 15; i++) {
                double truth = p[u][0] * q[i][0] + p[u][1] * q[i][1];
                int user = model.trainingData().users().index("u" + u);
                int item = model.trainingData().items().index("i" + i);
                assertThat(model.predict(user, item)).as("u%d i%d", u, i)
                        .isCloseTo(truth, org.assertj.core.data.Offset.offset(0.02));
            }
        }
    }

    @Test
    void savedModelLoadsWithTheSameScoresAndProvenance(@TempDir Path dir) {
        FactorModel model = implicitModel();
        Path file = dir.resolve("spark-als.mercato");
        model.save(file);
        Recommender loaded = Recommenders.load(file);
        assertThat(loaded.scores("c5")).containsExactly(model.scores("c5"));
        assertThat(loaded.info().hyperParameters()).containsEntry("engine", "spark-mllib "
                + org.apache.spark.package$.MODULE$.SPARK_VERSION()).containsEntry("rank", "3");
        assertThat(loaded.explain(loaded.trainingData().users().index("c5"), 0).toString()).isNotBlank();
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> SparkAls.builder().columns("user", "product", "clicks").build()
                .fit(frame(blockData())))
                .isInstanceOf(DataException.class).hasMessageContaining("no column 'user'")
                .hasMessageContaining("customer, product, clicks");
        List<Row> withNull = new ArrayList<>(blockData());
        withNull.add(RowFactory.create("c1", null, 1.0));
        assertThatThrownBy(() -> implicitAls().fit(frame(withNull)))
                .isInstanceOf(DataException.class).hasMessageContaining("1 interaction rows have a null");
        assertThatThrownBy(() -> SparkAls.builder().iterations(11).build().fit(frame(blockData())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("checkpoint directory");
        assertThatThrownBy(() -> SparkAls.builder().rank(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("rank");
    }

    private static Set<String> items(List<Recommendation> recs) {
        Set<String> out = new HashSet<>();
        recs.forEach(r -> out.add(r.item()));
        return out;
    }
}
