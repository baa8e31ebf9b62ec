package io.mercato.core.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An incremental SHA-256 fingerprint of training data, stored in a model's {@link Provenance} so a
 * model can be traced to the exact data it was trained on. Values are fed in a fixed, unambiguous
 * encoding (strings are length-prefixed), so different sequences give different fingerprints.
 * Not thread-safe.
 */
public final class DataFingerprint {
    private final MessageDigest digest;
    private final byte[] scratch = new byte[Long.BYTES];

    private DataFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** @return a fresh fingerprint */
    public static DataFingerprint start() {
        return new DataFingerprint();
    }

    /** Feeds a string (null is encoded distinctly from the empty string). */
    public DataFingerprint add(String s) {
        if (s == null) {
            add(-1L);
            return this;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        add((long) b.length);
        digest.update(b);
        return this;
    }

    /** Feeds a long. */
    public DataFingerprint add(long v) {
        for (int i = 0; i < Long.BYTES; i++) {
            scratch[i] = (byte) (v >>> (56 - 8 * i));
        }
        digest.update(scratch);
        return this;
    }

    /** Feeds a double (by its bit pattern; all NaNs are the same). */
    public DataFingerprint add(double v) {
        return add(Double.doubleToLongBits(v));
    }

    /** @return the lower-case hex SHA-256 of everything fed so far; more may be fed afterwards */
    public String hex() {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest is not cloneable", e);
        }
    }
}
