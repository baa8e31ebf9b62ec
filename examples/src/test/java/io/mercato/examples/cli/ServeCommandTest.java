package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mercato.examples.serve.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve command's refusals (the service itself is tested in ModelServerTest). */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void needsAtLeastOneModel() {
    CliRun run = CliRun.of("serve", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--text-model").contains("--recsys-model");
  }

  @Test
  void unreadableModelIsOneLineError() throws Exception {
    Path notAModel = Files.writeString(dir.resolve("x.mercato"), "not a zip");
    CliRun run = CliRun.of("serve", "--port", "0", "--text-model", notAModel.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("x.mercato").doesNotContain("\tat ");
  }

  @Test
  void securityOptionsAreCheckedBeforeModelsLoadWithOneLineErrors() throws Exception {
    String model = dir.resolve("never-read.mercato").toString();
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--tls-keystore", "x.p12"),
        "--tls-keystore needs --tls-password-env");
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--tls-password-env", "P"),
        "--tls-password-env needs --tls-keystore");
    assertOneLineError(CliRun.withEnvironment(Map.of(), "serve", "--text-model", model,
        "--tls-keystore", "x.p12", "--tls-password-env", "MERCATO_TEST_UNSET_VAR"), "MERCATO_TEST_UNSET_VAR is not set");
    assertOneLineError(CliRun.withEnvironment(Map.of("P", "secret-password"), "serve", "--text-model", model,
        "--tls-keystore", dir.resolve("missing.p12").toString(), "--tls-password-env", "P"), "does not exist");
    Path keys = Files.writeString(dir.resolve("keys.txt"), "shop classify 0123456789abcdef0123\n");
    assertOneLineError(CliRun.withEnvironment(Map.of("K", "ops admin 0123456789abcdef0123"), "serve",
        "--text-model", model, "--api-keys", keys.toString(), "--api-keys-env", "K"), "not both");
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--api-keys-env", "MERCATO_TEST_UNSET_VAR"),
        "MERCATO_TEST_UNSET_VAR is not set");
    assertOneLineError(CliRun.withEnvironment(Map.of("K", "ops everything 0123456789abcdef0123"), "serve",
        "--text-model", model, "--api-keys-env", "K"), "unknown scope 'everything'");
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--rate-limit", "fast"), "e.g. 50/s");
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--rate-limit", "0/s"), "--rate-limit");
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--threads", "0"), "threads");
    assertOneLineError(CliRun.of("serve", "--text-model", model, "--rate-burst", "5"), "--rate-burst needs --rate-limit");
  }

  @Test
  void theSecretOfAnInlineKeyIsNeverEchoed() {
    String secret = "do-not-print-this-secret";
    CliRun run = CliRun.withEnvironment(Map.of("K", "bad/name classify " + secret), "serve",
        "--text-model", dir.resolve("m.mercato").toString(), "--api-keys-env", "K");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("bad/name").doesNotContain(secret);
  }

  @Test
  void keygenPrintsATokenAndAKeyLineThatAcceptsIt() {
    CliRun run = CliRun.of("serve", "keygen", "shop-web", "classify,recommend");
    assertThat(run.exitCode()).isEqualTo(0);
    String token = run.out().strip();
    String line = run.err().strip();
    assertThat(line).startsWith("shop-web classify,recommend sha256:").doesNotContain(token);
    // the line's hash is SHA-256 of the token, computed here independently
    String hex = HexFormat.of().formatHex(sha256(token));
    assertThat(line).endsWith(hex);
    ApiKeys keys = ApiKeys.parse("keygen", line);
    assertThat(keys.authenticate(token)).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("shop-web"));
    assertThat(CliRun.of("serve", "keygen", "shop-web", "classify").out().strip()).isNotEqualTo(token);
    assertOneLineError(CliRun.of("serve", "keygen", "shop", "everything"), "unknown scope");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertOneLineError(CliRun run, String part) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains(part).doesNotContain("\tat ");
  }

  @Test
  void missingCommandSaysWhatToTry() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mercato --help");
  }
}
