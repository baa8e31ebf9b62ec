package io.mercato.core.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Length-prefixed primitive arrays on {@link DataOutput}/{@link DataInput} (big-endian, as
 * {@code DataOutputStream}), the binary payload of model files. Each array is an {@code int} length
 * followed by the elements; matrices are a row count, a column count and the row-major elements.
 * Readers reject negative lengths and read large arrays in bounded chunks, so a corrupt length
 * fails with an {@link java.io.EOFException} instead of a huge allocation.
 */
public final class BinaryArrays {
    private static final int CHUNK_BYTES = 1 << 16;

    private BinaryArrays() {
    }

    /** Writes {@code a} with its length. */
    public static void writeFloats(DataOutput o, float[] a) throws IOException {
        o.writeInt(a.length);
        writeFloatBody(o, a);
    }

    /** Reads an array written by {@link #writeFloats}. */
    public static float[] readFloats(DataInput in) throws IOException {
        return readFloatBody(in, readLength(in, "float array"));
    }

    /** Writes {@code a} with its length. */
    public static void writeDoubles(DataOutput o, double[] a) throws IOException {
        o.writeInt(a.length);
        writeDoubleBody(o, a);
    }

    /** Reads an array written by {@link #writeDoubles}. */
    public static double[] readDoubles(DataInput in) throws IOException {
        return readDoubleBody(in, readLength(in, "double array"));
    }

    /** Writes {@code a} with its length. */
    public static void writeInts(DataOutput o, int[] a) throws IOException {
        o.writeInt(a.length);
        writeBody(o, a, a.length, Integer.BYTES, (bytes, array, from, count) -> bytes.asIntBuffer().put(array, from, count));
    }

    /** Reads an array written by {@link #writeInts}. */
    public static int[] readInts(DataInput in) throws IOException {
        return readBody(in, readLength(in, "int array"), Integer.BYTES, int[]::new,
                (bytes, array, from, count) -> bytes.asIntBuffer().get(array, from, count));
    }

    /** Writes a rectangular matrix: rows, columns, then the row-major elements. */
    public static void writeFloatMatrix(DataOutput o, float[][] m) throws IOException {
        writeMatrix(o, m, row -> row.length, row -> writeFloatBody(o, row));
    }

    /** Reads a matrix written by {@link #writeFloatMatrix}. */
    public static float[][] readFloatMatrix(DataInput in) throws IOException {
        return readMatrix(in, float[][]::new, cols -> readFloatBody(in, cols));
    }

    /** Writes a rectangular matrix: rows, columns, then the row-major elements. */
    public static void writeDoubleMatrix(DataOutput o, double[][] m) throws IOException {
        writeMatrix(o, m, row -> row.length, row -> writeDoubleBody(o, row));
    }

    /** Reads a matrix written by {@link #writeDoubleMatrix}. */
    public static double[][] readDoubleMatrix(DataInput in) throws IOException {
        return readMatrix(in, double[][]::new, cols -> readDoubleBody(in, cols));
    }

    /** Writes one string as a length-prefixed UTF-8 byte sequence (no 64 KiB limit, unlike writeUTF). */
    public static void writeString(DataOutput o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    /** Reads a string written by {@link #writeString}. */
    public static String readString(DataInput in) throws IOException {
        int n = readLength(in, "string");
        byte[] b = new byte[Math.min(n, CHUNK_BYTES)];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, CHUNK_BYTES);
            if (b.length < done + k) {
                b = Arrays.copyOf(b, grow(b.length, done + k, n));
            }
            in.readFully(b, done, k);
            done += k;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Writes a list of strings: the count, then each string. */
    public static void writeStrings(DataOutput o, List<String> strings) throws IOException {
        o.writeInt(strings.size());
        for (String s : strings) {
            writeString(o, s);
        }
    }

    /** Reads a list written by {@link #writeStrings}. */
    public static List<String> readStrings(DataInput in) throws IOException {
        int n = readLength(in, "string list");
        List<String> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            out.add(readString(in));
        }
        return out;
    }

    private static void writeFloatBody(DataOutput o, float[] a) throws IOException {
        writeBody(o, a, a.length, Float.BYTES, (bytes, array, from, count) -> bytes.asFloatBuffer().put(array, from, count));
    }

