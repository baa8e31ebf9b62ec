package io.mercato.examples.tutorial;

import io.mercato.examples.demo.BundledData;
import io.mercato.recsys.Explanation;
import io.mercato.recsys.RecommendRequest;
import io.mercato.recsys.Recommendation;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.Recommenders;
import io.mercato.recsys.data.Interactions;
import java.util.List;
import java.util.Map;

/**
 * Tutorial: product recommendations from purchase history (implicit feedback).
 *
 * <ol>
 *   <li>Load who-bought-what from a CSV file: one row per customer and product.
 *   <li>Train an item-kNN recommender: products are similar when the same customers buy them.
 *   <li>Recommend for a customer, with the reason ("because you bought ...").
 *   <li>"Customers who bought this also bought": similar items.
 *   <li>Business rules: never show some products, boost others.
 * </ol>
 */
public final class ProductRecommendation {
  private ProductRecommendation() {}

  /** Runs the tutorial and returns the recommendations it printed for the first customer. */
  public static List<Recommendation> run() {
    // 1. Purchases: customer,product,purchases,date. Every row counts as one implicit "bought".
    Interactions purchases = Interactions.csv(Tutorials.data(BundledData.PURCHASES))
        .userColumn("customer")
        .itemColumn("product")
        .load();
    System.out.printf("%d purchases, %d customers, %d products%n",
        purchases.size(), purchases.userCount(), purchases.itemCount());

    // 2. Train. Algorithms are chosen by name; parameters override the defaults.
    Recommender model = Recommenders.byName("item-knn", Map.of()).fit(purchases);

    // 3. Top 5 for one customer. Products the customer already bought are left out.
    String customer = purchases.users().id(0);
    List<Recommendation> top = model.recommend(customer, 5);
    System.out.println("For customer " + customer + ":");
    for (Recommendation r : top) {
      Explanation why = model.explain(customer, r.item());
      System.out.printf("  %-8s %.3f  %s%n", r.item(), r.score(), why.summary());
    }

    // 4. Similar products to the first recommendation.
    String product = top.get(0).item();
    System.out.println("Customers who bought " + product + " also bought:");
    model.similarItems(product, 3).forEach(r -> System.out.printf("  %-8s %.3f%n", r.item(), r.score()));

    // 5. Business rules: hide the first recommendation (out of stock), double the score of gift items
    //    (here: product codes starting with 22).
    List<Recommendation> ruled = model.recommend(RecommendRequest.forUser(customer)
        .n(5)
        .exclude(List.of(product))
        .boost(item -> item.startsWith("22"), 2.0)
        .build());
    System.out.println("With business rules: " + ruled.stream().map(Recommendation::item).toList());
    return top;
  }

  /** Entry point. */
  public static void main(String[] args) {
    run();
  }
}
