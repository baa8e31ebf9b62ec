package io.mercato.recsys.mf;

import java.util.Arrays;

/**
 * A compact sparse user × item matrix held twice, row-compressed by user and by item, on primitive arrays.
 *
 * <p>Factorization trainers sweep it by user and by item; holding both orientations as {@code int}/{@code float}
 * arrays keeps a 10-million-entry matrix at about 160 MB and every sweep cache friendly.
 */
public final class RatingMatrix {

  private final int users;
  private final int items;
  private final int[] userStart;
  private final int[] userItems;
  private final float[] userValues;
  private final int[] itemStart;
  private final int[] itemUsers;
  private final float[] itemValues;
  private final double mean;

  private RatingMatrix(int users, int items, int[] userStart, int[] userItems, float[] userValues,
      int[] itemStart, int[] itemUsers, float[] itemValues) {
    this.users = users;
    this.items = items;
    this.userStart = userStart;
    this.userItems = userItems;
    this.userValues = userValues;
    this.itemStart = itemStart;
    this.itemUsers = itemUsers;
    this.itemValues = itemValues;
    double sum = 0;
    for (float v : userValues) {
      sum += v;
    }
    this.mean = userValues.length == 0 ? 0 : sum / userValues.length;
  }

  /**
   * Builds the matrix from coordinate triples. Each (user, item) pair must occur at most once.
   *
   * @throws IllegalArgumentException for lengths that differ, indices out of range or a repeated pair
   */
  public static RatingMatrix of(int users, int items, int[] user, int[] item, float[] value) {
    if (user.length != item.length || user.length != value.length) {
      throw new IllegalArgumentException("user, item and value arrays differ in length: "
          + user.length + ", " + item.length + ", " + value.length);
    }
    int n = user.length;
    int[] userStart = new int[users + 1];
    int[] itemStart = new int[items + 1];
    for (int e = 0; e < n; e++) {
      if (user[e] < 0 || user[e] >= users || item[e] < 0 || item[e] >= items) {
        throw new IllegalArgumentException("entry " + e + " (" + user[e] + ", " + item[e]
            + ") outside a " + users + " x " + items + " matrix");
      }
      userStart[user[e] + 1]++;
      itemStart[item[e] + 1]++;
    }
    for (int u = 0; u < users; u++) {
      userStart[u + 1] += userStart[u];
    }
    for (int i = 0; i < items; i++) {
      itemStart[i + 1] += itemStart[i];
    }
    // Fill the user orientation first; walking it in user order then fills the item orientation with
    // users ascending within each item, so only the user rows ever need sorting.
    int[] userItems = new int[n];
    float[] userValues = new float[n];
    int[] fill = Arrays.copyOf(userStart, users);
    for (int e = 0; e < n; e++) {
      int p = fill[user[e]]++;
      userItems[p] = item[e];
      userValues[p] = value[e];
    }
    for (int u = 0; u < users; u++) {
      sortRow(userItems, userValues, userStart[u], userStart[u + 1]);
      for (int p = userStart[u] + 1; p < userStart[u + 1]; p++) {
        if (userItems[p] == userItems[p - 1]) {
          throw new IllegalArgumentException("pair (" + u + ", " + userItems[p] + ") occurs more than once");
        }
      }
    }
    int[] itemUsers = new int[n];
    float[] itemValues = new float[n];
    fill = Arrays.copyOf(itemStart, items);
    for (int u = 0; u < users; u++) {
      for (int p = userStart[u]; p < userStart[u + 1]; p++) {
        int q = fill[userItems[p]]++;
        itemUsers[q] = u;
        itemValues[q] = userValues[p];
      }
    }
    return new RatingMatrix(users, items, userStart, userItems, userValues, itemStart, itemUsers, itemValues);
  }

  private static void sortRow(int[] idx, float[] val, int from, int to) {
    boolean sorted = true;
    for (int p = from + 1; p < to && sorted; p++) {
      sorted = idx[p - 1] < idx[p];
    }
    if (sorted) {
      return;
    }
    long[] packed = new long[to - from];
    for (int p = from; p < to; p++) {
      packed[p - from] = ((long) idx[p] << 32) | (Float.floatToRawIntBits(val[p]) & 0xFFFFFFFFL);
    }
    Arrays.sort(packed);
    for (int p = from; p < to; p++) {
      idx[p] = (int) (packed[p - from] >>> 32);
      val[p] = Float.intBitsToFloat((int) packed[p - from]);
    }
  }

  /** Number of rows (users). */
  public int users() {
    return users;
  }

  /** Number of columns (items). */
  public int items() {
    return items;
  }

  /** Number of stored entries. */
  public int size() {
    return userItems.length;
  }

  /** Mean of the stored values (0 for an empty matrix). */
  public double mean() {
    return mean;
  }

  int userStart(int u) {
    return userStart[u];
  }

  int userEnd(int u) {
    return userStart[u + 1];
  }

  int itemStart(int i) {
    return itemStart[i];
  }

  int itemEnd(int i) {
    return itemStart[i + 1];
  }

  /** Item of the entry at position {@code p} of the user-major arrays. */
  int itemAt(int p) {
    return userItems[p];
  }

  /** Value of the entry at position {@code p} of the user-major arrays. */
  float userValueAt(int p) {
    return userValues[p];
  }

  /** User of the entry at position {@code p} of the item-major arrays. */
  int userAt(int p) {
    return itemUsers[p];
  }

  /** Value of the entry at position {@code p} of the item-major arrays. */
  float itemValueAt(int p) {
    return itemValues[p];
  }

  /** Number of entries of user {@code u}. */
  public int userCount(int u) {
    return userStart[u + 1] - userStart[u];
  }

  /** Number of entries of item {@code i}. */
  public int itemCount(int i) {
    return itemStart[i + 1] - itemStart[i];
  }

  /** Whether user {@code u} has an entry for item {@code i} (binary search in the user's row). */
  public boolean contains(int u, int i) {
    return Arrays.binarySearch(userItems, userStart[u], userStart[u + 1], i) >= 0;
  }

  /** The items of user {@code u}, ascending (a copy). */
  public int[] itemsOf(int u) {
    return Arrays.copyOfRange(userItems, userStart[u], userStart[u + 1]);
  }

  /** The values of user {@code u}, aligned with {@link #itemsOf(int)} (a copy). */
  public float[] valuesOf(int u) {
    return Arrays.copyOfRange(userValues, userStart[u], userStart[u + 1]);
  }

  /** The transposed view: an item × user matrix sharing this matrix's arrays. */
  RatingMatrix transpose() {
    return new RatingMatrix(items, users, itemStart, itemUsers, itemValues, userStart, userItems, userValues);
  }
}
