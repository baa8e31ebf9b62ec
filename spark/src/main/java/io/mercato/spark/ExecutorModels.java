package io.mercato.spark;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import io.mercato.core.DataException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A saved Mercato model shipped to the executors as a broadcast of its bytes, and loaded at most once per executor
 * JVM, shared by all the tasks that run there (the models are thread-safe). Models are keyed by a hash of their
 * content, so a model saved again under the same name is never confused with the old one.
 *
 * @param <T> the model type
 */
final class ExecutorModels<T> implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The models loaded in this JVM, by content hash; a few, as each may be large. */
    private static final Cache<String, Object> LOADED = CacheBuilder.newBuilder().maximumSize(4).build();

    private final Broadcast<byte[]> bytes;
    private final String hash;
    private final SerializableLoader<T> loader;

    /** Loads a model from a file, on an executor. */
    @FunctionalInterface
    interface SerializableLoader<T> extends Function<Path, T>, Serializable {
    }

    private ExecutorModels(Broadcast<byte[]> bytes, String hash, SerializableLoader<T> loader) {
        this.bytes = bytes;
        this.hash = hash;
        this.loader = loader;
    }

    /**
     * Broadcasts {@code modelFile}'s bytes to the cluster.
     *
     * @throws DataException if the file cannot be read
     */
    static <T> ExecutorModels<T> distribute(SparkSession spark, Path modelFile, SerializableLoader<T> loader) {
        byte[] content;
        try {
            content = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new DataException("cannot read model file " + modelFile + ": " + e.getMessage(), e);
        }
        String hash = Hashing.sha256().hashBytes(content).toString();
        return new ExecutorModels<>(JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(content), hash,
                loader);
    }

    /** The model, loaded from the broadcast bytes on first use in this JVM. */
    @SuppressWarnings("unchecked")
    T get() {
        try {
            return (T) LOADED.get(hash, this::load);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot load the broadcast model: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private T load() {
        try {
            Path file = Files.createTempFile("mercato-model-", ".mercato");
            try {
                Files.write(file, bytes.value());
                return loader.apply(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
