package io.mercato.recsys.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.io.ModelKey;
import io.mercato.recsys.RecommendRequest;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.UnknownIdException;
import io.mercato.recsys.data.Interactions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdPseudonymizerTest {
  @TempDir Path dir;

  private static final byte[] KEY_BYTES = new byte[32];
  static {
    Arrays.fill(KEY_BYTES, (byte) 7);
  }
  private static final ModelKey KEY = ModelKey.of("ids-2026", KEY_BYTES);
  private static final IdPseudonymizer IDS = IdPseudonymizer.of(KEY, IdPseudonymizer.Scope.CONTACT_LIKE);

  /** The shop's interactions with the users named by e-mail or phone, and the same with plain ids. */
  private static Interactions shop(boolean contactIds) {
    String[] users = contactIds
        ? new String[] {"jane.roe@shop.cn", "+86 138 0013 8000", "li.wei@mail.com", "415-555-2671"}
        : new String[] {"u1", "u2", "u3", "u4"};
    return Interactions.builder()
        .add(users[0], "teapot", 1).add(users[0], "kettle", 1)
        .add(users[1], "teapot", 1).add(users[1], "mug", 1).add(users[1], "cups", 1)
        .add(users[2], "kettle", 1).add(users[2], "mug", 1)
        .add(users[3], "teapot", 1).add(users[3], "cups", 1).build();
  }

  @Test
  void contactLikeIds() {
    assertThat(IdPseudonymizer.isContactLike("jane.roe@shop.cn")).isTrue();
    assertThat(IdPseudonymizer.isContactLike("+86 138 0013 8000")).isTrue();
    assertThat(IdPseudonymizer.isContactLike("(415) 555-2671")).isTrue();
    assertThat(IdPseudonymizer.isContactLike("u42")).isFalse();
    assertThat(IdPseudonymizer.isContactLike("SKU-12345")).isFalse();
    assertThat(IdPseudonymizer.isContactLike("123456")).isFalse();             // 6 digits: an ordinary id
    assertThat(IdPseudonymizer.isContactLike("2024-06-01-1234567890")).isFalse(); // 18 digits
  }

  @Test
  void pseudonymIsTheKeyedHashUnderTheDerivedSecret() throws Exception {
    // independently: secret = HMAC-SHA256(key, purpose); pseudonym = "pid:" + base64url(HMAC(secret, id)[0..16))
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
    byte[] secret = mac.doFinal("mercato/recsys/id-pseudonym/v1".getBytes(StandardCharsets.UTF_8));
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    byte[] h = mac.doFinal("jane.roe@shop.cn".getBytes(StandardCharsets.UTF_8));
    String expected = "pid:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 16));
    assertThat(IDS.user("jane.roe@shop.cn")).isEqualTo(expected).hasSize(4 + 22);
    assertThat(IDS.user("u1")).isEqualTo("u1");
    assertThat(IdPseudonymizer.of(ModelKey.generate("other"), IdPseudonymizer.Scope.CONTACT_LIKE)
        .user("jane.roe@shop.cn")).isNotEqualTo(expected);
    assertThat(IdPseudonymizer.of(KEY, IdPseudonymizer.Scope.ALL_USERS).user("u1")).startsWith("pid:");
  }

  @Test
  void theSavedModelHoldsNoContactIdAndAnswersByTheOriginalOnes() throws Exception {
    Recommender model = IDS.trainer(Recommenders.byName("item-knn", Map.of())).fit(shop(true));
    Path file = dir.resolve("shop.mercato");
    model.save(file);
    String inflated = inflated(file);
    for (String id : List.of("jane.roe", "shop.cn", "13800138000", "138 0013", "li.wei", "555-2671")) {
      assertThat(inflated).as(id).doesNotContain(id);
    }
    assertThat(inflated).contains("teapot");   // control: the scan reads the ids the file does hold

    // same answers as a model trained on plain ids of the same shape
    Recommender plain = Recommenders.byName("item-knn", Map.of()).fit(shop(false));
    Recommender served = IDS.wrap(Recommender.load(file));
    assertThat(items(served.recommend("jane.roe@shop.cn", 3))).isEqualTo(items(plain.recommend("u1", 3)));
    assertThat(items(served.recommend(RecommendRequest.forUser("415-555-2671").n(2).build())))
        .isEqualTo(items(plain.recommend(RecommendRequest.forUser("u4").n(2).build())));
    assertThat(served.recommendAll(List.of("li.wei@mail.com"), 2).keySet()).containsExactly("li.wei@mail.com");
    assertThat(served.canScore("+86 138 0013 8000")).isTrue();
    assertThat(served.explain("jane.roe@shop.cn", "mug").reasons()).isEqualTo(plain.explain("u1", "mug").reasons());
    assertThat(served.explain("jane.roe@shop.cn", "mug").toString()).doesNotContain("jane");

    // without the right key the original id finds nothing
    Recommender wrongKey = IdPseudonymizer.of(ModelKey.generate("x"), IdPseudonymizer.Scope.CONTACT_LIKE)
        .wrap(Recommender.load(file));
    assertThatThrownBy(() -> wrongKey.recommend("jane.roe@shop.cn", 3)).isInstanceOf(UnknownIdException.class)
        .hasMessageNotContaining("jane");
  }

  @Test
  void errorMessagesNeverShowAContactId() {
    Recommender plain = Recommenders.byName("item-knn", Map.of()).fit(shop(true));
    assertThatThrownBy(() -> plain.recommend("someone.else@shop.cn", 3)).isInstanceOf(UnknownIdException.class)
        .hasMessageContaining("e-mail").hasMessageNotContaining("someone")
        .satisfies(e -> assertThat(((UnknownIdException) e).id()).isEqualTo("someone.else@shop.cn"));
    assertThatThrownBy(() -> plain.recommend("+86 139 0000 1111", 3)).hasMessageContaining("phone")
        .hasMessageNotContaining("1111");
    assertThatThrownBy(() -> plain.recommend("u-77", 3)).hasMessageContaining("'u-77'");
  }

  @Test
  void foldingInANewContactUserStoresOnlyThePseudonym() {
    Recommender model = IDS.trainer(Recommenders.byName("item-knn", Map.of())).fit(shop(true));
    Recommender more = model.foldIn("new.buyer@shop.cn", Map.of("teapot", 1.0));
    assertThat(more.canScore("new.buyer@shop.cn")).isTrue();
    assertThat(more.trainingData().users().ids()).doesNotContain("new.buyer@shop.cn")
        .contains(IDS.user("new.buyer@shop.cn"));
    assertThat(Set.copyOf(items(more.recommend("new.buyer@shop.cn", 5)))).doesNotContain("teapot");
  }

  private static List<String> items(List<Recommendation> recs) {
    return recs.stream().map(Recommendation::item).toList();
  }

  private static String inflated(Path file) throws Exception {
    StringBuilder all = new StringBuilder(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        all.append('\n').append(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
