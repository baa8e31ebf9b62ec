package io.mercato.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.ModelFileException;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedModelFileTest {
    private static final byte[] KEY_BYTES = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY_BYTES[i] = (byte) (i * 7 + 3);
        }
    }

    private static final ModelKey KEY = ModelKey.of("test-key-1", KEY_BYTES);
    private static final List<String> SECRET_STRINGS =
            List.of("manifest.json", "labels.bin", "weights.bin", "vocabulary-term", "confidential-label", "中性",
                    "secret-kind");

    @TempDir
    Path dir;

    private Path write(String name, ModelKey key) {
        Path f = dir.resolve(name);
        try (ModelFileWriter w = ModelFileWriter.create(f, "secret-kind", 1,
                Provenance.now("fp", 3, 0.5, Map.of("lr", "0.1"), Map.of()), key)) {
            w.put("labels.bin", out -> BinaryArrays.writeStrings(out, List.of("confidential-label", "中性")));
            w.put("weights.bin", out -> BinaryArrays.writeStrings(out, List.of("vocabulary-term")));
            w.commit();
        }
        return f;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void roundTripsWithTheKeyAndHoldsNoPlaintext() throws Exception {
        Path f = write("enc.mercato", KEY);
        try (ModelFileReader r = ModelFileReader.open(f, "secret-kind", 1, KEY)) {
            assertThat(r.read("labels.bin", BinaryArrays::readStrings)).containsExactly("confidential-label", "中性");
            assertThat(r.manifest().provenance().hyperParameters()).containsEntry("lr", "0.1");
        }
        byte[] bytes = Files.readAllBytes(f);
        for (String s : SECRET_STRINGS) {
            assertThat(contains(bytes, s.getBytes(StandardCharsets.UTF_8))).as(s).isFalse();
        }
        // the key id is in the clear header, the key is not
        assertThat(contains(bytes, "test-key-1".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(contains(bytes, KEY_BYTES)).isFalse();
        // control: the same model in the clear shows its entry names (zip headers are not compressed)
        byte[] plain = Files.readAllBytes(write("plain.mercato", null));
        assertThat(contains(plain, "manifest.json".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(contains(plain, "labels.bin".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void layoutIsTheDocumentedAesGcmContainer() throws Exception {
        byte[] bytes = Files.readAllBytes(write("enc.mercato", KEY));
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo("MERCATO\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(bytes[8]).isEqualTo((byte) 1);
        int idLength = bytes[9];
        assertThat(new String(bytes, 10, idLength, StandardCharsets.US_ASCII)).isEqualTo("test-key-1");
        int headerLength = 10 + idLength + 12;
        // decrypt with plain javax.crypto, from the layout alone
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY_BYTES, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(bytes, 10 + idLength, headerLength)));
        c.updateAAD(bytes, 0, headerLength);
        byte[] zip = c.doFinal(bytes, headerLength, bytes.length - headerLength);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry first = in.getNextEntry();
            assertThat(first.getName()).isEqualTo("manifest.json");
        }
        // a fresh nonce for every file: two writes of the same model differ
        byte[] again = Files.readAllBytes(write("enc2.mercato", KEY));
        assertThat(Arrays.copyOfRange(again, 10 + idLength, headerLength))
                .isNotEqualTo(Arrays.copyOfRange(bytes, 10 + idLength, headerLength));
    }

    @Test
    void missingOrWrongKeysFailClearly() {
        Path f = write("enc.mercato", KEY);
        assertThatThrownBy(() -> ModelFileReader.open(f, "secret-kind", 1)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("is encrypted (key id 'test-key-1')");
        assertThatThrownBy(() -> ModelFileReader.open(f, "secret-kind", 1, ModelKey.generate("other")))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("encrypted with key 'test-key-1', but the key given is 'other'");
        assertThatThrownBy(() -> ModelFileReader.open(f, "secret-kind", 1, ModelKey.generate("test-key-1")))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("authentication failed");
        Path plain = write("plain.mercato", null);
        assertThatThrownBy(() -> ModelFileReader.open(plain, "secret-kind", 1, KEY))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("is not encrypted");
    }

    @Test
    void everyFlippedByteAndEveryTruncationFails() throws Exception {
        byte[] good = Files.readAllBytes(write("enc.mercato", KEY));
        Path t = dir.resolve("tampered.mercato");
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(t, bad);
            assertThatThrownBy(() -> ModelFileReader.open(t, "secret-kind", 1, KEY)).as("flip at %d", i)
                    .isInstanceOf(ModelFileException.class);
        }
        for (int len = 0; len < good.length; len++) {
            Files.write(t, Arrays.copyOf(good, len));
            assertThatThrownBy(() -> ModelFileReader.open(t, "secret-kind", 1, KEY)).as("length %d", len)
                    .isInstanceOf(ModelFileException.class);
        }
        Files.write(t, good);
        assertThat(ModelFileReader.open(t, "secret-kind", 1, KEY).names()).contains("labels.bin");
    }

    @Test
    void keysParseFromTheEnvironmentFormatWithoutEchoingSecrets() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(KEY_BYTES);
        assertThat(ModelKey.parse("VAR", "prod-2026:" + b64).id()).isEqualTo("prod-2026");
        String fingerprint = "sha256-"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY_BYTES)).substring(0, 8);
        assertThat(ModelKey.parse("VAR", b64).id()).isEqualTo(fingerprint);
        assertThat(ModelKey.parse("VAR", "prod-2026:" + b64).encoded()).isEqualTo("prod-2026:" + b64);
        assertThat(ModelKey.parse("VAR", b64).toString()).doesNotContain(b64);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> ModelKey.parse("VAR", shortKey)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("16 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> ModelKey.parse("VAR", "k:not*base64")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> ModelKey.parse("VAR", null)).hasMessageContaining("VAR is not set");
        assertThatThrownBy(() -> ModelKey.parse("VAR", "bad id!:" + b64)).hasMessageContaining("model key id");
        assertThatThrownBy(() -> ModelKey.fromEnvironment("MERCATO_TEST_SURELY_UNSET_VARIABLE"))
                .hasMessageContaining("MERCATO_TEST_SURELY_UNSET_VARIABLE is not set");
    }

    @Test
    void keysComeFromAPkcs12Keystore() throws Exception {
        char[] password = "store-pass".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setEntry("model-2026", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY_BYTES, "AES")),
                new KeyStore.PasswordProtection(password));
        Path store = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, password);
        }
        ModelKey fromStore = ModelKey.fromKeyStore(store, password, "model-2026");
        assertThat(fromStore.id()).isEqualTo("model-2026");
        Path f = write("enc.mercato", fromStore);
        // the same bytes given directly decrypt it: the keystore held exactly this key
        assertThat(ModelFileReader.open(f, "secret-kind", 1, ModelKey.of("model-2026", KEY_BYTES)).names())
                .contains("weights.bin");
        assertThatThrownBy(() -> ModelKey.fromKeyStore(store, "wrong".toCharArray(), "model-2026"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot read keystore");
        assertThatThrownBy(() -> ModelKey.fromKeyStore(store, password, "absent"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no 256-bit AES secret key");
    }
}
