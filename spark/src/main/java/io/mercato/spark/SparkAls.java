package io.mercato.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.data.IdIndex;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.mf.FactorModel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Trains alternating least squares with Spark MLlib on a DataFrame of {@code (user, item, strength)} and returns
 * an ordinary Mercato {@link FactorModel}: the same model file, explanations, business rules and fold-in of new
 * users as a model trained on one machine. Training scales out with the cluster; serving stays embedded.
 *
 * <p>Implicit mode (the default) is Hu–Koren–Volinsky ALS on strengths (confidence {@code 1 + α·v}); explicit mode
 * factorizes ratings without biases. Spark weights λ by each row's number of interactions (ALS-WR), and so do the
 * returned model's fold-in and explanations. Repeated {@code (user, item)} pairs are summed before training.
 * The ids may be strings or numbers; the factors are mapped back to them, so the model answers for the original ids.
 *
 * <p>The returned model holds the interactions (for excluding seen items and for explanations): they are
 * collected to the driver once, as the model file needs them.
 */
public final class SparkAls {

    private final int rank;
    private final int iterations;
    private final double regularization;
    private final double alpha;
    private final boolean implicit;
    private final long seed;
    private final int blocks;
    private final String userColumn;
    private final String itemColumn;
    private final String strengthColumn;

    private SparkAls(Builder b) {
        this.rank = b.rank;
        this.iterations = b.iterations;
        this.regularization = b.regularization;
        this.alpha = b.alpha;
        this.implicit = b.implicit;
        this.seed = b.seed;
        this.blocks = b.blocks;
        this.userColumn = b.userColumn;
        this.itemColumn = b.itemColumn;
        this.strengthColumn = b.strengthColumn;
    }

    /** Iterations Spark runs safely without a checkpoint directory to cut the lineage of its factor RDDs. */
    static final int ITERATIONS_WITHOUT_CHECKPOINTS = 10;

