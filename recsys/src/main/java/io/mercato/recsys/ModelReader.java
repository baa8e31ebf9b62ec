package io.mercato.recsys;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.BinaryArrays;
import io.mercato.core.io.ModelFileReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the entries a model wrote with {@link ModelWriter}. Every failure (missing entry, short or
 * inconsistent data) is a {@link ModelFileException} naming the file and the entry.
 */
public final class ModelReader {

    /** Reads one binary entry. */
    @FunctionalInterface
    public interface Parser<T> {
        /** Parses the entry's content. */
        T read(DataInputStream in) throws IOException;
    }

    private final ModelFileReader file;
    private final Path path;
    private final String prefix;

    ModelReader(ModelFileReader file, Path path, String prefix) {
        this.file = file;
        this.path = path;
        this.prefix = prefix;
    }

    /** The model file being read (for error messages). */
    public Path path() {
        return path;
    }

    /** Whether the entry exists. */
    public boolean has(String name) {
        return file.has(prefix + name);
    }

    /** A JSON entry. */
    public <T> T json(String name, Class<T> type) {
        require(name);
        return file.json(prefix + name, type);
    }

    /** A binary entry, parsed by {@code parser}. */
    public <T> T data(String name, Parser<T> parser) {
        require(name);
        try (DataInputStream in = file.data(prefix + name)) {
            return parser.read(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException(path, "entry '" + prefix + name + "' is unreadable: " + e, e);
        }
    }

    /** A float array. */
    public float[] floats(String name) {
        return data(name, BinaryArrays::readFloats);
    }

    /** A double array. */
    public double[] doubles(String name) {
        return data(name, BinaryArrays::readDoubles);
    }

    /** An int array. */
    public int[] ints(String name) {
        return data(name, BinaryArrays::readInts);
    }

    /** A float matrix. */
    public float[][] floatMatrix(String name) {
        return data(name, BinaryArrays::readFloatMatrix);
    }

    /** A nested model written by {@link ModelWriter#model}. */
    public Recommender model(String name) {
        return ModelFiles.read(new ModelReader(file, path, prefix + name + "/"));
    }

    /** A {@link ModelFileException} about this file, for inconsistent content found by a model's reader. */
    public ModelFileException corrupt(String reason) {
        return new ModelFileException(path, reason);
    }

    private void require(String name) {
        if (!file.has(prefix + name)) {
            throw new ModelFileException(path, "missing entry '" + prefix + name + "'");
        }
    }
}
