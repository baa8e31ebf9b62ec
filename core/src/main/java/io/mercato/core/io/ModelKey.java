package io.mercato.core.io;

import io.mercato.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key for encrypting model files at rest, with the id that is recorded in the clear
 * header of every file it encrypts (so a file says which key it needs, never the key itself).
 *
 * <p>Keys come from an environment variable ({@link #fromEnvironment}: {@code id:base64} or just the
 * base64 of 32 random bytes, e.g. {@code head -c 32 /dev/urandom | base64}), from a Java keystore
 * ({@link #fromKeyStore}: a PKCS12 secret-key entry made with {@code keytool -genseckey -keyalg AES
 * -keysize 256}; the alias is the id) or from code ({@link #of}, {@link #generate}). An id is 1 to 64
 * characters of {@code [A-Za-z0-9._:-]}; without one, the id is {@code sha256-} and the first 8 hex
 * digits of the key's SHA-256 (a fingerprint that tells keys apart and reveals nothing usable).
 * {@link #toString()} shows the id only. Immutable and thread-safe.
 */
public final class ModelKey {
    /** Key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String ALLOWED_ENV = "base64 of 32 bytes, optionally prefixed by '<id>:' "
            + "(e.g. model-2026:$(head -c 32 /dev/urandom | base64))";

    private final String id;
    private final SecretKey key;

    private ModelKey(String id, byte[] key) {
        this.id = id;
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A key from raw bytes.
     *
     * @param id the key id recorded in encrypted files; null for the SHA-256 fingerprint
     * @param key exactly {@value #KEY_BYTES} bytes (copied)
     * @throws ConfigurationException on a bad id or key length
     */
    public static ModelKey of(String id, byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw ConfigurationException.invalid("model key length", key == null ? null : key.length + " bytes",
                    "must be " + KEY_BYTES + " bytes (AES-256)");
        }
        String kid = id == null ? fingerprint(key) : id;
        if (!ID.matcher(kid).matches()) {
            throw ConfigurationException.invalid("model key id", kid, "must be 1 to 64 characters of [A-Za-z0-9._:-]");
        }
        return new ModelKey(kid, key.clone());
    }

    /** A fresh random key from {@link SecureRandom}. */
    public static ModelKey generate(String id) {
        byte[] k = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return of(id, k);
    }

    /**
     * The key held by an environment variable as {@code id:base64} or {@code base64}.
     *
     * @throws ConfigurationException when the variable is unset or malformed (the message never
     *     contains its value)
     */
    public static ModelKey fromEnvironment(String variable) {
        return parse(variable, System.getenv(variable));
    }

    /**
     * Parses {@code id:base64} or {@code base64}, as held by an environment variable.
     *
     * @param source what holds the value, named in errors (e.g. the variable name)
     * @param value the value; null means unset
     */
    public static ModelKey parse(String source, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("model key: environment variable " + source + " is not set; "
                    + "it must hold the " + ALLOWED_ENV);
        }
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        String id = colon < 0 ? null : v.substring(0, colon);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(v.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("model key in " + source + " is not valid base64; it must be the " + ALLOWED_ENV);
        }
        if (key.length != KEY_BYTES) {
            throw new ConfigurationException("model key in " + source + " has " + key.length + " bytes; it must be the "
                    + ALLOWED_ENV);
        }
        try {
            return of(id, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The AES secret key stored under {@code alias} in a PKCS12 (or JKS/JCEKS) keystore; the alias
     * is the key id.
     *
     * @param keystore the keystore file
     * @param password the keystore password, also used for the entry
     * @param alias the entry's alias
     * @throws ConfigurationException when the keystore cannot be read, the password is wrong, or the
     *     alias holds no 256-bit AES key
     */
    public static ModelKey fromKeyStore(Path keystore, char[] password, String alias) {
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(keystore.toFile(), password); // detects the type and loads
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("model key: cannot read keystore " + keystore + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        try {
            Key k = ks.getKey(alias, password);
            if (!(k instanceof SecretKey secret) || !"AES".equalsIgnoreCase(secret.getAlgorithm())
                    || secret.getEncoded() == null || secret.getEncoded().length != KEY_BYTES) {
                throw new ConfigurationException("model key: keystore " + keystore + " has no 256-bit AES secret key "
                        + "with alias '" + alias + "' (make one with keytool -genseckey -alias " + alias
                        + " -keyalg AES -keysize 256 -storetype PKCS12 -keystore " + keystore + ")");
            }
            return of(alias, secret.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("model key: cannot read alias '" + alias + "' of keystore " + keystore
                    + ": " + e.getMessage());
        }
    }

    /** The id recorded in the clear header of files encrypted with this key. */
    public String id() {
        return id;
    }

    /** {@code id:base64}, the form {@link #parse} and {@link #fromEnvironment} read. Secret: handle with care. */
    public String encoded() {
        return id + ":" + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    SecretKey secretKey() {
        return key;
    }

    /**
     * A secret derived from this key for one {@code purpose} (HMAC-SHA256 of the purpose under the key), so
     * that one key from the environment can also serve, say, keyed hashing of ids without that use ever
     * touching the encryption key itself. Different purposes give unrelated secrets.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key);
            return "sha256-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The id only; never the key. */
    @Override
    public String toString() {
        return "ModelKey{id=" + id + "}";
    }
}
