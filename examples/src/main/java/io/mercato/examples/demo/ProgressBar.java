package io.mercato.examples.demo;

import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A one-line text progress bar driven by training events, e.g.
 * {@code sentiment [##########----------] 5/10 loss 0.4210 accuracy 0.8650 3.1s}. It redraws
 * its line with a carriage return and also keeps the loss and validation curves for the report.
 */
public final class ProgressBar implements TrainingListener {
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final String name;
  private final List<EpochEvent> events = Collections.synchronizedList(new ArrayList<>());
  private String what = "";
  private int maxEpochs;
  private int lastWidth;

  /** A bar named {@code name} drawing on {@code out}. */
  public ProgressBar(PrintWriter out, String name) {
    this.out = out;
    this.name = name;
  }

  @Override
  public void onStart(String what, int maxEpochs) {
    this.what = what == null ? "" : what;
    this.maxEpochs = maxEpochs;
    events.clear();
    lastWidth = 0;
    draw(render(0, maxEpochs, Double.NaN, null, Double.NaN, 0));
  }

  @Override
  public void onEpoch(EpochEvent e) {
    events.add(e);
    int max = e.maxEpochs() > 0 ? e.maxEpochs() : Math.max(maxEpochs, e.epoch());
    draw(render(e.epoch(), max, e.trainLoss(), e.validationMetricName(),
        e.validationMetric(), e.elapsed().toMillis() / 1000.0));
  }

  @Override
  public void onEnd() {
    out.println();
    out.flush();
  }

  /** Redraws the line, blanking what is left of a longer previous line. */
  private void draw(String line) {
    out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    lastWidth = line.length();
    out.flush();
  }

  /** The events seen since the last {@link #onStart}, in order. */
  public List<EpochEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** The training-loss curve (one value per epoch). */
  public double[] lossCurve() {
    return events().stream().mapToDouble(EpochEvent::trainLoss).toArray();
  }

  /** The validation-metric curve (one value per epoch; NaN where none was computed). */
  public double[] validationCurve() {
    return events().stream().mapToDouble(EpochEvent::validationMetric).toArray();
  }

  /** The bar line for the given state (without carriage return); visible for tests. */
  String render(int epoch, int max, double loss, String metric, double metricValue, double seconds) {
    int filled = max <= 0 ? 0 : (int) Math.round((double) WIDTH * Math.min(epoch, max) / max);
    StringBuilder s = new StringBuilder(name);
    if (!what.isEmpty()) {
      s.append(" (").append(what).append(')');
    }
    s.append(" [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
        .append(epoch).append('/').append(max);
    if (Double.isFinite(loss)) {
      s.append(String.format(Locale.ROOT, " loss %.4f", loss));
    }
    if (metric != null && Double.isFinite(metricValue)) {
      s.append(String.format(Locale.ROOT, " %s %.4f", metric, metricValue));
    }
    s.append(String.format(Locale.ROOT, " %.1fs", seconds));
    return s.toString();
  }
}
