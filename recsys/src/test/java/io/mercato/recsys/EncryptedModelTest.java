package io.mercato.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.ModelKey;
import io.mercato.recsys.data.Interactions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Recommender#save(Path, ModelKey)} / {@link Recommender#load(Path, ModelKey)}. */
class EncryptedModelTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsWithItsKeyOnlyAndHidesIds() throws Exception {
        Interactions data = Interactions.builder()
                .add("customer-alice", "product-teapot", 1).add("customer-alice", "product-kettle", 1)
                .add("customer-bob", "product-teapot", 1).add("customer-bob", "product-mug", 1)
                .add("customer-cai", "product-kettle", 1).build();
        ModelKey key = ModelKey.generate("shop-key");
        Recommender model = Recommenders.byName("item-knn", Map.of()).fit(data);
        Path file = dir.resolve("shop.mercato");
        model.save(file, key);

        Recommender back = Recommenders.load(file, key);
        assertThat(back.recommend("customer-cai", 2)).isEqualTo(model.recommend("customer-cai", 2));
        assertThat(Recommender.load(file, key).algorithm()).isEqualTo("item-knn");

        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String s : new String[] {"customer-alice", "product-teapot", "recommender.json", "interactions"}) {
            assertThat(raw).as(s).doesNotContain(s);
        }
        assertThatThrownBy(() -> Recommender.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("key id 'shop-key'");
        assertThatThrownBy(() -> Recommender.load(file, ModelKey.generate("other-key")))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("the key given is 'other-key'");
    }
}
