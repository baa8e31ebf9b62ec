package io.mercato.recsys;

import io.mercato.core.io.BinaryArrays;
import io.mercato.core.io.ModelFileWriter;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where a {@link Recommender} writes its state ({@link Recommender#writeTo(ModelWriter)}): named
 * entries of the one model file, under this writer's prefix, so that composite models (hybrids) can
 * nest their components. Entries written here are read back with the same names by {@link ModelReader}.
 */
public final class ModelWriter {

    /** Writes one binary entry. */
    @FunctionalInterface
    public interface Body {
        /** Writes the entry's content. */
        void write(DataOutputStream out) throws IOException;
    }

    private final ModelFileWriter file;
    private final String prefix;

    ModelWriter(ModelFileWriter file, String prefix) {
        this.file = file;
        this.prefix = prefix;
    }

    /** A JSON entry (Jackson), e.g. a small record of settings. */
    public void json(String name, Object value) {
        file.putJson(prefix + name, value);
    }

    /** A binary entry. */
    public void data(String name, Body body) {
        file.put(prefix + name, out -> body.write(out));
    }

    /** A float array. */
    public void floats(String name, float[] values) {
        data(name, out -> BinaryArrays.writeFloats(out, values));
    }

    /** A double array. */
    public void doubles(String name, double[] values) {
        data(name, out -> BinaryArrays.writeDoubles(out, values));
    }

    /** An int array. */
    public void ints(String name, int[] values) {
        data(name, out -> BinaryArrays.writeInts(out, values));
    }

    /** A float matrix (rows may differ in length). */
    public void floatMatrix(String name, float[][] values) {
        data(name, out -> BinaryArrays.writeFloatMatrix(out, values));
    }

    /** A nested model (its algorithm, training data and state) under {@code name}; read with {@link ModelReader#model}. */
    public void model(String name, Recommender model) {
        ModelFiles.write(model, new ModelWriter(file, prefix + name + "/"));
    }
}
