package io.mercato.spark.example;

import io.mercato.recsys.Recommendation;
import io.mercato.recsys.mf.FactorModel;
import io.mercato.spark.SparkAls;
import io.mercato.spark.SparkTextScorer;
import io.mercato.spark.SparkTopN;
import io.mercato.text.LabeledText;
import io.mercato.text.ModelType;
import io.mercato.text.TextClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark path end to end: implicit ALS trained by Spark MLlib into a Mercato model, saved, served embedded (a
 * recommendation with its explanation), then top-5 for every user and a batch of texts scored on the cluster.
 *
 * <p>Arguments: {@code [interactions.csv [output-dir]]}; the CSV has a header and columns {@code user,item,strength}
 * (without one, generated shop data is used). Runs on a local cluster of one unless {@code spark-submit} gives a
 * master (see docs/architecture.md, "Scaling out").
 */
public final class SparkExample {

    private SparkExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) throws Exception {
        SparkSession.Builder builder = SparkSession.builder().appName("mercato-spark-example");
        if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]").config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Path out = Path.of(args.length > 1 ? args[1] : "target/spark-example");
        Files.createDirectories(out);
        try {
            Dataset<Row> interactions = args.length > 0
                    ? spark.read().option("header", "true").option("inferSchema", "true").csv(args[0])
                    : generated(spark);
            long start = System.nanoTime();
            FactorModel model = SparkAls.builder().rank(16).iterations(10).regularization(0.05).alpha(5).build()
                    .fit(interactions);
            System.out.printf("trained implicit ALS on Spark in %.1f s: %d users x %d items, %d interactions%n",
                    (System.nanoTime() - start) / 1e9, model.trainingData().userCount(),
                    model.trainingData().itemCount(), model.trainingData().size());
            Path modelFile = out.resolve("als.mercato");
            model.save(modelFile);
            String user = model.trainingData().users().id(0);
            for (Recommendation r : model.recommend(user, 3)) {
                System.out.printf("  %s -> %s (%.3f): %s%n", user, r.item(), r.score(),
                        model.explain(0, r.itemIndex()).summary());
            }
            Dataset<Row> topN = SparkTopN.forAllUsers(spark, modelFile, 5, spark.sparkContext().defaultParallelism());
            topN.write().mode("overwrite").option("header", "true").csv(out.resolve("top5").toString());
            System.out.println("top-5 for every user written to " + out.resolve("top5"));

            TextClassifier sentiment = TextClassifier.builder().modelType(ModelType.LINEAR).build().fit(reviews());
            Path textModel = out.resolve("sentiment.mercato");
            sentiment.save(textModel);
            List<Row> texts = List.of(RowFactory.create("r1", "fast delivery, love it"),
                    RowFactory.create("r2", "arrived broken, want a refund"),
                    RowFactory.create("r3", "excellent quality, would recommend"));
            StructType schema = new StructType().add("id", DataTypes.StringType).add("review", DataTypes.StringType);
            SparkTextScorer.score(spark.createDataFrame(texts, schema), "review", textModel).show(false);
        } finally {
            spark.stop();
        }
    }

    /** 2,000 shoppers in 8 taste groups, 12 purchases each, counts 1-3. */
    private static Dataset<Row> generated(SparkSession spark) {
        Random random = new Random(42);
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < 2000; u++) {
            int group = u % 8;
            for (int k = 0; k < 12; k++) {
                int item = random.nextInt(10) < 8 ? group * 25 + random.nextInt(25) : random.nextInt(200);
                rows.add(RowFactory.create("shopper" + u, "sku" + item, 1.0 + random.nextInt(3)));
            }
        }
        StructType schema = new StructType().add("user", DataTypes.StringType).add("item", DataTypes.StringType)
                .add("strength", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }

    private static List<LabeledText> reviews() {
        String[] good = {"love it", "excellent quality", "fast delivery", "would recommend", "great value"};
        String[] bad = {"arrived broken", "want a refund", "terrible quality", "very late", "never again"};
        List<LabeledText> out = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            out.add(new LabeledText(good[k % 5] + " " + good[(k + 2) % 5], List.of("positive")));
            out.add(new LabeledText(bad[k % 5] + " " + bad[(k + 3) % 5], List.of("negative")));
        }
        return out;
    }
}
