package io.mercato.spark;

import com.google.common.collect.Iterators;
import io.mercato.core.Check;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.IdIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top-N recommendations for every user of a saved Mercato recommender, computed on the cluster: each executor JVM
 * loads the model once and scores its share of the users in batches (one matrix product per batch for factor
 * models), with the model's usual rules (a user's own items are excluded). The result has one row per
 * recommendation: {@code user, rank (1 = best), item, score}, ready to be written anywhere Spark writes.
 */
public final class SparkTopN {

    /** The result's schema. */
    public static final StructType SCHEMA = new StructType().add("user", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false).add("item", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);

    private static final int BATCH = 256;

    private SparkTopN() {
    }

    /**
     * The {@code n} best items for every user the model knows, users spread over {@code partitions} tasks.
     *
     * @throws io.mercato.core.ConfigurationException if {@code n} or {@code partitions} is below 1
     * @throws io.mercato.core.ModelFileException if the model file is missing or not a recommender
     */
    public static Dataset<Row> forAllUsers(SparkSession spark, Path modelFile, int n, int partitions) {
        Check.positive("n", n);
        Check.positive("partitions", partitions);
        IdIndex users = Recommenders.load(modelFile).trainingData().users();   // fail fast on the driver
        List<String> ids = new ArrayList<>(users.size());
        for (int u = 0; u < users.size(); u++) {
            ids.add(users.id(u));
        }
        ExecutorModels<Recommender> shipped = ExecutorModels.distribute(spark, modelFile, Recommenders::load);
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, partitions)
                .mapPartitions(part -> {
                    Recommender model = shipped.get();
                    // one batch of users at a time: a partition's results are never all held at once
                    return Iterators.concat(Iterators.transform(Iterators.partition(part, BATCH),
                            batch -> rowsOf(model.recommendAll(batch, n)).iterator()));
                });
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** One row per recommendation, ranks counted from 1. */
    private static List<Row> rowsOf(Map<String, List<Recommendation>> lists) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, List<Recommendation>> e : lists.entrySet()) {
            int rank = 1;
            for (Recommendation r : e.getValue()) {
                out.add(RowFactory.create(e.getKey(), rank++, r.item(), r.score()));
            }
        }
        return out;
    }
}
