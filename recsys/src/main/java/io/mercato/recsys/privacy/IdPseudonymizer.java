package io.mercato.recsys.privacy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelKey;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for user and item ids that are personal data (e-mail addresses, phone numbers): such an
 * id is replaced by {@code pid:} and 22 characters of its HMAC-SHA256 under a secret key before training,
 * so that the model file never holds it, while the model can still be queried with the original id (the
 * same key maps it to the same pseudonym). Without the key a pseudonym cannot be turned back into the id
 * or tested against a guess.
 *
 * <pre>{@code
 * IdPseudonymizer ids = IdPseudonymizer.fromEnvironment("MERCATO_ID_KEY");
 * Recommender model = ids.trainer(Recommenders.byName("item-knn", Map.of())).fit(interactions);
 * model.save(file);                                           // holds pid:... for e-mail / phone ids
 * Recommender served = ids.wrap(Recommender.load(file));
 * served.recommend("jane@shop.cn", 10);                       // queried with the original id
 * }</pre>
 *
 * <p>Recommended item ids that were pseudonymized come back as their pseudonyms ({@link #pseudonym} maps a
 * catalogue id to compare); business rules see the stored ids. Immutable and thread-safe.
 */
public final class IdPseudonymizer {

  /** Which ids get pseudonyms. */
  public enum Scope {
    /** Ids that look like an e-mail address or a phone number (7-15 digits with separators); the default. */
    CONTACT_LIKE,
    /** Every user id (item ids only when contact-like). */
    ALL_USERS
  }

  /** The prefix that marks a pseudonym. */
  public static final String PREFIX = "pid:";
  private static final String PURPOSE = "mercato/recsys/id-pseudonym/v1";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{7,24}");

  private final byte[] secret;
  private final String keyId;
  private final Scope scope;

  private IdPseudonymizer(byte[] secret, String keyId, Scope scope) {
    this.secret = secret;
    this.keyId = keyId;
    this.scope = scope;
  }

  /** Pseudonyms keyed by a secret derived from {@code key} (the key itself is never used for hashing). */
  public static IdPseudonymizer of(ModelKey key, Scope scope) {
    Objects.requireNonNull(key, "key");
    if (scope == null) {
      throw ConfigurationException.invalid("scope", null, "one of " + Arrays.toString(Scope.values()));
    }
    return new IdPseudonymizer(key.derive(PURPOSE), key.id(), scope);
  }

  /**
   * Pseudonyms of contact-like ids keyed by the key in environment variable {@code variable} (the
   * {@link ModelKey#fromEnvironment} format: base64 of 32 bytes, optionally prefixed by {@code id:}).
   */
  public static IdPseudonymizer fromEnvironment(String variable) {
    return of(ModelKey.fromEnvironment(variable), Scope.CONTACT_LIKE);
  }

  /** The id of the key the pseudonyms are keyed with (safe to record). */
  public String keyId() {
    return keyId;
  }

  /** Which ids get pseudonyms. */
  public Scope scope() {
    return scope;
  }

  /** Whether {@code id} looks like an e-mail address or a phone number. */
  public static boolean isContactLike(String id) {
    if (EMAIL.matcher(id).matches()) {
      return true;
    }
    if (!PHONE.matcher(id).matches()) {
      return false;
    }
    long digits = id.chars().filter(c -> c >= '0' && c <= '9').count();
    return digits >= 7 && digits <= 15;
  }

  /**
   * {@code id} as error messages and logs show it: quoted, unless it looks like an e-mail address or a phone
   * number, which is never shown ("an id that looks like an e-mail address, not shown").
   */
  public static String forMessages(String id) {
    if (id == null) {
      return "null";
    }
    if (!isContactLike(id)) {
      return "'" + id + "'";
    }
    return EMAIL.matcher(id).matches() ? "(an id that looks like an e-mail address, not shown)"
        : "(an id that looks like a phone number, not shown)";
  }

  /** The stored form of user id {@code id}: its pseudonym if the scope covers it, else {@code id}. */
  public String user(String id) {
    return scope == Scope.ALL_USERS || isContactLike(id) ? pseudonym(id) : id;
  }

  /** The stored form of item id {@code id}: its pseudonym if contact-like, else {@code id}. */
  public String item(String id) {
    return isContactLike(id) ? pseudonym(id) : id;
  }

  /** The pseudonym of {@code id} ({@link #PREFIX} + 22 base64url characters of its keyed hash). */
  public String pseudonym(String id) {
    Objects.requireNonNull(id, "id");
    if (id.startsWith(PREFIX)) {
      return id;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  /** {@code data} with every covered user and item id replaced by its pseudonym (values, timestamps kept). */
  public Interactions apply(Interactions data) {
    Interactions.Builder b = Interactions.builder();
    data.users().ids().forEach(id -> b.addUser(user(id)));   // same indices as the original
    data.items().ids().forEach(id -> b.addItem(item(id)));
    data.forEach((u, i, value, timestamp) -> b.add(user(data.users().id(u)), item(data.items().id(i)), value, timestamp));
    return b.build();
  }

  /** A trainer that pseudonymizes the data, trains {@code inner} on it and {@link #wrap wraps} the model. */
  public RecommenderTrainer trainer(RecommenderTrainer inner) {
    Objects.requireNonNull(inner, "inner");
    IdPseudonymizer self = this;
    return new RecommenderTrainer() {
      @Override
      public String algorithm() {
        return inner.algorithm();
      }

      @Override
      public java.util.Map<String, String> hyperParameters() {
        return inner.hyperParameters();
      }

      @Override
      public Recommender fit(Interactions data) {
        return wrap(inner.fit(apply(data)));
      }

      @Override
      public String toString() {
        return inner.describe() + " with " + self;
      }
    };
  }

  /** {@code model} (trained on pseudonymized ids) answering queries by original ids. */
  public Recommender wrap(Recommender model) {
    Objects.requireNonNull(model, "model");
    return model instanceof PseudonymizedRecommender p && p.ids() == this ? model
        : new PseudonymizedRecommender(model instanceof PseudonymizedRecommender p ? p.inner() : model, this);
  }

  @Override
  public String toString() {
    return "IdPseudonymizer{key=" + keyId + ", scope=" + scope + "}";
  }
}
