package io.mercato.examples.evaluate;

import io.mercato.core.DataException;
import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Held-out interactions: (user, item, rating) rows. Rating is NaN when the data has no rating
 * column ({@link #rated()} false); then every held-out item counts as relevant.
 *
 * @param rows the held-out interactions in file order
 * @param rated whether the rows carry ratings
 */
public record Holdout(List<Row> rows, boolean rated) {
  /** One held-out interaction. */
  public record Row(String user, String item, double rating) {}

  /** Copies the rows. */
  public Holdout {
    rows = List.copyOf(rows);
  }

  /**
   * Reads a held-out table from a CSV/TSV file with a header.
   *
   * @param ratingColumn the rating column, or null when there is none
   */
  public static Holdout read(Path file, char separator, String userColumn, String itemColumn,
      String ratingColumn) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CsvReader csv = CsvReader.open(file, separator)) {
      int user = csv.column(userColumn);
      int item = csv.column(itemColumn);
      int rating = ratingColumn == null ? -1 : csv.column(ratingColumn);
      for (CsvRecord r : csv) {
        rows.add(new Row(r.get(user).trim(), r.get(item).trim(),
            rating < 0 ? Double.NaN : number(r, ratingColumn, r.get(rating))));
      }
    }
    return new Holdout(rows, ratingColumn != null);
  }

  private static double number(CsvRecord r, String column, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      DataException error = r.error(column, "not a number: '" + value + "'");
      throw error;
    }
  }
}
