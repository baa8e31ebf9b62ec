package io.mercato.text;

import java.util.List;
import java.util.Objects;

/**
 * One training or evaluation example: a raw text and its labels. A single-label example carries exactly
 * one label; a multi-label example (an ad with several tags) carries several, in the order given.
 *
 * @param text   the raw text (never null; may be empty)
 * @param labels the labels, at least one, none null or blank, no duplicates
 */
public record LabeledText(String text, List<String> labels) {

  /** Validates and copies the labels. */
  public LabeledText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(labels, "labels");
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a LabeledText needs at least one label");
    }
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("labels must not be null or blank: " + labels);
      }
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("labels must not repeat: " + labels);
    }
    labels = List.copyOf(labels);
  }

  /** A single-label example. */
  public static LabeledText of(String text, String label) {
    return new LabeledText(text, List.of(label));
  }

  /** A multi-label example. */
  public static LabeledText of(String text, List<String> labels) {
    return new LabeledText(text, labels);
  }

  /** The first (for single-label data: the only) label. */
  public String label() {
    return labels.get(0);
  }
}
