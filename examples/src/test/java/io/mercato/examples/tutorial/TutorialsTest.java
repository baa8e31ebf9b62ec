package io.mercato.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import io.mercato.core.metrics.ClassificationReport;
import io.mercato.examples.demo.BundledData;
import io.mercato.recsys.Recommendation;
import io.mercato.text.ModelType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every tutorial once, with fast settings, and checks what can be checked independently. */
class TutorialsTest {
  @TempDir Path dir;

  @Test
  void englishSentimentBeatsTheMajorityClass() {
    ClassificationReport r = EnglishSentiment.run(ModelType.LINEAR);
    // 1,600 reviews (900 positive / 700 negative), 20% held out per class: 180 + 140
    assertThat(r.n()).isEqualTo(320);
    assertThat(r.accuracy()).isGreaterThan(180 / 320.0 + 0.15);
  }

  @Test
  void chineseSentimentBeatsTheMajorityClass() {
    ClassificationReport r = ChineseSentiment.run(ModelType.AUTO);
    assertThat(r.n()).isEqualTo(58); // 290 reviews, 145 per class, 29 per class held out
    // majority class = 29/58 = 0.5; require a clear margin over it
    assertThat(r.accuracy()).isGreaterThan(0.5 + 0.15);
  }

  @Test
  void balancedWeightsCatchAtLeastAsMuchSpam() {
    List<ClassificationReport> r = SpamFiltering.run(ModelType.LINEAR);
    assertThat(r.get(0).n()).isEqualTo(150); // 600 messages, a quarter held out (130 ham + 20 spam)
    int spam = r.get(0).labels().indexOf("spam");
    assertThat(r.get(0).support(spam)).isEqualTo(20);
    assertThat(r.get(1).recall(spam)).isGreaterThanOrEqualTo(r.get(0).recall(spam));
  }

  @Test
  void productRecommendationsAreNewToTheCustomer() throws Exception {
    List<Recommendation> top = ProductRecommendation.run();
    assertThat(top).hasSize(5);
    String customer = firstCustomer();
    Set<String> owned = purchases().getOrDefault(customer, Set.of());
    assertThat(top).extracting(Recommendation::item).doesNotContainAnyElementsOf(owned);
  }

  @Test
  void coldStartVisitorsGetBestSellersAndNewCustomersTheirDeclaredInterests() throws Exception {
    Map<String, List<Recommendation>> out = HybridColdStart.run();
    // best sellers counted directly from the CSV: customers per product
    Map<String, Integer> buyers = new HashMap<>();
    purchases().values().forEach(items -> items.forEach(i -> buyers.merge(i, 1, Integer::sum)));
    List<Recommendation> visitor = out.get("visitor");
    assertThat(visitor).hasSize(5);
    // popularity scores are the buyer counts, best first, and nothing left out sells more
    Set<String> listed = new HashSet<>();
    for (Recommendation r : visitor) {
      assertThat(r.score()).isEqualTo(buyers.get(r.item()).doubleValue());
      listed.add(r.item());
    }
    int lowestListed = visitor.stream().mapToInt(r -> buyers.get(r.item())).min().orElseThrow();
    assertThat(buyers.entrySet().stream().filter(e -> !listed.contains(e.getKey()))
        .mapToInt(Map.Entry::getValue).max().orElse(0)).isLessThanOrEqualTo(lowestListed);
    // the new customer declared "vintage christmas": every product recommended shares a word with it
    // (checked against the product descriptions in the CSV)
    Map<String, String> descriptions = new HashMap<>();
    try (CsvReader csv = CsvReader.open(Tutorials.data(BundledData.PRODUCTS))) {
      csv.forEach(r -> descriptions.put(r.get("product"), r.get("description")));
    }
    List<Recommendation> newcomer = out.get(HybridColdStart.NEW_CUSTOMER);
    assertThat(newcomer).hasSize(5);
    assertThat(newcomer).allSatisfy(r -> assertThat(descriptions.get(r.item())).containsAnyOf("VINTAGE", "CHRISTMAS"));
    assertThat(newcomer.get(0).score()).isGreaterThan(0);
    assertThat(out).hasSize(3);
  }

  @Test
  void privacyMaskingKeepsPersonalDataOutOfTheModelFile() throws Exception {
    Path file = PrivacyMasking.run(dir);
    String contents = PrivacyMasking.contents(file);
    assertThat(contents).contains("complaint"); // the search does see the file's text
    for (String secret : List.of("example.com", "customer1", "13812345678", "4539 1488", "4539", "203.0.113.7", "7946")) {
      assertThat(contents).doesNotContain(secret);
    }
  }

  @Test
  void saveLoadServeAnswersOverHttp() throws Exception {
    JsonNode answer = new ObjectMapper().readTree(SaveLoadServe.run(dir));
    assertThat(answer.get("predictions")).hasSize(2);
    assertThat(dir.resolve("sentiment-zh.mercato")).exists();
  }

  private static String firstCustomer() throws Exception {
    try (CsvReader csv = CsvReader.open(Tutorials.data(BundledData.PURCHASES))) {
      return csv.iterator().next().get("customer");
    }
  }

  private static Map<String, Set<String>> purchases() throws Exception {
    Map<String, Set<String>> out = new HashMap<>();
    try (CsvReader csv = CsvReader.open(Tutorials.data(BundledData.PURCHASES))) {
      for (CsvRecord r : csv) {
        out.computeIfAbsent(r.get("customer"), c -> new HashSet<>()).add(r.get("product"));
      }
    }
    return out;
  }
}
