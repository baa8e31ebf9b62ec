package io.mercato.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ModelFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    /** A JSON-serializable config as a model would store. */
    public record Config(String name, int layers, double rate) {
    }

    private static final Provenance PROV = new Provenance("0.1.0-test", Instant.parse("2026-01-02T03:04:05Z"),
            "abc123", 1000, 2.5, Map.of("lr", "0.1", "epochs", "5"), Map.of("accuracy", 0.9, "auc", Double.NaN));

    private Path writeModel(String kind, int version) {
        Path f = dir.resolve("model.mercato");
        try (ModelFileWriter w = ModelFileWriter.create(f, kind, version, PROV)) {
            w.putBytes("raw.bin", new byte[] {1, 2, 3});
            w.putJson("config.json", new Config("mlp", 2, 0.01));
            w.put("weights.bin", out -> {
                BinaryArrays.writeFloatMatrix(out, new float[][] {{1f, 2f}, {3f, 4f}});
                BinaryArrays.writeStrings(out, List.of("pos", "neg", "中性"));
            });
            w.commit();
        }
        return f;
    }

    @Test
    void roundTripsManifestAndEntries() {
        Path f = writeModel("text-classifier", 2);
        try (ModelFileReader r = ModelFileReader.open(f, "text-classifier", 2)) {
            Manifest m = r.manifest();
            assertThat(m.formatVersion()).isEqualTo(ModelFileWriter.FORMAT_VERSION);
            assertThat(m.kind()).isEqualTo("text-classifier");
            assertThat(m.kindVersion()).isEqualTo(2);
            assertThat(m.provenance().libraryVersion()).isEqualTo("0.1.0-test");
            assertThat(m.provenance().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
            assertThat(m.provenance().dataFingerprint()).isEqualTo("abc123");
            assertThat(m.provenance().trainingExamples()).isEqualTo(1000);
            assertThat(m.provenance().trainingSeconds()).isEqualTo(2.5);
            assertThat(m.provenance().hyperParameters()).containsExactly(Map.entry("epochs", "5"), Map.entry("lr", "0.1"));
            assertThat(m.provenance().metrics().get("accuracy")).isEqualTo(0.9);
            assertThat(m.provenance().metrics().get("auc")).isNaN();
            assertThat(r.names()).containsExactly("raw.bin", "config.json", "weights.bin");
            assertThat(r.has("raw.bin")).isTrue();
            assertThat(r.bytes("raw.bin")).containsExactly(1, 2, 3);
            assertThat(r.json("config.json", Config.class)).isEqualTo(new Config("mlp", 2, 0.01));
            float[][] w = r.read("weights.bin", BinaryArrays::readFloatMatrix);
            assertThat(w).isDeepEqualTo(new float[][] {{1f, 2f}, {3f, 4f}});
            List<String> labels = r.read("weights.bin", in -> {
                BinaryArrays.readFloatMatrix(in);
                return BinaryArrays.readStrings(in);
            });
            assertThat(labels).containsExactly("pos", "neg", "中性");
        }
        assertThat(listDir()).containsExactly("model.mercato");
    }

    @Test
    void onDiskLayoutIsAZipWithManifestFirst() throws IOException {
        Path f = writeModel("text-classifier", 1);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName))
                    .containsExactly("manifest.json", "raw.bin", "config.json", "weights.bin");
            String json = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
            com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            assertThat(m.get("format").asText()).isEqualTo("mercato-model");
            assertThat(m.get("formatVersion").asInt()).isEqualTo(1);
            assertThat(m.get("kind").asText()).isEqualTo("text-classifier");
            assertThat(m.at("/provenance/createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        }
    }

    @Test
    void provenanceNowCarriesTheLibraryVersionAndCopiesMaps() {
        Map<String, String> hp = new java.util.HashMap<>(Map.of("lr", "0.1"));
        Provenance p = Provenance.now("fp", 10, 1.0, hp, null);
        hp.put("lr", "changed");
        assertThat(p.hyperParameters()).containsEntry("lr", "0.1");
        assertThat(p.metrics()).isEmpty();
        // filtered from the Maven project version into version.properties
        assertThat(Provenance.LIBRARY_VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(p.libraryVersion()).isEqualTo(Provenance.LIBRARY_VERSION);
        assertThatThrownBy(() -> Provenance.now("fp", -1, 0, null, null)).hasMessageContaining("trainingExamples");
    }

    @Test
    void closeWithoutCommitLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path f = dir.resolve("model.mercato");
        Files.writeString(f, "previous");
        try (ModelFileWriter w = ModelFileWriter.create(f, "k", 1, PROV)) {
            w.putBytes("a", new byte[10]);
            assertThat(listDir()).hasSize(2); // the target plus a temporary file in the same folder
        }
        assertThat(Files.readString(f)).isEqualTo("previous");
        assertThat(listDir()).containsExactly("model.mercato");
    }

    @Test
    void failingEntryWriterAbandonsTheFile() {
        Path f = dir.resolve("m.mercato");
        assertThatThrownBy(() -> {
            try (ModelFileWriter w = ModelFileWriter.create(f, "k", 1, PROV)) {
                w.put("x", out -> {
                    throw new IOException("disk full");
                });
                w.commit();
            }
        }).isInstanceOf(ModelFileException.class).hasMessageContaining("cannot write entry 'x'").hasMessageContaining("disk full");
        assertThat(listDir()).isEmpty();
    }

    @Test
    void commitReplacesExistingFile() {
        writeModel("k", 1);
        writeModel("k", 3);
        assertThat(ModelFileReader.open(dir.resolve("model.mercato"), "k", 3).manifest().kindVersion()).isEqualTo(3);
    }

    @Test
    void writerValidatesNamesAndState() {
        Path f = dir.resolve("m.mercato");
        try (ModelFileWriter w = ModelFileWriter.create(f, "k", 1, PROV)) {
            w.putBytes("a/b.bin", new byte[0]);
            assertThatThrownBy(() -> w.putBytes("a/b.bin", new byte[0])).hasMessageContaining("duplicate model file entry 'a/b.bin'");
            assertThatThrownBy(() -> w.putBytes("manifest.json", new byte[0])).hasMessageContaining("reserved");
            for (String bad : new String[] {"", "/abs", "a/../b", "..", "a\\b", "dir/"}) {
                assertThatThrownBy(() -> w.putBytes(bad, new byte[0]))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid model file entry name");
            }
            w.commit();
            assertThatThrownBy(() -> w.putBytes("late", new byte[0])).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> ModelFileWriter.create(f, "", 1, PROV)).hasMessageContaining("kind");
        assertThatThrownBy(() -> ModelFileWriter.create(f, "k", 0, PROV)).hasMessageContaining("kindVersion must be >= 1");
        assertThatThrownBy(() -> ModelFileWriter.create(dir.resolve("no/such/dir/m"), "k", 1, PROV))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("does not exist");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.mercato");
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).isInstanceOf(ModelFileException.class)
                .hasMessage(f + ": model file not found");
    }

    @Test
    void notAZip() throws IOException {
        Path f = dir.resolve("text.mercato");
        Files.writeString(f, "this is just text, not a model");
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a Mercato model file (not a zip archive)");
    }

    @Test
    void truncatedFilesAreRejectedAtEveryLength() throws IOException {
        byte[] full = Files.readAllBytes(writeModel("k", 1));
        Path t = dir.resolve("truncated.mercato");
        for (int len : new int[] {0, 10, full.length / 3, full.length / 2, full.length - 30, full.length - 1}) {
            Files.write(t, Arrays.copyOf(full, len));
            assertThatThrownBy(() -> ModelFileReader.open(t, "k", 1)).as("length %d", len)
                    .isInstanceOf(ModelFileException.class).hasMessageStartingWith(t + ": ");
        }
    }

    @Test
    void corruptStoredEntryFailsCrc() throws IOException {
        Path f = dir.resolve("crc.mercato");
        byte[] payload = "PAYLOAD-PAYLOAD-PAYLOAD".getBytes(StandardCharsets.US_ASCII);
        Files.write(f, zip(Map.of("manifest.json", manifestJson(1, "k", 1), "data.bin", payload), true));
        assertThat(ModelFileReader.open(f, "k", 1).bytes("data.bin")).isEqualTo(payload);
        byte[] bytes = Files.readAllBytes(f);
        int at = indexOf(bytes, payload);
        bytes[at + 3] ^= 0x20;
        Files.write(f, bytes);
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).isInstanceOf(ModelFileException.class)
                .hasMessage(f + ": corrupt: CRC mismatch in entry 'data.bin'");
    }

    @Test
    void corruptDeflatedEntryIsRejected() throws IOException {
        Path f = writeModel("k", 1);
        byte[] bytes = Files.readAllBytes(f);
        byte[] name = "weights.bin".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, name) + name.length + 2; // inside the compressed data after the local header
        for (int i = 0; i < 6; i++) {
            bytes[at + i] = (byte) ~bytes[at + i];
        }
        Files.write(f, bytes);
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void foreignKindAndNewerVersionsAreRejected() throws IOException {
        Path f = writeModel("recsys/als", 2);
        assertThatThrownBy(() -> ModelFileReader.open(f, "text-classifier", 5)).isInstanceOf(ModelFileException.class)
                .hasMessage(f + ": is a 'recsys/als' model, expected a 'text-classifier' model");
        assertThatThrownBy(() -> ModelFileReader.open(f, "recsys/als", 1)).isInstanceOf(ModelFileException.class)
                .hasMessage(f + ": 'recsys/als' model version 2 was written by a newer Mercato (0.1.0-test); this version reads up to 1");
        assertThat(ModelFileReader.open(f).manifest().kind()).isEqualTo("recsys/als");

        Path g = dir.resolve("future.mercato");
        Files.write(g, zip(Map.of("manifest.json", manifestJson(ModelFileWriter.FORMAT_VERSION + 1, "k", 1)), false));
        assertThatThrownBy(() -> ModelFileReader.open(g, "k", 1)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("model file format version 2 was written by a newer Mercato");
    }

    @Test
    void missingOrInvalidManifestIsRejected() throws IOException {
        Path f = dir.resolve("m.mercato");
        Files.write(f, zip(Map.of("data.bin", new byte[] {1}), false));
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1))
                .hasMessage(f + ": not a Mercato model file: no manifest.json entry");
        Files.write(f, zip(Map.of("manifest.json", "{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)), false));
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).hasMessageContaining("invalid manifest")
                .hasMessageContaining("does not declare format 'mercato-model'");
        Files.write(f, zip(Map.of("manifest.json", "{not json".getBytes(StandardCharsets.UTF_8)), false));
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("invalid manifest");
        Files.write(f, zip(Map.of("manifest.json", manifestJson(1, "k", 0)), false));
        assertThatThrownBy(() -> ModelFileReader.open(f, "k", 1)).hasMessageContaining("kindVersion 0 < 1");
    }

    @Test
    void missingEntryAndBadEntryContentNameTheEntry() {
        Path f = writeModel("k", 1);
        ModelFileReader r = ModelFileReader.open(f, "k", 1);
        assertThatThrownBy(() -> r.bytes("nope.bin")).isInstanceOf(ModelFileException.class)
                .hasMessage(f + ": missing entry 'nope.bin'; entries present: [raw.bin, config.json, weights.bin]");
        assertThatThrownBy(() -> r.read("raw.bin", BinaryArrays::readFloats)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("entry 'raw.bin' is corrupt");
        assertThatThrownBy(() -> r.json("raw.bin", Config.class)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("entry 'raw.bin' is not valid JSON for Config");
    }

    // ------------------------------------------------------------------ helpers

    private List<String> listDir() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] manifestJson(int formatVersion, String kind, int kindVersion) {
        return ("{\"format\":\"mercato-model\",\"formatVersion\":" + formatVersion + ",\"kind\":\"" + kind
                + "\",\"kindVersion\":" + kindVersion + ",\"provenance\":{\"libraryVersion\":\"9.9.9\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(Map<String, byte[]> entries, boolean stored) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCompressedSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bos.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
