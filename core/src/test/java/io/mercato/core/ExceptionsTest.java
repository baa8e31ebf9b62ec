package io.mercato.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void dataExceptionNamesSourceLineAndColumn() {
        assertThat(DataException.at("reviews.csv", 12, "rating", "not a number: 'five'").getMessage())
                .isEqualTo("reviews.csv, line 12, column 'rating': not a number: 'five'");
        assertThat(DataException.at("reviews.csv", 3, null, "expected 2 fields").getMessage())
                .isEqualTo("reviews.csv, line 3: expected 2 fields");
    }

    @Test
    void configurationExceptionNamesSettingValueAndRange() {
        assertThat(ConfigurationException.invalid("learningRate", -0.5, "must be in (0, 1]").getMessage())
                .isEqualTo("invalid setting 'learningRate' = -0.5: must be in (0, 1]");
    }

    @Test
    void modelFileExceptionNamesFile() {
        ModelFileException e = new ModelFileException(Path.of("m.mercato"), "truncated");
        assertThat(e.getMessage()).isEqualTo("m.mercato: truncated");
        assertThat(e.file()).isEqualTo(Path.of("m.mercato"));
        assertThat(e).isInstanceOf(MercatoException.class);
    }

    @Test
    void checksReturnValidValues() {
        assertThat(Check.positive("k", 3)).isEqualTo(3);
        assertThat(Check.positive("lr", 0.1)).isEqualTo(0.1);
        assertThat(Check.atLeast("epochs", 1, 1)).isEqualTo(1);
        assertThat(Check.inRange("dropout", 0.0, 0.0, 1.0)).isEqualTo(0.0);
        assertThat(Check.inRange("dropout", 1.0, 0.0, 1.0)).isEqualTo(1.0);
        assertThat(Check.nonNegative("l2", 0.0)).isEqualTo(0.0);
        assertThat(Check.notNull("name", "x")).isEqualTo("x");
    }

    @Test
    void checksRejectWithSettingValueAndRange() {
        assertThatThrownBy(() -> Check.positive("k", 0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid setting 'k' = 0: must be > 0");
        assertThatThrownBy(() -> Check.positive("lr", Double.NaN)).hasMessageContaining("'lr' = NaN");
        assertThatThrownBy(() -> Check.positive("lr", Double.POSITIVE_INFINITY)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Check.atLeast("epochs", 0, 1)).hasMessage("invalid setting 'epochs' = 0: must be >= 1");
        assertThatThrownBy(() -> Check.inRange("dropout", 1.5, 0, 1))
                .hasMessage("invalid setting 'dropout' = 1.5: must be in [0.0, 1.0]");
        assertThatThrownBy(() -> Check.inRange("dropout", Double.NaN, 0, 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Check.inRange("k", 11, 1, 10)).hasMessage("invalid setting 'k' = 11: must be in [1, 10]");
        assertThatThrownBy(() -> Check.nonNegative("l2", -1e-9)).hasMessageContaining("'l2' = -1.0E-9");
        assertThatThrownBy(() -> Check.notNull("name", null)).hasMessage("invalid setting 'name' = null: is required");
    }
}
