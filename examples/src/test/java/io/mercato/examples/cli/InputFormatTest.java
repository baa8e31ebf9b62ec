package io.mercato.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputFormatTest {

  @Test
  void separatorFromExtensionUnlessGiven() {
    InputFormat f = new InputFormat();
    assertThat(f.separator(Path.of("a.tsv"))).isEqualTo('\t');
    assertThat(f.separator(Path.of("a.CSV"))).isEqualTo(',');
    f.sep = "tab";
    assertThat(f.separator(Path.of("a.csv"))).isEqualTo('\t');
    f.sep = ";";
    assertThat(f.separator(Path.of("a.tsv"))).isEqualTo(';');
  }

  @Test
  void rejectsMultiCharacterSeparators() {
    assertThatThrownBy(() -> InputFormat.parse("ab"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("--sep");
  }
}