    private static float[] readFloatBody(DataInput in, int n) throws IOException {
        return readBody(in, n, Float.BYTES, float[]::new,
                (bytes, array, from, count) -> bytes.asFloatBuffer().get(array, from, count));
    }

    private static void writeDoubleBody(DataOutput o, double[] a) throws IOException {
        writeBody(o, a, a.length, Double.BYTES,
                (bytes, array, from, count) -> bytes.asDoubleBuffer().put(array, from, count));
    }

    private static double[] readDoubleBody(DataInput in, int n) throws IOException {
        return readBody(in, n, Double.BYTES, double[]::new,
                (bytes, array, from, count) -> bytes.asDoubleBuffer().get(array, from, count));
    }

    /**
     * Copies {@code count} elements between a primitive array (from index {@code from}) and the
     * start of a big-endian byte buffer, in one direction.
     */
    @FunctionalInterface
    private interface ChunkCopy<A> {
        void copy(ByteBuffer bytes, A array, int from, int count);
    }

    /** Writes the {@code n} elements of a primitive array (no length) in chunks of at most {@link #CHUNK_BYTES}. */
    private static <A> void writeBody(DataOutput o, A array, int n, int elementBytes, ChunkCopy<A> put)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
        int perChunk = CHUNK_BYTES / elementBytes;
        for (int done = 0; done < n; ) {
            int k = Math.min(n - done, perChunk);
            put.copy(buf, array, done, k);
            o.write(buf.array(), 0, k * elementBytes);
            done += k;
        }
    }

    /**
     * Reads {@code n} elements (no length) in chunks, growing the array only as data actually
     * arrives, so a corrupt {@code n} ends in an {@link java.io.EOFException}, not a huge allocation.
     */
    private static <A> A readBody(DataInput in, int n, int elementBytes, IntFunction<A> newArray, ChunkCopy<A> get)
            throws IOException {
        int perChunk = CHUNK_BYTES / elementBytes;
        int capacity = Math.min(n, perChunk);
        A out = newArray.apply(capacity);
        byte[] bytes = new byte[CHUNK_BYTES];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, perChunk);
            in.readFully(bytes, 0, k * elementBytes);
            if (capacity < done + k) {
                capacity = grow(capacity, done + k, n);
                A bigger = newArray.apply(capacity);
                System.arraycopy(out, 0, bigger, 0, done);
                out = bigger;
            }
            get.copy(ByteBuffer.wrap(bytes, 0, k * elementBytes), out, done, k);
            done += k;
        }
        return out;
    }

    /** Writes rows, columns, then each row with {@code writeRow}; rejects a ragged matrix. */
    private static <R> void writeMatrix(DataOutput o, R[] m, ToIntFunction<R> length, IoConsumer<R> writeRow)
            throws IOException {
        int cols = m.length == 0 ? 0 : length.applyAsInt(m[0]);
        o.writeInt(m.length);
        o.writeInt(cols);
        for (int r = 0; r < m.length; r++) {
            if (length.applyAsInt(m[r]) != cols) {
                throw new IllegalArgumentException("matrix is ragged: row 0 has " + cols + " columns, row " + r
                        + " has " + length.applyAsInt(m[r]));
            }
            writeRow.accept(m[r]);
        }
    }

    /** Reads a matrix written by {@link #writeMatrix}, reading each row of the given column count. */
    private static <R> R[] readMatrix(DataInput in, IntFunction<R[]> newMatrix, IoFunction<Integer, R> readRow)
            throws IOException {
        int rows = readLength(in, "matrix row count");
        int cols = readLength(in, "matrix column count");
        List<R> out = new ArrayList<>(Math.min(rows, 1 << 16));
        for (int r = 0; r < rows; r++) {
            out.add(readRow.apply(cols));
        }
        return out.toArray(newMatrix.apply(0));
    }

    /** Next capacity: doubling (bounded by the declared length) so a corrupt length costs little memory. */
    private static int grow(int current, int needed, int declared) {
        return (int) Math.min(declared, Math.max(2L * current, needed));
    }

    private static int readLength(DataInput in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt data: negative " + what + " length " + n);
        }
        return n;
    }
}
