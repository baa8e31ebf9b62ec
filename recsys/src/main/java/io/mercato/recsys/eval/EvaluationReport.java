package io.mercato.recsys.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The result of an {@link Evaluator} run: one row of metrics per recommender (means over folds for
 * cross-validation). {@link #toString()} prints it as one aligned text table.
 */
public record EvaluationReport(int k, int folds, List<Row> rows) {

    /** One recommender's metrics, by name (e.g. "rmse", "ndcg@10", "fit_s"). */
    public record Row(String name, Map<String, Double> metrics) {
        /** A metric, NaN when not measured (e.g. rmse of a ranking-only model). */
        public double get(String metric) {
            return metrics.getOrDefault(metric, Double.NaN);
        }
    }

    /** Copies the rows. */
    public EvaluationReport {
        rows = List.copyOf(rows);
    }

    /** The row of {@code name}. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + name + "'"));
    }

    @Override
    public String toString() {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.metrics().keySet()));
        List<String[]> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("recommender");
        header.addAll(columns);
        cells.add(header.toArray(String[]::new));
        for (Row r : rows) {
            List<String> line = new ArrayList<>();
            line.add(r.name());
            for (String c : columns) {
                double v = r.get(c);
                line.add(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, c.endsWith("_s") ? "%.3f" : "%.4f", v));
            }
            cells.add(line.toArray(String[]::new));
        }
        int[] width = new int[header.size()];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(folds > 1 ? folds + "-fold cross-validation (means)" : "train/test split").append('\n');
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                String fmt = c == 0 ? "%-" + width[c] + "s" : "  %" + width[c] + "s";
                sb.append(String.format(Locale.ROOT, fmt, line[c]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
