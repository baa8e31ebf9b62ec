package io.mercato.examples.cli;

import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Held-out interactions for {@code recsys eval}: (user, item, rating) rows read with the same
 * column options as the training file. Rating is NaN when there is no rating column.
 */
record TestSet(List<Row> rows, boolean rated) {
  /** One held-out interaction. */
  record Row(String user, String item, double rating) {}

  static TestSet read(Path file, RecsysCommand.Columns columns) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CsvReader csv = CsvReader.open(file, columns.format.separator(file))) {
      int user = csv.column(columns.userColumn);
      int item = csv.column(columns.itemColumn);
      int rating = columns.ratingColumn == null ? -1 : csv.column(columns.ratingColumn);
      for (CsvRecord r : csv) {
        double value = Double.NaN;
        if (rating >= 0) {
          try {
            value = Double.parseDouble(r.get(rating).trim());
          } catch (NumberFormatException e) {
            throw r.error(columns.ratingColumn, "not a number: '" + r.get(rating) + "'");
          }
        }
        rows.add(new Row(r.get(user).trim(), r.get(item).trim(), value));
      }
    }
    return new TestSet(List.copyOf(rows), rating(columns));
  }

  private static boolean rating(RecsysCommand.Columns columns) {
    return columns.ratingColumn != null;
  }
}
