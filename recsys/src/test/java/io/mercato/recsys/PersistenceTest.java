package io.mercato.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.core.io.Provenance;
import io.mercato.recsys.data.Interactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    /** 30 users x 20 items, random ratings 1..5 (seeded). */
    static Interactions ratings() {
        SplittableRandom r = new SplittableRandom(7);
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i < 20; i++) {
                if (r.nextDouble() < 0.4) {
                    b.add("u" + u, "i" + i, 1 + r.nextInt(5), 1000 + r.nextInt(100));
                }
            }
        }
        return b.build();
    }

    @Test
    void everyAlgorithmRoundTrips() {
        Interactions data = ratings();
        for (String name : new String[] {"popularity", "baseline", "item-knn", "user-knn"}) {
            Recommender m = Recommenders.byName(name, Map.of()).fit(data);
            Path file = dir.resolve(name + ".mercato");
            m.save(file);
            Recommender back = Recommender.load(file);
            assertThat(back.algorithm()).isEqualTo(name);
            assertThat(back.info().hyperParameters()).isEqualTo(m.info().hyperParameters());
            assertThat(back.trainingData().users().ids()).isEqualTo(data.users().ids());
            for (int u = 0; u < data.userCount(); u++) {
                assertThat(back.scores(u)).as(name).containsExactly(m.scores(u));
            }
            assertThat(back.recommend("u3", 5)).isEqualTo(m.recommend("u3", 5));
            if (m.predictsRatings()) {
                assertThat(back.predict("u1", "i2")).isEqualTo(m.predict("u1", "i2"));
            }
        }
    }

    @Test
    void provenanceRecordsVersionDataAndSettings() {
        Interactions data = ratings();
        Recommender m = Recommenders.byName("item-knn", Map.of("neighbours", "7")).fit(data);
        Path file = dir.resolve("p.mercato");
        m.save(file);
        Provenance p;
        try (io.mercato.core.io.ModelFileReader r = io.mercato.core.io.ModelFileReader.open(file)) {
            p = r.manifest().provenance();
        }
        assertThat(p.libraryVersion()).isEqualTo(Provenance.LIBRARY_VERSION);
        assertThat(p.trainingExamples()).isEqualTo(data.size());
        assertThat(p.hyperParameters()).containsEntry("neighbours", "7").isEqualTo(m.info().hyperParameters());
        assertThat(p.dataFingerprint()).hasSize(64); // hex SHA-256
        // the same data gives the same fingerprint; one changed value gives another
        Path again = dir.resolve("again.mercato");
        Recommenders.byName("popularity", Map.of()).fit(ratings()).save(again);
        Interactions changed = Interactions.builder().add("u1", "i1", 1).build();
        Path other = dir.resolve("other.mercato");
        Recommenders.byName("popularity", Map.of()).fit(changed).save(other);
        try (io.mercato.core.io.ModelFileReader a = io.mercato.core.io.ModelFileReader.open(again);
             io.mercato.core.io.ModelFileReader b = io.mercato.core.io.ModelFileReader.open(other)) {
            assertThat(a.manifest().provenance().dataFingerprint()).isEqualTo(p.dataFingerprint());
            assertThat(b.manifest().provenance().dataFingerprint()).isNotEqualTo(p.dataFingerprint());
        }
    }

    @Test
    void truncatedFileIsAClearError() throws IOException {
        Recommender m = Recommenders.byName("item-knn", Map.of()).fit(ratings());
        Path file = dir.resolve("m.mercato");
        m.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.mercato");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Recommender.load(cut)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("cut.mercato");
    }

    @Test
    void corruptedByteIsAClearError() throws IOException {
        Recommender m = Recommenders.byName("item-knn", Map.of()).fit(ratings());
        Path file = dir.resolve("m.mercato");
        m.save(file);
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {bytes.length / 3, bytes.length / 2, 2 * bytes.length / 3}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= (byte) 0xFF; // inside an entry's data: its CRC no longer matches
            Path bad = dir.resolve("flipped" + at + ".mercato");
            Files.write(bad, flipped);
            assertThatThrownBy(() -> Recommender.load(bad)).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining(bad.getFileName().toString());
        }
    }

    @Test
    void foreignAndMissingFilesAreClearErrors() throws IOException {
        Path foreign = dir.resolve("text.mercato");
        try (ModelFileWriter w = ModelFileWriter.create(foreign, "mercato-text-classifier", 1,
                new Provenance("x", Instant.now(), "f", 0, 0, Map.of(), Map.of()))) {
            w.putBytes("weights", new byte[] {1, 2, 3});
            w.commit();
        }
        assertThatThrownBy(() -> Recommender.load(foreign)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("mercato-text-classifier");
        Path notZip = dir.resolve("notes.txt");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> Recommender.load(notZip)).isInstanceOf(ModelFileException.class);
        assertThatThrownBy(() -> Recommender.load(dir.resolve("absent.mercato"))).isInstanceOf(ModelFileException.class);
    }

    @Test
    void inconsistentStateIsReported() {
        Path file = dir.resolve("bad.mercato");
        Interactions data = ratings();
        try (ModelFileWriter w = ModelFileWriter.create(file, ModelFiles.KIND, ModelFiles.KIND_VERSION,
                new Provenance("x", Instant.now(), "f", 0, 0, Map.of(), Map.of()))) {
            ModelWriter out = new ModelWriter(w, "");
            out.json("recommender.json", new ModelFiles.Header("popularity", 1, Map.of(), 0, Map.of()));
            out.data("interactions", data::write);
            out.json("popularity.json", Map.of("halfLife", 0.0));
            out.doubles("popularity", new double[] {1, 2}); // wrong length
            w.commit();
        }
        assertThatThrownBy(() -> Recommender.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("popularity has 2 items");
    }
}
