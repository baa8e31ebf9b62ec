package io.mercato.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark of two cores for all test classes of the module (starting Spark costs seconds). */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mercato-spark-tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1").getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }
}
