package io.mercato.spark;

import com.google.common.collect.Iterators;
import io.mercato.core.DataException;
import io.mercato.text.Prediction;
import io.mercato.text.TextClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Batch-scores a DataFrame of texts with a saved {@link TextClassifier}: each executor JVM loads the model once,
 * and each partition is predicted in batches, as {@link TextClassifier#predictAll} is fastest. The result is the
 * input with two more columns, {@value #LABEL} (the most probable label) and {@value #PROBABILITY} (its
 * probability); both are null where the text is null.
 */
public final class SparkTextScorer {

    /** The added column holding the predicted label. */
    public static final String LABEL = "predicted_label";
    /** The added column holding the predicted label's probability. */
    public static final String PROBABILITY = "probability";

    private static final int BATCH = 512;

    private SparkTextScorer() {
    }

    /**
     * {@code texts} with {@value #LABEL} and {@value #PROBABILITY} added, predicted from column {@code textColumn}.
     * The model is loaded on the driver first, so that a bad file fails here with its reason.
     *
     * @throws DataException if the column is missing or not a string, or the output columns exist already
     * @throws io.mercato.core.ModelFileException if the model file is missing or not a text model
     */
    public static Dataset<Row> score(Dataset<Row> texts, String textColumn, Path modelFile) {
        List<String> columns = Arrays.asList(texts.columns());
        if (!columns.contains(textColumn)) {
            throw new DataException("the texts have no column '" + textColumn + "' (columns: "
                    + String.join(", ", columns) + ")");
        }
        if (!(texts.schema().apply(textColumn).dataType() instanceof StringType)) {
            throw new DataException("column '" + textColumn + "' must be a string, not "
                    + texts.schema().apply(textColumn).dataType());
        }
        for (String added : List.of(LABEL, PROBABILITY)) {
            if (columns.contains(added)) {
                throw new DataException("the texts already have a column '" + added + "'; rename it first");
            }
        }
        TextClassifier.load(modelFile);   // fail fast on the driver
        ExecutorModels<TextClassifier> shipped = ExecutorModels.distribute(texts.sparkSession(), modelFile,
                TextClassifier::load);
        int textIndex = columns.indexOf(textColumn);
        StructType schema = texts.schema().add(LABEL, DataTypes.StringType, true)
                .add(PROBABILITY, DataTypes.DoubleType, true);
        MapPartitionsFunction<Row, Row> predict = rows -> {
            TextClassifier model = shipped.get();
            return Iterators.concat(Iterators.transform(Iterators.partition(rows, BATCH),
                    batch -> scored(batch, model, textIndex).iterator()));
        };
        return texts.mapPartitions(predict, Encoders.row(schema));
    }

    /** The rows of {@code batch} with their predictions appended, the texts predicted in one call. */
    private static List<Row> scored(List<Row> batch, TextClassifier model, int textIndex) {
        List<String> texts = new ArrayList<>(batch.size());
        for (Row r : batch) {
            if (!r.isNullAt(textIndex)) {
                texts.add(r.getString(textIndex));
            }
        }
        Iterator<Prediction> predictions = texts.isEmpty() ? null : model.predictAll(texts).iterator();
        List<Row> out = new ArrayList<>(batch.size());
        for (Row r : batch) {
            Object[] values = new Object[r.size() + 2];
            for (int c = 0; c < r.size(); c++) {
                values[c] = r.get(c);
            }
            if (!r.isNullAt(textIndex)) {
                Prediction p = predictions.next();
                values[r.size()] = p.label();
                values[r.size() + 1] = p.probability();
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }
}
