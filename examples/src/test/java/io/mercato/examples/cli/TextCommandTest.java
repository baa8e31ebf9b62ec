package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mercato.examples.TestData;
import io.mercato.text.LabeledText;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCommandTest {
  @TempDir static Path dir;
  static Path csv;
  static Path tsv;
  static Path model;

  @BeforeAll
  static void trainOnce() throws Exception {
    StringBuilder c = new StringBuilder("id,review,sentiment\n");
    StringBuilder t = new StringBuilder("review\tsentiment\n");
    int id = 0;
    for (LabeledText row : TestData.separableTexts()) {
      c.append(id++).append(",\"").append(row.text()).append("\",").append(row.label()).append('\n');
      t.append(row.text()).append('\t').append(row.label()).append('\n');
    }
    csv = Files.writeString(dir.resolve("reviews.csv"), c);
    tsv = Files.writeString(dir.resolve("reviews.tsv"), t);
    model = dir.resolve("m.mercato");
    CliRun train = CliRun.of("text", "train", "--data", csv.toString(), "--text-column", "review",
        "--label-column", "sentiment", "--model", "linear", "--seed", "5", "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("40 texts").contains("2 labels");
    assertThat(model).exists();
  }

  @Test
  void masksPiiByDefaultAndSaysOnceWhenTurnedOff() throws Exception {
    StringBuilder c = new StringBuilder("review,sentiment\n");
    for (LabeledText row : TestData.separableTexts()) {
      c.append('"').append(row.text()).append(" write to jane.roe@shop.example.com\",").append(row.label()).append('\n');
    }
    Path data = Files.writeString(dir.resolve("pii.csv"), c);
    Path masked = dir.resolve("masked.mercato");
    Path unmasked = dir.resolve("unmasked.mercato");
    CliRun train = CliRun.of("text", "train", "--data", data.toString(), "--text-column", "review",
        "--label-column", "sentiment", "--model", "linear", "--out", masked.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("PII masking on");
    CliRun trainOff = CliRun.of("text", "train", "--data", data.toString(), "--text-column", "review",
        "--label-column", "sentiment", "--model", "linear", "--no-pii-masking", "--out", unmasked.toString());
    assertThat(trainOff.exitCode()).as(trainOff.err()).isZero();
    assertThat(trainOff.out()).contains("PII masking off");
    assertThat(inflated(masked)).doesNotContain("jane");
    assertThat(inflated(unmasked)).contains("jane");   // control: the search above can fail

    CliRun quiet = CliRun.withInput("great\n", "text", "predict", "--model", masked.toString());
    assertThat(quiet.err()).doesNotContain("without PII masking");
    CliRun warned = CliRun.withInput("great\n", "text", "predict", "--model", unmasked.toString());
    assertThat(warned.exitCode()).as(warned.err()).isZero();
    assertThat(warned.err().split("without PII masking", -1)).hasSize(2);   // said exactly once
  }

  private static String inflated(Path file) throws Exception {
    StringBuilder all = new StringBuilder();
    try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        all.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return all.toString().toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void evalJsonHasTheNamedKeysAndPerfectScoresOnSeparableData() throws Exception {
    // TSV detected from the extension
    CliRun eval = CliRun.of("text", "eval", "--model", model.toString(), "--data", tsv.toString(),
        "--text-column", "review", "--label-column", "sentiment", "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(eval.out());
    assertThat(json.get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(json.get("macro_f1").asDouble()).isEqualTo(1.0);
    assertThat(json.get("n").asInt()).isEqualTo(40);
    assertThat(json.get("log_loss").asDouble()).isBetween(0.0, Math.log(2)); // better than a coin
    assertThat(json.get("per_class").get("pos").get("support").asInt()).isEqualTo(20);
    assertThat(json.get("per_class").get("neg").get("recall").asDouble()).isEqualTo(1.0);
  }

  @Test
  void sepOptionOverridesTheExtension() throws Exception {
    Path semicolons = Files.writeString(dir.resolve("x.csv"), "review;sentiment\ngreat lovely dress;pos\nawful broken dress;neg\n");
    CliRun eval = CliRun.of("text", "eval", "--model", model.toString(), "--data", semicolons.toString(),
        "--text-column", "review", "--label-column", "sentiment", "--sep", ";", "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(new ObjectMapper().readTree(eval.out()).get("n").asInt()).isEqualTo(2);
  }

  @Test
  void predictReadsOneTextPerLine() {
    CliRun run = CliRun.withInput("great happy dress\nangry refund dress\n", "text", "predict", "--model", model.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().split("\\R");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("pos\t");
    assertThat(lines[1]).startsWith("neg\t");
    assertThat(Double.parseDouble(lines[0].split("\t")[1])).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
  }

  @Test
  void predictExplainAddsTheReasons() {
    CliRun run = CliRun.withInput("angry refund dress\n", "text", "predict", "--model", model.toString(), "--explain");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] cols = run.out().trim().split("\t");
    assertThat(cols).hasSize(3);
    assertThat(cols[2]).containsAnyOf("angry", "refund");
  }

  @Test
  void errorsAreOneLineWithoutStackTrace() {
    CliRun missing = CliRun.of("text", "eval", "--model", model.toString(), "--data", dir.resolve("nope.csv").toString(),
        "--text-column", "review", "--label-column", "sentiment");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip().lines()).hasSize(1);
    assertThat(missing.err()).contains("nope.csv").doesNotContain("Exception").doesNotContain("\tat ");

    CliRun column = CliRun.of("text", "eval", "--model", model.toString(), "--data", csv.toString(),
        "--text-column", "body", "--label-column", "sentiment");
    assertThat(column.exitCode()).isEqualTo(1);
    assertThat(column.err()).contains("body").doesNotContain("\tat ");

    CliRun badModel = CliRun.of("text", "eval", "--model", csv.toString(), "--data", csv.toString(),
        "--text-column", "review", "--label-column", "sentiment");
    assertThat(badModel.exitCode()).isEqualTo(1);
    assertThat(badModel.err().strip().lines()).hasSize(1);

    CliRun usage = CliRun.of("text", "train", "--data", csv.toString());
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("--out").contains("--help");
    assertThat(usage.err().strip().lines()).hasSize(1);

    CliRun badType = CliRun.of("text", "train", "--data", csv.toString(), "--text-column", "review",
        "--label-column", "sentiment", "--model", "bert", "--out", dir.resolve("b.mercato").toString());
    assertThat(badType.exitCode()).isEqualTo(1);
    assertThat(badType.err()).contains("bert").contains("rnn, attention");
  }

  @Test
  void trainsSequenceModelsThatPredictAndExplain() {
    for (String type : new String[] {"rnn", "attention"}) {
      Path file = dir.resolve(type + ".mercato");
      CliRun train = CliRun.of("text", "train", "--data", csv.toString(), "--text-column", "review",
          "--label-column", "sentiment", "--model", type, "--seed", "5", "--out", file.toString());
      assertThat(train.exitCode()).as(train.err()).isZero();
      assertThat(train.out()).contains("trained a " + type + " model on 40 texts");

      CliRun run = CliRun.withInput("great happy dress\n", "text", "predict", "--model", file.toString(), "--explain");
      assertThat(run.exitCode()).as(run.err()).isZero();
      String[] cols = run.out().trim().split("\t");
      assertThat(cols).as(type).hasSize(3);
      assertThat(cols[0]).as(type).isEqualTo("pos");
    }
  }

  @Test
  void helpEverywhere() {
    for (String[] args : new String[][] {
        {"--help"}, {"text", "--help"}, {"text", "train", "--help"}, {"text", "eval", "--help"},
        {"text", "predict", "--help"}, {"recsys", "--help"}, {"recsys", "train", "--help"},
        {"recsys", "eval", "--help"}, {"recsys", "recommend", "--help"}, {"serve", "--help"}, {"demo", "--help"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).contains("Usage:");
    }
    assertThat(CliRun.of("text", "train", "--help").out())
        .contains("--data", "--text-column", "--label-column", "--model", "--seed", "--out");
  }
}
