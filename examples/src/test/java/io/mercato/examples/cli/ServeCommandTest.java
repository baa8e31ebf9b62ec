package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
  void missingCommandSaysWhatToTry() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mercato --help");
  }
}
