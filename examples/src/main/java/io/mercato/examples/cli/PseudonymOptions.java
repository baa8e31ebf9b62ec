package io.mercato.examples.cli;

import io.mercato.core.io.ModelKey;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.Recommender;
import io.mercato.recsys.privacy.IdPseudonymizer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --pseudonymize-ids-env VAR}: user and item ids that are e-mail addresses or phone numbers are
 * stored as keyed pseudonyms (the key, in the {@code --key-env} format, comes from the environment) and
 * looked up by the original id; the same variable must be given to the commands that read the model.
 */
final class PseudonymOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--pseudonymize-ids-env", paramLabel = "VAR",
      description = "Environment variable holding the key ('id:base64' of 32 bytes) for keyed pseudonyms of ids "
          + "that are e-mail addresses or phone numbers: the model file never holds them, queries use the "
          + "original ids. Give the same variable when reading the model.")
  String variable;

  /** The pseudonymizer chosen, or null. */
  IdPseudonymizer pseudonymizer() {
    return variable == null ? null
        : IdPseudonymizer.of(ModelKey.parse(variable, MercatoCli.environment(command, variable)),
            IdPseudonymizer.Scope.CONTACT_LIKE);
  }

  /** {@code trainer}, pseudonymizing ids first when asked. */
  RecommenderTrainer trainer(RecommenderTrainer trainer) {
    IdPseudonymizer ids = pseudonymizer();
    return ids == null ? trainer : ids.trainer(trainer);
  }

  /** {@code model}, answering by original ids when asked. */
  Recommender model(Recommender model) {
    IdPseudonymizer ids = pseudonymizer();
    return ids == null ? model : ids.wrap(model);
  }
}
