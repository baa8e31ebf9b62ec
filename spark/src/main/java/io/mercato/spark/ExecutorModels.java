package io.mercato.spark;

import io.mercato.core.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

/**
 * Ships a saved Mercato model to every executor once ({@code SparkContext.addFile}) and loads it at most once per
 * executor JVM, shared by all the tasks that run there (the models are thread-safe).
 */
final class ExecutorModels {

    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /**
     * Registers {@code modelFile} with the cluster and returns the name tasks pass to {@link #get}.
     *
     * @throws DataException if the file does not exist
     */
    static String distribute(SparkSession spark, Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new DataException("model file " + modelFile + " does not exist");
        }
        spark.sparkContext().addFile(modelFile.toAbsolutePath().toString());
        return modelFile.getFileName().toString();
    }

    /** The model distributed under {@code name}, loaded by {@code loader} on first use in this JVM. */
    @SuppressWarnings("unchecked")
    static <T> T get(String name, Function<Path, T> loader) {
        String local = SparkFiles.get(name);
        return (T) LOADED.computeIfAbsent(local, file -> loader.apply(Path.of(file)));
    }
}
