package io.mercato.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneHotEncoderTest {

    private static final String[][] TRAIN = {{"red", "S"}, {"blue", "M"}, {"red", "L"}, {"green", "M"}};

    @Test
    void encodesSortedCategoriesPerColumn() {
        OneHotEncoder enc = OneHotEncoder.fit(TRAIN, OneHotEncoder.UnknownPolicy.ERROR);
        assertThat(enc.categories(0)).containsExactly("blue", "green", "red");
        assertThat(enc.categories(1)).containsExactly("L", "M", "S");
        assertThat(enc.outputWidth()).isEqualTo(6);
        assertThat(enc.columns()).isEqualTo(2);
        // hand-worked: red -> [0,0,1], L -> [1,0,0]
        assertThat(enc.transform(new String[] {"red", "L"})).containsExactly(0, 0, 1, 1, 0, 0);
        double[][] all = enc.transform(TRAIN);
        for (double[] row : all) {
            double sum = 0;
            for (double v : row) {
                sum += v;
            }
            assertThat(sum).isEqualTo(2.0); // exactly one 1 per input column
        }
        assertThat(enc.featureNames(List.of("color", "size")))
                .containsExactly("color=blue", "color=green", "color=red", "size=L", "size=M", "size=S");
    }

    @Test
    void unknownCategoryPolicies() {
        OneHotEncoder strict = OneHotEncoder.fit(TRAIN, OneHotEncoder.UnknownPolicy.ERROR);
        assertThatThrownBy(() -> strict.transform(new String[][] {{"red", "M"}, {"purple", "M"}}))
                .isInstanceOf(DataException.class)
                .hasMessage("row 1, column 0: unknown category 'purple'; categories seen in training: [blue, green, red]");
        assertThatThrownBy(() -> strict.transform(new String[] {"red", null}))
                .hasMessage("column 1: unknown category null (missing value); categories seen in training: [L, M, S]");
        OneHotEncoder lenient = OneHotEncoder.fit(TRAIN, OneHotEncoder.UnknownPolicy.IGNORE);
        assertThat(lenient.transform(new String[] {"purple", "M"})).containsExactly(0, 0, 0, 0, 1, 0);
        assertThat(lenient.policy()).isEqualTo(OneHotEncoder.UnknownPolicy.IGNORE);
    }

    @Test
    void missingValuesAreRejectedAtFit() {
        assertThatThrownBy(() -> OneHotEncoder.fit(new String[][] {{"a"}, {null}}, OneHotEncoder.UnknownPolicy.IGNORE))
                .isInstanceOf(DataException.class).hasMessage("row 1, column 0: missing value; impute it first (see Imputer)");
        assertThatThrownBy(() -> OneHotEncoder.fit(TRAIN, null).transform(new String[] {"red"}))
                .hasMessage("row 0 has 1 columns but 2 were expected");
    }
}
