package io.mercato.core.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
        for (int v : a) {
            if (buf.remaining() < Integer.BYTES) {
                o.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putInt(v);
        }
        o.write(buf.array(), 0, buf.position());
    }

    /** Reads an array written by {@link #writeInts}. */
    public static int[] readInts(DataInput in) throws IOException {
        int n = readLength(in, "int array");
        int[] out = new int[Math.min(n, CHUNK_BYTES / Integer.BYTES)];
        byte[] bytes = new byte[CHUNK_BYTES];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, CHUNK_BYTES / Integer.BYTES);
            in.readFully(bytes, 0, k * Integer.BYTES);
            if (out.length < done + k) {
                out = Arrays.copyOf(out, grow(out.length, done + k, n));
            }
            ByteBuffer.wrap(bytes, 0, k * Integer.BYTES).asIntBuffer().get(out, done, k);
            done += k;
        }
        return out;
    }

    /** Writes a rectangular matrix: rows, columns, then the row-major elements. */
    public static void writeFloatMatrix(DataOutput o, float[][] m) throws IOException {
        int cols = m.length == 0 ? 0 : m[0].length;
        o.writeInt(m.length);
        o.writeInt(cols);
        for (int r = 0; r < m.length; r++) {
            if (m[r].length != cols) {
                throw new IllegalArgumentException("matrix is ragged: row 0 has " + cols + " columns, row " + r
                        + " has " + m[r].length);
            }
            writeFloatBody(o, m[r]);
        }
    }

    /** Reads a matrix written by {@link #writeFloatMatrix}. */
    public static float[][] readFloatMatrix(DataInput in) throws IOException {
        int rows = readLength(in, "matrix row count");
        int cols = readLength(in, "matrix column count");
        List<float[]> out = new ArrayList<>(Math.min(rows, 1 << 16));
        for (int r = 0; r < rows; r++) {
            out.add(readFloatBody(in, cols));
        }
        return out.toArray(new float[0][]);
    }

    /** Writes a rectangular matrix: rows, columns, then the row-major elements. */
    public static void writeDoubleMatrix(DataOutput o, double[][] m) throws IOException {
        int cols = m.length == 0 ? 0 : m[0].length;
        o.writeInt(m.length);
        o.writeInt(cols);
        for (int r = 0; r < m.length; r++) {
            if (m[r].length != cols) {
                throw new IllegalArgumentException("matrix is ragged: row 0 has " + cols + " columns, row " + r
                        + " has " + m[r].length);
            }
            writeDoubleBody(o, m[r]);
        }
    }

    /** Reads a matrix written by {@link #writeDoubleMatrix}. */
    public static double[][] readDoubleMatrix(DataInput in) throws IOException {
        int rows = readLength(in, "matrix row count");
        int cols = readLength(in, "matrix column count");
        List<double[]> out = new ArrayList<>(Math.min(rows, 1 << 16));
        for (int r = 0; r < rows; r++) {
            out.add(readDoubleBody(in, cols));
        }
        return out.toArray(new double[0][]);
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
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
        for (float v : a) {
            if (buf.remaining() < Float.BYTES) {
                o.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        o.write(buf.array(), 0, buf.position());
    }

    private static float[] readFloatBody(DataInput in, int n) throws IOException {
        float[] out = new float[Math.min(n, CHUNK_BYTES / Float.BYTES)];
        byte[] bytes = new byte[CHUNK_BYTES];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, CHUNK_BYTES / Float.BYTES);
            in.readFully(bytes, 0, k * Float.BYTES);
            if (out.length < done + k) {
                out = Arrays.copyOf(out, grow(out.length, done + k, n));
            }
            ByteBuffer.wrap(bytes, 0, k * Float.BYTES).asFloatBuffer().get(out, done, k);
            done += k;
        }
        return out;
    }

    private static void writeDoubleBody(DataOutput o, double[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
        for (double v : a) {
            if (buf.remaining() < Double.BYTES) {
                o.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putDouble(v);
        }
        o.write(buf.array(), 0, buf.position());
    }

    private static double[] readDoubleBody(DataInput in, int n) throws IOException {
        double[] out = new double[Math.min(n, CHUNK_BYTES / Double.BYTES)];
        byte[] bytes = new byte[CHUNK_BYTES];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, CHUNK_BYTES / Double.BYTES);
            in.readFully(bytes, 0, k * Double.BYTES);
            if (out.length < done + k) {
                out = Arrays.copyOf(out, grow(out.length, done + k, n));
            }
            ByteBuffer.wrap(bytes, 0, k * Double.BYTES).asDoubleBuffer().get(out, done, k);
            done += k;
        }
        return out;
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
