package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mercato.examples.TestData;
import io.mercato.recsys.Recommender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecsysCommandTest {
  @TempDir Path dir;

  @Test
  void trainThenRecommendWithReasons() throws Exception {
    Path data = Files.writeString(dir.resolve("buys.csv"), TestData.twoShopsCsv());
    Path model = dir.resolve("shop.mercato");
    CliRun train = CliRun.of("recsys", "train", "--data", data.toString(), "--user-column", "customer",
        "--item-column", "product", "--algorithm", "item-knn", "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("14 interactions").contains("6 users").contains("6 items");

    CliRun rec = CliRun.of("recsys", "recommend", "--model", model.toString(), "--user", "u1", "-n", "1", "--explain");
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    String[] cols = rec.out().trim().split("\t");
    assertThat(cols[0]).isEqualTo("1");
    assertThat(cols[1]).isEqualTo("i3"); // the only item co-purchased with u1's i1 and i2
    assertThat(cols).hasSize(4);

    CliRun unknown = CliRun.of("recsys", "recommend", "--model", model.toString(), "--user", "ghost");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("ghost").doesNotContain("\tat ");
  }

  @Test
  void withoutAnAlgorithmTrainIsAutoAndPrintsWhatValidationChose() throws Exception {
    Path data = Files.writeString(dir.resolve("buys.csv"), TestData.twoShopsCsv());
    Path model = dir.resolve("default.mercato");
    CliRun train = CliRun.of("recsys", "train", "--data", data.toString(), "--user-column", "customer",
        "--item-column", "product", "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("trained auto").contains("popularity").contains("ndcg@10");
    assertThat(Recommender.load(model).algorithm()).isEqualTo("auto");
  }

  @Test
  void autoReportsWhatItTriedAndTheModelLoads() throws Exception {
    Path data = Files.writeString(dir.resolve("buys.csv"), TestData.twoShopsCsv());
    Path model = dir.resolve("auto.mercato");
    CliRun train = CliRun.of("recsys", "train", "--data", data.toString(), "--user-column", "customer",
        "--item-column", "product", "--algorithm", "auto", "--param", "budgetSeconds=0", "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("trained auto").contains("* popularity")
        .contains("budget stopped the search after 1 candidates");
    CliRun rec = CliRun.of("recsys", "recommend", "--model", model.toString(), "--user", "u1", "-n", "1");
    assertThat(rec.exitCode()).as(rec.err()).isZero();

    // eval says what auto chose, in JSON and in the table
    CliRun eval = CliRun.of("recsys", "eval", "--train", data.toString(), "--test", data.toString(),
        "--user-column", "customer", "--item-column", "product", "--algorithm", "auto", "--param", "budgetSeconds=0",
        "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(new ObjectMapper().readTree(eval.out()).get("chosen_by_validation").asText()).isEqualTo("popularity");
    CliRun table = CliRun.of("recsys", "eval", "--train", data.toString(), "--test", data.toString(),
        "--user-column", "customer", "--item-column", "product", "--algorithm", "auto", "--param", "budgetSeconds=0");
    assertThat(table.out()).contains("chosen_by_validation popularity").contains("* popularity");
    CliRun plain = CliRun.of("recsys", "eval", "--train", data.toString(), "--test", data.toString(),
        "--user-column", "customer", "--item-column", "product", "--algorithm", "popularity", "--json");
    assertThat(new ObjectMapper().readTree(plain.out()).has("chosen_by_validation")).isFalse();

    CliRun bad = CliRun.of("recsys", "train", "--data", data.toString(), "--user-column", "customer",
        "--item-column", "product", "--algorithm", "auto", "--param", "budgetSeconds=-5", "--out", model.toString());
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("budgetSeconds").doesNotContain("\tat ");
  }

  @Test
  void contactIdsArePseudonymizedWhenAskedAndQueriedByTheOriginal() throws Exception {
    Path data = Files.writeString(dir.resolve("buys.csv"), TestData.twoShopsCsv().replace("u1,", "jane@shop.cn,"));
    Path model = dir.resolve("shop.mercato");
    java.util.Map<String, String> env = java.util.Map.of("ID_KEY",
        "ids:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
    CliRun train = CliRun.withEnvironment(env, "recsys", "train", "--data", data.toString(), "--user-column",
        "customer", "--item-column", "product", "--algorithm", "item-knn", "--pseudonymize-ids-env", "ID_KEY",
        "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    StringBuilder inflated = new StringBuilder();
    try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(model))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        inflated.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(inflated.toString()).doesNotContain("jane").contains("i3");

    CliRun rec = CliRun.withEnvironment(env, "recsys", "recommend", "--model", model.toString(),
        "--user", "jane@shop.cn", "-n", "1", "--pseudonymize-ids-env", "ID_KEY");
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    assertThat(rec.out().trim().split("\t")[1]).isEqualTo("i3");   // as for u1 in the plain model above
  }

  /**
   * Popularity on a hand-made split, scored by the library's protocol. Training counts: i1 5 users,
   * i2 3, i3 2, i4 1. Held out: u5 bought i1 (u5 owns i4, so its top-2 is [i1, i2]: hit at rank 1),
   * u6 bought i3 (u6 owns i1, so [i2, i3]: hit at rank 2), and newbie, absent from training, bought
   * i2: newbie counts with no hits, so that the denominator is the same for every model (a model must
   * not score better by skipping users it cannot serve). Over 3 users: precision@2 = (1/2 + 1/2 +
   * 0)/3 = 1/3; recall@2 = (1 + 1 + 0)/3 = 2/3; NDCG@2 = (1 + 1/log2(3) + 0)/3 = 0.5436432511904858
   * (1/log2(3) = 0.6309297535714574; both computed with python3).
   */
  @Test
  void evalJsonMatchesHandComputedPopularityMetrics() throws Exception {
    Path train = Files.writeString(dir.resolve("train.csv"), """
        user,item
        u1,i1
        u1,i2
        u1,i3
        u2,i1
        u2,i2
        u2,i3
        u3,i1
        u3,i2
        u4,i1
        u5,i4
        u6,i1
        """);
    Path test = Files.writeString(dir.resolve("test.tsv"), "user\titem\nu5\ti1\nu6\ti3\nnewbie\ti2\n");
    CliRun eval = CliRun.of("recsys", "eval", "--train", train.toString(), "--test", test.toString(),
        "--user-column", "user", "--item-column", "item", "--algorithm", "popularity", "--k", "2", "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(eval.out());
    assertThat(json.get("precision_at_2").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(json.get("recall_at_2").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(json.get("ndcg_at_2").asDouble()).isCloseTo(0.5436432511904858, within(1e-12));
    assertThat(json.get("users_evaluated").asInt()).isEqualTo(3); // the unknown user counts, with no hits
    assertThat(json.get("test_rows").asInt()).isEqualTo(3);
    assertThat(json.has("rmse")).isTrue();
    assertThat(json.get("rmse").isNull()).isTrue(); // popularity does not predict ratings
    assertThat(json.get("fit_s").asDouble()).isNotNegative();
    assertThat(json.get("recommend_all_s").asDouble()).isNotNegative();
  }

  @Test
  void evalDefaultKeysAtTen() throws Exception {
    Path data = Files.writeString(dir.resolve("buys.csv"), TestData.twoShopsCsv());
    CliRun eval = CliRun.of("recsys", "eval", "--train", data.toString(), "--test", data.toString(),
        "--user-column", "customer", "--item-column", "product", "--algorithm", "popularity", "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(eval.out());
    assertThat(json.fieldNames()).toIterable()
        .contains("rmse", "mae", "precision_at_10", "recall_at_10", "ndcg_at_10", "fit_s", "recommend_all_s");
    // testing on the training data: every relevant item is owned, so excluded: nothing can be hit
    assertThat(json.get("recall_at_10").asDouble()).isZero();
  }

  @Test
  void unknownAlgorithmAndBadParamsAreOneLineErrors() throws Exception {
    Path data = Files.writeString(dir.resolve("buys.csv"), TestData.twoShopsCsv());
    CliRun bad = CliRun.of("recsys", "train", "--data", data.toString(), "--user-column", "customer",
        "--item-column", "product", "--algorithm", "magic", "--out", dir.resolve("m").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("magic").doesNotContain("\tat ");
    assertThat(bad.err().strip().lines()).hasSize(1);

    CliRun typo = CliRun.of("recsys", "train", "--data", data.toString(), "--user-column", "customer",
        "--item-column", "product", "--algorithm", "item-knn", "--param", "neigbours=3", "--out", dir.resolve("m").toString());
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.err()).contains("neigbours");
  }
}
