package io.mercato.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryArraysTest {

    @Test
    void roundTripsEveryTypeIncludingArraysLargerThanOneChunk() throws IOException {
        Random rnd = new Random(1);
        float[] floats = new float[50_000];
        double[] doubles = new double[20_000];
        int[] ints = new int[70_000];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ints.length; i++) {
            ints[i] = rnd.nextInt();
        }
        doubles[0] = Double.NaN;
        floats[0] = Float.NEGATIVE_INFINITY;
        double[][] dm = {{1, 2, 3}, {4, 5, 6}};
        float[][] fm = {};
        String big = "x".repeat(100_000) + "中文";
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        BinaryArrays.writeFloats(out, floats);
        BinaryArrays.writeDoubles(out, doubles);
        BinaryArrays.writeInts(out, ints);
        BinaryArrays.writeDoubleMatrix(out, dm);
        BinaryArrays.writeFloatMatrix(out, fm);
        BinaryArrays.writeString(out, big);
        BinaryArrays.writeStrings(out, List.of("", "a", "ü"));
        BinaryArrays.writeInts(out, new int[0]);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bos.toByteArray()));
        assertThat(BinaryArrays.readFloats(in)).isEqualTo(floats);
        assertThat(BinaryArrays.readDoubles(in)).isEqualTo(doubles);
        assertThat(BinaryArrays.readInts(in)).isEqualTo(ints);
        assertThat(BinaryArrays.readDoubleMatrix(in)).isDeepEqualTo(dm);
        assertThat(BinaryArrays.readFloatMatrix(in)).isEmpty();
        assertThat(BinaryArrays.readString(in)).isEqualTo(big);
        assertThat(BinaryArrays.readStrings(in)).containsExactly("", "a", "ü");
        assertThat(BinaryArrays.readInts(in)).isEmpty();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void layoutIsBigEndianLengthPrefixed() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        BinaryArrays.writeInts(new DataOutputStream(bos), new int[] {1, -2});
        assertThat(bos.toByteArray()).containsExactly(0, 0, 0, 2, 0, 0, 0, 1, -1, -1, -1, -2);
    }

    @Test
    void corruptLengthsFailWithoutHugeAllocation() {
        byte[] negative = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE};
        assertThatThrownBy(() -> BinaryArrays.readFloats(new DataInputStream(new ByteArrayInputStream(negative))))
                .isInstanceOf(IOException.class).hasMessageContaining("negative float array length -2");
        byte[] huge = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 2, 3, 4};
        assertThatThrownBy(() -> BinaryArrays.readDoubles(new DataInputStream(new ByteArrayInputStream(huge))))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> BinaryArrays.readString(new DataInputStream(new ByteArrayInputStream(huge))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void raggedMatrixIsRejectedOnWrite() {
        assertThatThrownBy(() -> BinaryArrays.writeFloatMatrix(new DataOutputStream(new ByteArrayOutputStream()),
                new float[][] {{1, 2}, {3}})).hasMessageContaining("row 0 has 2 columns, row 1 has 1");
    }

    @Test
    void fingerprintMatchesSha256OfTheDocumentedEncoding() {
        // python3: hashlib.sha256(b'').hexdigest()
        assertThat(DataFingerprint.start().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // python3: hashlib.sha256(struct.pack('>q',3)+b'abc'+struct.pack('>q',42)+struct.pack('>d',1.5)).hexdigest()
        DataFingerprint fp = DataFingerprint.start().add("abc").add(42L).add(1.5);
        assertThat(fp.hex()).isEqualTo("0a514c680ff02b6174f3d1fc6290b43bed6c17fff1351dd433923c6b1c78c079");
        assertThat(fp.hex()).as("hex() does not consume the digest").isEqualTo(fp.hex());
        assertThat(DataFingerprint.start().add("ab").add("c").hex())
                .isNotEqualTo(DataFingerprint.start().add("a").add("bc").hex());
        assertThat(DataFingerprint.start().add((String) null).hex()).isNotEqualTo(DataFingerprint.start().add("").hex());
    }
}