    /** Defaults: implicit, rank 64, 10 iterations, λ 0.1, α 1, seed 42, 10 blocks, columns user/item/strength. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings recorded in the model's provenance. */
    public Map<String, String> hyperParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("engine", "spark-mllib " + org.apache.spark.package$.MODULE$.SPARK_VERSION());
        p.put("rank", Integer.toString(rank));
        p.put("iterations", Integer.toString(iterations));
        p.put("regularization", Double.toString(regularization));
        p.put("regularizationPerInteraction", "true");
        if (implicit) {
            p.put("alpha", Double.toString(alpha));
        }
        p.put("blocks", Integer.toString(blocks));
        p.put("seed", Long.toString(seed));
        return p;
    }

    /**
     * Trains on {@code interactions} and converts the result.
     *
     * @throws DataException if a column is missing or not of a usable type, a value is null, or nothing is left
     */
    public FactorModel fit(Dataset<Row> interactions) {
        long start = System.nanoTime();
        if (iterations > ITERATIONS_WITHOUT_CHECKPOINTS
                && interactions.sparkSession().sparkContext().getCheckpointDir().isEmpty()) {
            throw ConfigurationException.invalid("iterations", iterations, "needs a checkpoint directory above "
                    + ITERATIONS_WITHOUT_CHECKPOINTS + " (SparkContext.setCheckpointDir), or Spark's lineage grows "
                    + "until task serialization overflows the stack");
        }
        Dataset<Row> data = normalized(interactions).cache();
        try {
            Interactions local = collect(data);
            if (local.size() == 0) {
                throw new DataException("no interactions to train on");
            }
            Dataset<Row> users = IdIndexes.of(data, "user");
            Dataset<Row> items = IdIndexes.of(data, "item");
            Dataset<Row> indexed = data.join(users, "user").join(items, "item")
                    .select(col("user_index"), col("item_index"), col("strength"));
            ALSModel model = new ALS().setRank(rank).setMaxIter(iterations).setRegParam(regularization)
                    .setAlpha(alpha).setImplicitPrefs(implicit).setSeed(seed).setNumBlocks(blocks)
                    .setUserCol("user_index").setItemCol("item_index").setRatingCol("strength")
                    .setCheckpointInterval(ITERATIONS_WITHOUT_CHECKPOINTS).setColdStartStrategy("drop").fit(indexed);
            float[] p = factors(model.userFactors(), users, "user", local.users(), local.userCount());
            float[] q = factors(model.itemFactors(), items, "item", local.items(), local.itemCount());
            ModelInfo info = ModelInfo.timed(implicit ? "implicit-als" : "als", hyperParameters(), start);
            return implicit
                    ? FactorModel.ofImplicitFactors(info, local, rank, p, q, regularization, true, alpha)
                    : FactorModel.ofRatingFactors(info, local, rank, p, q, regularization, true);
        } finally {
            data.unpersist();
        }
    }

    /** {@code (user string, item string, strength double)}, nulls rejected, repeated pairs summed. */
    private Dataset<Row> normalized(Dataset<Row> df) {
        for (String column : List.of(userColumn, itemColumn, strengthColumn)) {
            if (!Arrays.asList(df.columns()).contains(column)) {
                throw new DataException("the interactions have no column '" + column + "' (columns: "
                        + String.join(", ", df.columns()) + ")");
            }
        }
        StructField strength = df.schema().apply(strengthColumn);
        if (!(strength.dataType() instanceof org.apache.spark.sql.types.NumericType)) {
            throw new DataException("column '" + strengthColumn + "' must be numeric, not " + strength.dataType());
        }
        Dataset<Row> typed = df.select(col(userColumn).cast(DataTypes.StringType).as("user"),
                col(itemColumn).cast(DataTypes.StringType).as("item"),
                col(strengthColumn).cast(DataTypes.DoubleType).as("strength"));
        long nulls = typed.filter(col("user").isNull().or(col("item").isNull()).or(col("strength").isNull())).count();
        if (nulls > 0) {
            throw new DataException(nulls + " interaction rows have a null " + userColumn + ", " + itemColumn
                    + " or " + strengthColumn);
        }
        return typed.groupBy("user", "item").agg(sum("strength").as("strength"));
    }

    /** The interactions on the driver, as the model keeps them. */
    private static Interactions collect(Dataset<Row> data) {
        Interactions.Builder b = Interactions.builder().duplicatePolicy(Interactions.DuplicatePolicy.SUM);
        Iterator<Row> rows = data.orderBy("user", "item").toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            b.add(r.getString(0), r.getString(1), r.getDouble(2));
        }
        return b.build();
    }

    /** Spark's factors of one side, placed at the Mercato index of each original id (zeros for ids Spark dropped). */
    private float[] factors(Dataset<Row> sparkFactors, Dataset<Row> index, String side,
            IdIndex ids, int count) {
        float[] out = new float[count * rank];
        Iterator<Row> rows = sparkFactors.join(index, sparkFactors.col("id").equalTo(index.col(side + "_index")))
                .select(col(side), col("features")).toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            int at = ids.index(r.getString(0));
            List<Object> features = r.getList(1);
            for (int f = 0; f < rank; f++) {
                out[at * rank + f] = ((Number) features.get(f)).floatValue();
            }
        }
        return out;
    }

    /** Fluent settings of {@link SparkAls}, validated at {@link #build()}. */
    public static final class Builder {
        private int rank = 64;
        private int iterations = 10;
        private double regularization = 0.1;
        private double alpha = 1;
        private boolean implicit = true;
        private long seed = 42;
        private int blocks = 10;
        private String userColumn = "user";
        private String itemColumn = "item";
        private String strengthColumn = "strength";

        private Builder() {
        }

        /** Latent dimensions, at least 1. */
        public Builder rank(int rank) {
            this.rank = rank;
            return this;
        }

        /** ALS sweeps, at least 1; more than 10 need a checkpoint directory set on the SparkContext. */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** λ, at least 0 (multiplied by each row's interaction count, as Spark does). */
        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        /** Confidence slope α of implicit mode, at least 0. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Implicit feedback (strengths, top-N) when true; explicit ratings when false. */
        public Builder implicit(boolean implicit) {
            this.implicit = implicit;
            return this;
        }

        /** Seed of Spark's factor initialisation. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** User and item blocks Spark partitions the factors into, at least 1. */
        public Builder blocks(int blocks) {
            this.blocks = blocks;
            return this;
        }

        /** The names of the user, item and strength columns. */
        public Builder columns(String user, String item, String strength) {
            this.userColumn = Check.notNull("user column", user);
            this.itemColumn = Check.notNull("item column", item);
            this.strengthColumn = Check.notNull("strength column", strength);
            return this;
        }

        /**
         * The trainer.
         *
         * @throws ConfigurationException naming the first setting out of range
         */
        public SparkAls build() {
            Check.positive("rank", rank);
            Check.positive("iterations", iterations);
            Check.nonNegative("regularization", regularization);
            Check.nonNegative("alpha", alpha);
            Check.positive("blocks", blocks);
            return new SparkAls(this);
        }
    }
}
