package io.mercato.spark;

import io.mercato.core.DataException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Dense integer indexes of string ids, which Spark's ALS needs; computed on the cluster, in id order. */
final class IdIndexes {

    private IdIndexes() {
    }

    /**
     * {@code (side, side_index)} for every distinct value of column {@code side}: ids in sorted order get 0, 1, ...
     * (deterministic, so recomputing a partition gives the same numbers); cached, as training and the mapping back
     * both read it.
     */
    static Dataset<Row> of(Dataset<Row> data, String side) {
        JavaRDD<Row> indexed = data.select(side).distinct().orderBy(side).javaRDD().zipWithIndex().map(t -> {
            if (t._2() > Integer.MAX_VALUE) {
                throw new DataException("more than " + Integer.MAX_VALUE + " distinct " + side + " ids");
            }
            return RowFactory.create(t._1().getString(0), (int) (long) t._2());
        });
        StructType schema = new StructType().add(side, DataTypes.StringType, false)
                .add(side + "_index", DataTypes.IntegerType, false);
        return data.sparkSession().createDataFrame(indexed, schema).cache();
    }
}
