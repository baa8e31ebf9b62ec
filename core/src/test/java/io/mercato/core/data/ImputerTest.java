package io.mercato.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import org.junit.jupiter.api.Test;

/** Numeric fill values: python3 + scikit-learn 1.2.1 SimpleImputer(strategy=...).fit(X).statistics_. */
class ImputerTest {

    private static final double NA = Double.NaN;
    private static final double[][] X = {{1, NA}, {NA, 3}, {4, 3}, {10, 8}, {4, NA}};

    @Test
    void numericStrategiesMatchSklearn() {
        assertThat(Imputer.fitNumeric(X, Imputer.Strategy.MEAN).fillValues())
                .containsExactly(new double[] {4.75, 4.666666666666667}, within(1e-12));
        assertThat(Imputer.fitNumeric(X, Imputer.Strategy.MEDIAN).fillValues()).containsExactly(4.0, 3.0);
        assertThat(Imputer.fitNumeric(X, Imputer.Strategy.MOST_FREQUENT).fillValues()).containsExactly(4.0, 3.0);
        double[][] filled = Imputer.fitNumeric(X, Imputer.Strategy.MEDIAN).transform(X);
        assertThat(filled).isDeepEqualTo(new double[][] {{1, 3}, {4, 3}, {4, 3}, {10, 8}, {4, 3}});
        assertThat(X[1][0]).as("input untouched").isNaN();
    }

    @Test
    void medianOfEvenCountAndMostFrequentTieTakesSmallest() {
        double[][] x = {{1}, {9}, {3}, {7}, {NA}};
        assertThat(Imputer.fitNumeric(x, Imputer.Strategy.MEDIAN).fillValues()).containsExactly(5.0);
        assertThat(Imputer.fitNumeric(x, Imputer.Strategy.MOST_FREQUENT).fillValues()).containsExactly(1.0);
    }

    @Test
    void dropRowsAndCompleteRows() {
        assertThat(Imputer.completeRows(X)).containsExactly(2, 3);
        assertThat(Imputer.fitNumeric(X, Imputer.Strategy.DROP_ROWS).transform(X))
                .isDeepEqualTo(new double[][] {{4, 3}, {10, 8}});
        String[][] s = {{"a", "x"}, {" ", "y"}, {"b", null}, {"c", "z"}};
        assertThat(Imputer.completeRows(s)).containsExactly(0, 3);
        assertThat(Imputer.fitCategorical(s, Imputer.Strategy.DROP_ROWS).transform(s))
                .isDeepEqualTo(new String[][] {{"a", "x"}, {"c", "z"}});
    }

    @Test
    void constants() {
        assertThat(Imputer.constantNumeric(-1).transform(X)[0]).containsExactly(1, -1);
        String[][] s = {{"a", null}, {"", "b"}};
        assertThat(Imputer.constantCategorical("unknown").transform(s))
                .isDeepEqualTo(new String[][] {{"a", "unknown"}, {"unknown", "b"}});
    }

    @Test
    void categoricalMostFrequentTiesGoToSmallest() {
        String[][] s = {{"b", "x"}, {"a", "x"}, {"b", null}, {"a", "y"}, {null, "y"}};
        Imputer.Categorical imp = Imputer.fitCategorical(s, Imputer.Strategy.MOST_FREQUENT);
        assertThat(imp.fillValues()).containsExactly("a", "x");
        assertThat(imp.transform(s)[4]).containsExactly("a", "y");
        assertThat(imp.transform(s)[2]).containsExactly("b", "x");
    }

    @Test
    void invalidStrategiesAndEmptyColumns() {
        assertThatThrownBy(() -> Imputer.fitCategorical(new String[][] {{"a"}}, Imputer.Strategy.MEAN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("invalid setting 'strategy' = MEAN: categorical columns allow DROP_ROWS, MOST_FREQUENT or CONSTANT");
        assertThatThrownBy(() -> Imputer.fitNumeric(X, Imputer.Strategy.CONSTANT))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Imputer.constantNumeric(value)");
        assertThatThrownBy(() -> Imputer.fitNumeric(new double[][] {{1, NA}, {2, NA}}, Imputer.Strategy.MEAN))
                .isInstanceOf(DataException.class).hasMessage("column 1 has no values to compute the MEAN from");
        assertThatThrownBy(() -> Imputer.fitNumeric(new double[][] {{Double.POSITIVE_INFINITY}}, Imputer.Strategy.MEAN))
                .hasMessage("row 0, column 0 is Infinity; only NaN marks a missing value");
        assertThatThrownBy(() -> Imputer.constantCategorical(" ")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Imputer.fitNumeric(X, Imputer.Strategy.MEAN).transform(new double[][] {{1, 2, 3}}))
                .hasMessage("row 0 has 3 columns but 2 were expected");
    }
}
