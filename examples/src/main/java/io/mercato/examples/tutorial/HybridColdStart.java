package io.mercato.examples.tutorial;

import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import io.mercato.core.linalg.SparseVector;
import io.mercato.examples.demo.BundledData;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.content.ContentBased;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.ItemFeatures;
import io.mercato.recsys.data.UserFeatures;
import io.mercato.recsys.hybrid.SwitchingHybrid;
import io.mercato.text.pipeline.FittedTextPipeline;
import io.mercato.text.pipeline.TextPipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tutorial: recommendations for customers and products nobody has seen yet (cold start).
 *
 * <p>Collaborative filtering (item-kNN here) needs purchase history: it cannot rank a new product
 * that nobody bought, nor serve a visitor who bought nothing. A switching hybrid routes each case
 * to a model that can:
 * <ul>
 *   <li>known customer, known product → item-kNN (what similar customers bought);
 *   <li>new customer who declared interests at sign-up ("vintage christmas") → content-based: the
 *       interests go through the same TF-IDF pipeline as the descriptions, so they live in the
 *       products' feature space ({@link UserFeatures}, matched to {@link ItemFeatures} by feature name);
 *   <li>new customer who told us nothing → popularity (the best sellers);
 *   <li>new product → content-based: TF-IDF of its description (made by the text module) against
 *       the descriptions of what the customer bought.
 * </ul>
 * Text and recommendations meet only here: recsys takes sparse vectors and never depends on text.
 */
public final class HybridColdStart {
  /** The product launched today: in the catalogue, never bought yet. */
  static final String NEW_PRODUCT = "99999";
  static final String NEW_PRODUCT_DESCRIPTION = "RED RETROSPOT HEART HOT WATER BOTTLE";
  /** The customer who signed up today, with no purchase, and the interests they ticked. */
  static final String NEW_CUSTOMER = "new-customer";
  static final String NEW_CUSTOMER_INTERESTS = "vintage christmas";

  private HybridColdStart() {}

  /**
   * Runs the tutorial; returns the recommendations of a visitor without history ("visitor"), of the
   * new customer with declared interests ({@link #NEW_CUSTOMER}) and of a known customer.
   */
  public static Map<String, List<Recommendation>> run() throws IOException {
    // 1. Product descriptions, plus one new product nobody has bought.
    Map<String, String> descriptions = new LinkedHashMap<>();
    try (CsvReader csv = CsvReader.open(Tutorials.data(BundledData.PRODUCTS))) {
      for (CsvRecord r : csv) {
        descriptions.put(r.get("product"), r.get("description"));
      }
    }
    descriptions.put(NEW_PRODUCT, NEW_PRODUCT_DESCRIPTION);

    // 2. Text → features: the text module's default pipeline gives TF-IDF vectors.
    List<String> ids = new ArrayList<>(descriptions.keySet());
    FittedTextPipeline tfidf = TextPipeline.defaults().fit(new ArrayList<>(descriptions.values()));
    List<SparseVector> vectors = ids.stream().map(id -> tfidf.encode(descriptions.get(id)).features()).toList();
    List<String> names = new ArrayList<>();
    for (int f = 0; f < tfidf.featureDimension(); f++) {
      names.add(tfidf.featureName(f));
    }
    ItemFeatures features = ItemFeatures.of(ids, names, vectors);

    // 3. Purchases; the new product joins the catalogue without any purchase.
    Interactions.Builder purchases = Interactions.builder();
    Interactions loaded = Interactions.csv(Tutorials.data(BundledData.PURCHASES))
        .userColumn("customer").itemColumn("product").load();
    loaded.forEach((u, i, value, time) -> purchases.add(loaded.users().id(u), loaded.items().id(i), value));
    purchases.addItem(NEW_PRODUCT);
    Interactions data = purchases.build();

    // 4. The new customer's declared interests, vectorized by the same pipeline: same feature names.
    UserFeatures interests = UserFeatures.of(List.of(NEW_CUSTOMER), names,
        List.of(tfidf.encode(NEW_CUSTOMER_INTERESTS).features()));

    // 5. The switching hybrid: a new customer goes to the first fallback that can score them.
    Recommender model = SwitchingHybrid.builder(Recommenders.byName("item-knn", Map.of()))
        .newUsers(ContentBased.builder(features).userFeatures(interests).build(),
            Recommenders.byName("popularity", Map.of()))
        .newItems(ContentBased.builder(features).build())
        .build()
        .fit(data);

    // 6. A visitor with no history and no declared interests gets the best sellers.
    Map<String, List<Recommendation>> out = new LinkedHashMap<>();
    out.put("visitor", model.recommend("visitor-without-history", 5));
    print("New visitor", out.get("visitor"), descriptions);

    // 7. The new customer gets products matching "vintage christmas", explained by those words.
    out.put(NEW_CUSTOMER, model.recommend(NEW_CUSTOMER, 5));
    print("New customer interested in '" + NEW_CUSTOMER_INTERESTS + "'", out.get(NEW_CUSTOMER), descriptions);
    String first = out.get(NEW_CUSTOMER).get(0).item();
    System.out.println("Why " + descriptions.get(first) + ": " + model.explain(NEW_CUSTOMER, first).summary());

    // 8. A customer who bought hot water bottles: the new one is ranked by its description.
    String customer = data.users().ids().stream()
        .filter(u -> ownsDescription(data, u, descriptions, "HOT WATER BOTTLE"))
        .findFirst().orElse(data.users().id(0));
    out.put(customer, model.recommend(customer, 10));
    print("Customer " + customer, out.get(customer), descriptions);
    System.out.println("Why the new product: " + model.explain(customer, NEW_PRODUCT).summary());
    return out;
  }

  private static boolean ownsDescription(Interactions data, String user, Map<String, String> descriptions, String words) {
    for (int item : data.userItems(data.users().index(user))) {
      if (descriptions.getOrDefault(data.items().id(item), "").contains(words)) {
        return true;
      }
    }
    return false;
  }

  private static void print(String who, List<Recommendation> list, Map<String, String> descriptions) {
    System.out.println(who + ":");
    list.forEach(r -> System.out.printf("  %-6s %-40s %.3f%n", r.item(), descriptions.get(r.item()), r.score()));
  }

  /** Entry point. */
  public static void main(String[] args) throws IOException {
    run();
  }
}
