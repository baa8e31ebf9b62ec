package io.mercato.recsys.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatingMatrixTest {

  // 3 users x 4 items, entries given out of order:
  //   u0: i3=1, i1=2   u1: (none)   u2: i0=5, i3=4
  private final RatingMatrix m = RatingMatrix.of(3, 4,
      new int[] {2, 0, 0, 2}, new int[] {3, 3, 1, 0}, new float[] {4, 1, 2, 5});

  @Test
  void rowsAreSortedByItemAndCarryTheirValues() {
    assertThat(m.itemsOf(0)).containsExactly(1, 3);
    assertThat(m.valuesOf(0)).containsExactly(2f, 1f);
    assertThat(m.itemsOf(1)).isEmpty();
    assertThat(m.itemsOf(2)).containsExactly(0, 3);
    assertThat(m.valuesOf(2)).containsExactly(5f, 4f);
    assertThat(m.size()).isEqualTo(4);
    assertThat(m.mean()).isEqualTo((4 + 1 + 2 + 5) / 4.0);
  }

  @Test
  void transposeListsUsersPerItem() {
    RatingMatrix t = m.transpose();
    assertThat(t.users()).isEqualTo(4);
    assertThat(t.items()).isEqualTo(3);
    assertThat(t.itemsOf(3)).containsExactly(0, 2);
    assertThat(t.valuesOf(3)).containsExactly(1f, 4f);
    assertThat(t.itemsOf(2)).isEmpty();
    assertThat(m.itemCount(3)).isEqualTo(2);
  }

  @Test
  void containsFindsStoredPairsOnly() {
    assertThat(m.contains(0, 1)).isTrue();
    assertThat(m.contains(0, 0)).isFalse();
    assertThat(m.contains(1, 3)).isFalse();
    assertThat(m.contains(2, 3)).isTrue();
  }

  @Test
  void rejectsRepeatedPairsAndOutOfRangeIndices() {
    assertThatThrownBy(() -> RatingMatrix.of(2, 2, new int[] {0, 0}, new int[] {1, 1}, new float[] {1, 2}))
        .hasMessageContaining("(0, 1) occurs more than once");
    assertThatThrownBy(() -> RatingMatrix.of(2, 2, new int[] {0}, new int[] {2}, new float[] {1}))
        .hasMessageContaining("outside a 2 x 2 matrix");
    assertThatThrownBy(() -> RatingMatrix.of(2, 2, new int[] {0}, new int[] {1, 0}, new float[] {1}))
        .hasMessageContaining("differ in length");
  }
}
