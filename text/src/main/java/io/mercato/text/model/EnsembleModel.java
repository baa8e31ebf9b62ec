package io.mercato.text.model;

import io.mercato.core.ModelFileException;
import io.mercato.core.io.BinaryArrays;
import io.mercato.core.io.ModelFileReader;
import io.mercato.core.io.ModelFileWriter;
import io.mercato.text.pipeline.EncodedText;
import java.util.ArrayList;
import java.util.List;

/**
 * The average of the probabilities of several models trained on the same data and pipeline (for
 * example the linear SVM and the fastText-style model: their errors differ, so on some data the
 * average beats both; {@link io.mercato.text.ModelType#AUTO} keeps it only when held-out data says
 * so). Immutable and thread-safe when its members are. Explanations use occlusion, since averaged
 * probabilities have no exact additive decomposition.
 */
public final class EnsembleModel implements TextModel {

  /** Type name in model files. */
  public static final String TYPE = "ensemble";

  private final List<TextModel> members;

  /**
   * An ensemble averaging {@code members}.
   *
   * @param members at least two models with the same outputs and the same single/multi-label kind
   * @throws IllegalArgumentException when there are fewer than two members or they disagree
   */
  public EnsembleModel(List<TextModel> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members.size());
    }
    for (TextModel m : members) {
      if (m.outputs() != members.get(0).outputs() || m.multiLabel() != members.get(0).multiLabel()) {
        throw new IllegalArgumentException("ensemble members must agree on outputs and multi-label, got "
            + members.stream().map(x -> x.type() + " (" + x.outputs() + " outputs"
                + (x.multiLabel() ? ", multi-label" : "") + ")").toList());
      }
    }
    this.members = List.copyOf(members);
  }

  /** The member models. */
  public List<TextModel> members() {
    return members;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int outputs() {
    return members.get(0).outputs();
  }

  @Override
  public boolean multiLabel() {
    return members.get(0).multiLabel();
  }

  @Override
  public EncodedText.Views reads() {
    return members.stream().map(TextModel::reads).reduce(EncodedText.Views::and).orElseThrow();
  }

  @Override
  public double[][] predict(List<EncodedText> batch) {
    return average(members.stream().map(m -> m.predict(batch)).toList());
  }

  /** Element-wise mean of equally shaped probability matrices. */
  public static double[][] average(List<double[][]> predictions) {
    double[][] first = predictions.get(0);
    double[][] out = new double[first.length][];
    double inv = 1.0 / predictions.size();
    for (int i = 0; i < first.length; i++) {
      double[] row = new double[first[i].length];
      for (double[][] p : predictions) {
        for (int c = 0; c < row.length; c++) {
          row[c] += p[i][c] * inv;
        }
      }
      out[i] = row;
    }
    return out;
  }

  @Override
  public void writeTo(ModelFileWriter writer, String prefix) {
    writer.put(prefix + "ensemble.bin", out -> BinaryArrays.writeStrings(out, members.stream().map(TextModel::type).toList()));
    for (int i = 0; i < members.size(); i++) {
      members.get(i).writeTo(writer, prefix + "member" + i + "/");
    }
  }

  /** Reads a model written by {@link #writeTo}. */
  public static EnsembleModel readFrom(ModelFileReader reader, String prefix) {
    String entry = prefix + "ensemble.bin";
    List<String> types = reader.read(entry, BinaryArrays::readStrings);
    ModelEntries.require(reader, entry, types.size() >= 2 && types.stream().allMatch(TextModels::isKnown),
        "ensemble members " + types + " must be at least 2 known model types");
    List<TextModel> members = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      members.add(TextModels.readFrom(reader, prefix + "member" + i + "/", types.get(i)));
    }
    try {
      return new EnsembleModel(members);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(reader.file(), "entry '" + entry + "': " + e.getMessage(), e);
    }
  }
}
