package io.mercato.text.data;

import io.mercato.core.ConfigurationException;
import io.mercato.core.DataException;
import io.mercato.core.data.CsvReader;
import io.mercato.core.data.CsvRecord;
import io.mercato.text.LabeledText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Loads labelled texts from a CSV or TSV file with a header row (RFC 4180 quoting, UTF-8 with or without
 * BOM, through core's {@link CsvReader}). The text and label columns are chosen by name; multi-label cells
 * are split on a label separator. Rows with an empty text or a missing label are skipped and counted, or
 * fail the load, as chosen; malformed CSV always fails with a {@link DataException} naming the file and
 * line.
 *
 * <pre>{@code
 * LoadResult data = TextDataset.csv(Path.of("reviews.csv")).textColumn("review").labelColumn("sentiment").load();
 * }</pre>
 */
public final class TextDataset {

  private TextDataset() {}

  /** What to do with a row whose text is empty or whose label is missing. */
  public enum RowPolicy {
    /** Skip the row, count it and note its line in {@link LoadResult#problems()}. */
    SKIP_AND_COUNT,
    /** Fail the load with a {@link DataException} naming the file, line and column. */
    FAIL
  }

  /**
   * The loaded rows and what was skipped.
   *
   * @param rows                the labelled texts, in file order
   * @param skippedEmptyText    rows skipped because their text was empty or blank
   * @param skippedMissingLabel rows skipped because their label was empty
   * @param problems            one line per skipped row ("file, line N, column 'c': reason"), at most
   *                            {@value #MAX_PROBLEMS} (then a final "... and N more")
   */
  public record LoadResult(List<LabeledText> rows, int skippedEmptyText, int skippedMissingLabel,
                           List<String> problems) {

    /** The most problems listed one by one. */
    public static final int MAX_PROBLEMS = 100;

    /** Copies the lists. */
    public LoadResult {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }

    /** The texts of the rows. */
    public List<String> texts() {
      return rows.stream().map(LabeledText::text).toList();
    }

    /** The (first) labels of the rows. */
    public List<String> labels() {
      return rows.stream().map(LabeledText::label).toList();
    }
  }

  /** A loader for {@code file}; the separator is TAB for {@code .tsv}/{@code .tab} files, else comma. */
  public static Builder csv(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /** Chooses columns and policies; {@link #load()} validates and reads. */
  public static final class Builder {
    private final Path file;
    private String textColumn = "text";
    private String labelColumn = "label";
    private Character separator;
    private Character labelSeparator;
    private RowPolicy emptyTextPolicy = RowPolicy.SKIP_AND_COUNT;
    private RowPolicy missingLabelPolicy = RowPolicy.SKIP_AND_COUNT;

    private Builder(Path file) {
      this.file = file;
    }

    /** The column holding the text (default "text"). */
    public Builder textColumn(String name) {
      this.textColumn = name;
      return this;
    }

    /** The column holding the label(s) (default "label"). */
    public Builder labelColumn(String name) {
      this.labelColumn = name;
      return this;
    }

    /** The field separator (default: by extension, TAB for .tsv/.tab, else comma). */
    public Builder separator(char separator) {
      this.separator = separator;
      return this;
    }

    /** Multi-label cells: split labels on this character, e.g. {@code '|'} (default: one label per row). */
    public Builder labelSeparator(char labelSeparator) {
      this.labelSeparator = labelSeparator;
      return this;
    }

    /** Rows with an empty or blank text (default {@link RowPolicy#SKIP_AND_COUNT}). */
    public Builder emptyTextPolicy(RowPolicy policy) {
      this.emptyTextPolicy = policy;
      return this;
    }

    /** Rows with an empty label (default {@link RowPolicy#SKIP_AND_COUNT}). */
    public Builder missingLabelPolicy(RowPolicy policy) {
      this.missingLabelPolicy = policy;
      return this;
    }

    /**
     * Reads the file.
     *
     * @throws ConfigurationException for an invalid setting
     * @throws DataException for a missing file, a missing column, malformed CSV, or a row refused by a
     *     {@link RowPolicy#FAIL} policy; the message names the file, line and column
     */
    public LoadResult load() {
      validate();
      List<LabeledText> rows = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      int emptyText = 0;
      int missingLabel = 0;
      int unlisted = 0;
      try (CsvReader reader = separator == null ? CsvReader.open(file) : CsvReader.open(file, separator)) {
        int textIndex = reader.column(textColumn);
        int labelIndex = reader.column(labelColumn);
        for (CsvRecord record : reader) {
          String text = record.get(textIndex);
          List<String> labels = labels(record.get(labelIndex));
          String problem = null;
          if (text.isBlank()) {
            if (emptyTextPolicy == RowPolicy.FAIL) {
              throw record.error(textColumn, "empty text");
            }
            emptyText++;
            problem = record.error(textColumn, "empty text, row skipped").getMessage();
          } else if (labels.isEmpty()) {
            if (missingLabelPolicy == RowPolicy.FAIL) {
              throw record.error(labelColumn, "missing label");
            }
            missingLabel++;
            problem = record.error(labelColumn, "missing label, row skipped").getMessage();
          }
          if (problem == null) {
            rows.add(new LabeledText(text, labels));
          } else if (problems.size() < LoadResult.MAX_PROBLEMS) {
            problems.add(problem);
          } else {
            unlisted++;
          }
        }
      }
      if (unlisted > 0) {
        problems.add("... and " + unlisted + " more");
      }
      return new LoadResult(rows, emptyText, missingLabel, problems);
    }

    private List<String> labels(String cell) {
      if (labelSeparator == null) {
        String label = cell.trim();
        return label.isEmpty() ? List.of() : List.of(label);
      }
      Set<String> labels = new LinkedHashSet<>();
      int start = 0;
      char sep = labelSeparator;
      for (int i = 0; i <= cell.length(); i++) {
        if (i == cell.length() || cell.charAt(i) == sep) {
          String label = cell.substring(start, i).trim();
          if (!label.isEmpty()) {
            labels.add(label);
          }
          start = i + 1;
        }
      }
      return List.copyOf(labels);
    }

    private void validate() {
      if (textColumn == null || textColumn.isBlank()) {
        throw ConfigurationException.invalid("textColumn", textColumn, "a column name of the header");
      }
      if (labelColumn == null || labelColumn.isBlank()) {
        throw ConfigurationException.invalid("labelColumn", labelColumn, "a column name of the header");
      }
      if (textColumn.equals(labelColumn)) {
        throw ConfigurationException.invalid("labelColumn", labelColumn, "must differ from textColumn");
      }
      if (separator != null && (separator == '"' || separator == '\n' || separator == '\r')) {
        throw ConfigurationException.invalid("separator", printable(separator), "any character but a quote or line break");
      }
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      char fieldSeparator = separator != null ? separator : name.endsWith(".tsv") || name.endsWith(".tab") ? '\t' : ',';
      if (labelSeparator != null && labelSeparator == fieldSeparator) {
        throw ConfigurationException.invalid("labelSeparator", printable(labelSeparator),
            "must differ from the field separator");
      }
      if (emptyTextPolicy == null) {
        throw ConfigurationException.invalid("emptyTextPolicy", null, "SKIP_AND_COUNT or FAIL");
      }
      if (missingLabelPolicy == null) {
        throw ConfigurationException.invalid("missingLabelPolicy", null, "SKIP_AND_COUNT or FAIL");
      }
    }

    private static String printable(char c) {
      return c == '\t' ? "'\\t'" : String.format(Locale.ROOT, "'%c' (U+%04X)", c, (int) c);
    }
  }
}
