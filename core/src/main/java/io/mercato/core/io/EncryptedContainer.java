package io.mercato.core.io;

import io.mercato.core.ModelFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The encrypted model file: a clear header, then the whole model zip encrypted and authenticated
 * with AES-256-GCM.
 *
 * <pre>
 * offset  size  field
 * 0       8     magic "MERCATO\0"
 * 8       1     container version (1)
 * 9       1     key id length L (1..64)
 * 10      L     key id (ASCII)
 * 10+L    12    nonce (random, fresh for every file)
 * 22+L    ...   ciphertext of the zip, then the 16-byte GCM tag
 * </pre>
 *
 * The header is the GCM additional authenticated data, so changing any byte of the file (header,
 * ciphertext or tag) or cutting it short fails authentication; nothing is decrypted before the tag
 * is verified. One place for both text and recsys models: {@link ModelFileWriter} and
 * {@link ModelFileReader} call it.
 */
final class EncryptedContainer {
    static final byte[] MAGIC = {'M', 'E', 'R', 'C', 'A', 'T', 'O', 0};
    static final int VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the clear header says. */
    record Header(int version, String keyId, byte[] nonce, int length) {
    }

    private EncryptedContainer() {
    }

    /** True if {@code head} (the file's first bytes) starts with the magic. */
    static boolean isEncrypted(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * Writes the clear header to {@code out} and returns a stream that encrypts what is written to
     * it; closing that stream writes the tag and closes {@code out}.
     */
    static OutputStream encrypting(OutputStream out, ModelKey key) throws IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] header = header(key.id(), nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            out.write(header);
            return new CipherOutputStream(out, cipher);
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-256-GCM is not available: " + e, e);
        }
    }

    /**
     * The model zip held by an encrypted file, after verifying its tag.
     *
     * @param file named in errors
     * @param data the whole file
     * @param key the key to decrypt with; null gives an error naming the key the file needs
     */
    static byte[] decrypt(Path file, byte[] data, ModelKey key) {
        Header h = readHeader(file, data);
        if (key == null) {
            throw new ModelFileException(file, "is encrypted (key id '" + h.keyId()
                    + "'); load it with that key (CLI: --key-env VAR)");
        }
        if (!key.id().equals(h.keyId())) {
            throw new ModelFileException(file, "is encrypted with key '" + h.keyId() + "', but the key given is '"
                    + key.id() + "'");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, h.nonce()));
            cipher.updateAAD(data, 0, h.length());
            return cipher.doFinal(data, h.length(), data.length - h.length());
        } catch (AEADBadTagException e) {
            throw new ModelFileException(file, "cannot be decrypted with key '" + key.id()
                    + "': authentication failed (a different key with the same id, or the file was altered or truncated)");
        } catch (GeneralSecurityException e) {
            throw new ModelFileException(file, "cannot be decrypted: " + e.getMessage(), e);
        }
    }

    /** Parses and checks the clear header. */
    static Header readHeader(Path file, byte[] data) {
        int fixed = MAGIC.length + 2;
        if (data.length < fixed) {
            throw new ModelFileException(file, "truncated encrypted model file: " + data.length + " bytes");
        }
        int version = data[MAGIC.length] & 0xff;
        if (version != VERSION) {
            throw new ModelFileException(file, "encrypted model file container version " + version
                    + " is not one this Mercato reads (" + VERSION + ")");
        }
        int idLength = data[MAGIC.length + 1] & 0xff;
        int length = fixed + idLength + NONCE_BYTES;
        if (idLength == 0 || idLength > 64) {
            throw new ModelFileException(file, "corrupt encrypted model file: key id length " + idLength);
        }
        if (data.length < length + TAG_BITS / 8) {
            throw new ModelFileException(file, "truncated encrypted model file: " + data.length + " bytes");
        }
        String keyId = new String(data, fixed, idLength, StandardCharsets.US_ASCII);
        byte[] nonce = Arrays.copyOfRange(data, fixed + idLength, length);
        return new Header(version, keyId, nonce, length);
    }

    private static byte[] header(String keyId, byte[] nonce) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MAGIC);
        b.write(VERSION);
        b.write(id.length);
        b.writeBytes(id);
        b.writeBytes(nonce);
        return b.toByteArray();
    }
}
