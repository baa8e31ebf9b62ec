package io.mercato.text.model;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelFileReader;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The registry of model types: reads a saved model back by its type name and gives the default
 * trainer of each type. Every {@link TextModel} implementation registers here (one line for its
 * reader, one for its default trainer).
 */
public final class TextModels {

  private static final Map<String, BiFunction<ModelFileReader, String, TextModel>> READERS = new TreeMap<>(Map.of(
      LinearModel.TYPE, LinearModel::readFrom,
      FastTextModel.TYPE, FastTextModel::readFrom,
      EnsembleModel.TYPE, EnsembleModel::readFrom,
      MlpModel.TYPE, MlpModel::readFrom,
      CnnModel.TYPE, CnnModel::readFrom,
      RnnModel.TYPE, RnnModel::readFrom,
      AttentionModel.TYPE, AttentionModel::readFrom
  ));

  private static final Map<String, Supplier<TextModelTrainer>> DEFAULT_TRAINERS = new TreeMap<>(Map.of(
      LinearModel.TYPE, () -> LinearModelTrainer.builder().build(),
      FastTextModel.TYPE, () -> FastTextModelTrainer.builder().build(),
      MlpModel.TYPE, () -> MlpTrainer.builder().build(),
      CnnModel.TYPE, () -> CnnTrainer.builder().build(),
      RnnModel.TYPE, () -> RnnTrainer.builder().build(),
      AttentionModel.TYPE, () -> AttentionTrainer.builder().build()
  ));

  private TextModels() {
  }

  /**
   * Reads a model of the given type written by {@link TextModel#writeTo} under {@code prefix}.
   *
   * @throws io.mercato.core.ModelFileException when the entries are missing or malformed
   * @throws ConfigurationException when {@code type} is not a known model type
   */
  public static TextModel readFrom(ModelFileReader reader, String prefix, String type) {
    var read = READERS.get(type);
    if (read == null) {
      throw ConfigurationException.invalid("model type", type, "must be one of " + READERS.keySet());
    }
    return read.apply(reader, prefix);
  }

  /**
   * The trainer of {@code type} with its default hyper-parameters.
   *
   * @throws ConfigurationException when {@code type} is not a known model type
   */
  public static TextModelTrainer defaultTrainer(String type) {
    var trainer = DEFAULT_TRAINERS.get(type);
    if (trainer == null) {
      throw ConfigurationException.invalid("model type", type, "must be one of " + DEFAULT_TRAINERS.keySet());
    }
    return trainer.get();
  }

  /** True when a model type of this name is registered. */
  public static boolean isKnown(String type) {
    return READERS.containsKey(type);
  }
}
