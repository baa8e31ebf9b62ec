package io.mercato.recsys.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InteractionsTest {

    @Test
    void indexesByFirstAppearanceAndSortsRowsBothWays() {
        Interactions d = Interactions.builder()
                .add("u1", "b", 2).add("u1", "a", 1).add("u2", "a", 3).build();
        assertThat(d.users().ids()).containsExactly("u1", "u2");
        assertThat(d.items().ids()).containsExactly("b", "a");
        assertThat(d.userItems(0)).containsExactly(0, 1); // b, a by index
        assertThat(d.userValues(0)).containsExactly(2f, 1f);
        assertThat(d.itemUsers(1)).containsExactly(0, 1);
        assertThat(d.itemValues(1)).containsExactly(1f, 3f);
        assertThat(d.value(1, 0)).isNaN();
        assertThat(d.value(1, 1)).isEqualTo(3.0);
        assertThat(d.globalMean()).isEqualTo(2.0);
        assertThat(d.minValue()).isEqualTo(1.0);
        assertThat(d.maxValue()).isEqualTo(3.0);
        assertThat(d.size()).isEqualTo(3);
    }

    @Test
    void numericIdsAreTheirDecimalStrings() {
        Interactions d = Interactions.builder().add(42L, 7L, 2).add("42", "8", 1).add(-3L, 7L, 4, 100L).build();
        assertThat(d.users().ids()).containsExactly("42", "-3");
        assertThat(d.items().ids()).containsExactly("7", "8");
        assertThat(d.userItems(0)).containsExactly(0, 1); // user 42 and "42" are one user
        assertThat(d.value(1, 0)).isEqualTo(4.0);
    }

    @Test
    void duplicatePolicies() {
        // (u, i) three times: values 2 @ t=30, 5 @ t=10, 1 @ t=20
        for (Interactions.DuplicatePolicy p : Interactions.DuplicatePolicy.values()) {
            Interactions d = Interactions.builder().duplicatePolicy(p)
                    .add("u", "i", 2, 30).add("u", "i", 5, 10).add("u", "i", 1, 20).build();
            assertThat(d.size()).isEqualTo(1);
            double expected = switch (p) {
                case SUM -> 8;   // 2 + 5 + 1
                case LAST -> 2;  // latest timestamp, 30
                case MAX -> 5;
            };
            long expectedTime = switch (p) {
                case SUM -> 30;  // latest
                case LAST -> 30;
                case MAX -> 10;  // the max value's own timestamp
            };
            assertThat(d.value(0, 0)).as(p.name()).isEqualTo(expected);
            assertThat(d.byUser().timestamp(0)).as(p.name()).isEqualTo(expectedTime);
        }
    }

    @Test
    void lastWithoutTimestampsIsInsertionOrder() {
        Interactions d = Interactions.builder().add("u", "i", 4).add("u", "i", 1).build();
        assertThat(d.value(0, 0)).isEqualTo(1.0);
        assertThat(d.hasTimestamps()).isFalse();
    }

    @Test
    void eventWeights() {
        Interactions d = Interactions.builder().duplicatePolicy(Interactions.DuplicatePolicy.SUM)
                .eventWeights(Map.of("view", 1.0, "purchase", 5.0))
                .addEvent("u", "i", "view", 1).addEvent("u", "i", "purchase", 2).build();
        assertThat(d.value(0, 0)).isEqualTo(6.0);
        assertThatThrownBy(() -> Interactions.builder().eventWeights(Map.of("view", 1.0)).addEvent("u", "i", "cart", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cart");
    }

    @Test
    void rejectsNonFiniteValues() {
        assertThatThrownBy(() -> Interactions.builder().add("u", "i", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void selectDropsEmptyUsersAndItemsKeepingOrder() {
        Interactions d = Interactions.builder()
                .add("u1", "a", 1).add("u1", "b", 2).add("u2", "c", 3).add("u3", "b", 4).build();
        // entries in byUser order: (u1,a) (u1,b) (u2,c) (u3,b); keep 1st, 3rd, 4th
        Interactions s = d.select(new boolean[] {true, false, true, true});
        assertThat(s.users().ids()).containsExactly("u1", "u2", "u3");
        assertThat(s.items().ids()).containsExactly("a", "b", "c");
        assertThat(s.value(s.users().index("u3"), s.items().index("b"))).isEqualTo(4.0);
        assertThat(s.size()).isEqualTo(3);
        Interactions only = d.select(new boolean[] {false, false, true, false});
        assertThat(only.users().ids()).containsExactly("u2");
        assertThat(only.items().ids()).containsExactly("c");
    }

    @Test
    void plusKeepsIndicesAndAppendsNewIds() {
        Interactions d = Interactions.builder().add("u1", "b", 1).add("u1", "a", 2).add("u2", "a", 3).build();
        Interactions more = Interactions.builder().add("u3", "a", 5).add("u1", "c", 4).add("u1", "b", 9).build();
        Interactions m = d.plus(more, Interactions.DuplicatePolicy.LAST);
        assertThat(m.users().ids()).containsExactly("u1", "u2", "u3");
        assertThat(m.items().ids()).containsExactly("b", "a", "c");
        assertThat(m.value(0, 0)).isEqualTo(9.0);
        assertThat(m.size()).isEqualTo(5);
    }

    @Test
    void catalogItemsWithoutInteractions() {
        Interactions d = Interactions.builder().add("u", "a", 1).addItem("new").build();
        assertThat(d.itemCount()).isEqualTo(2);
        assertThat(d.byItem().length(d.items().index("new"))).isZero();
    }

    @Test
    void binaryRoundTripAndCorruption() throws IOException {
        Interactions d = Interactions.builder().add("u1", "x", 1.5, 100).add("u2", "y", 2, 200).add("u2", "x", 3, 300).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.write(new DataOutputStream(bytes));
        Interactions back = Interactions.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.users().ids()).isEqualTo(d.users().ids());
        assertThat(back.items().ids()).isEqualTo(d.items().ids());
        assertThat(back.value(1, 0)).isEqualTo(3.0);
        assertThat(back.byUser().timestamp(2)).isEqualTo(d.byUser().timestamp(2));
        byte[] truncated = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 5);
        assertThatThrownBy(() -> Interactions.read(new DataInputStream(new ByteArrayInputStream(truncated))))
                .isInstanceOf(IOException.class);
        byte[] foreign = "not interactions at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Interactions.read(new DataInputStream(new ByteArrayInputStream(foreign))))
                .isInstanceOf(IOException.class).hasMessageContaining("not an interactions block");
    }
}
