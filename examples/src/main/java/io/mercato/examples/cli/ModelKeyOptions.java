package io.mercato.examples.cli;

import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelKey;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options naming the AES-256 key of encrypted model files, shared by every command that writes
 * or reads one: {@code --key-env VAR} (the variable holds {@code id:base64}) or a PKCS12 keystore
 * ({@code --key-store FILE --key-alias ALIAS --key-store-password-env VAR}). Neither: plain files.
 * Secrets only ever come from the environment or the keystore, never from the command line (which
 * other users of the machine can read).
 */
final class ModelKeyOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--key-env", paramLabel = "VAR",
      description = "Environment variable holding the model encryption key ('id:base64' of 32 bytes): "
          + "model files are written encrypted with AES-256-GCM and must be read with the same key.")
  String keyEnv;

  @Option(names = "--key-store", paramLabel = "FILE.p12",
      description = "PKCS12 keystore holding the model key (keytool -genseckey -keyalg AES -keysize 256); "
          + "with --key-alias and --key-store-password-env.")
  Path keyStore;

  @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Alias of the key in --key-store (its key id).")
  String keyAlias;

  @Option(names = "--key-store-password-env", paramLabel = "VAR",
      description = "Environment variable holding the --key-store password.")
  String keyStorePasswordEnv;

  /** The key chosen, or null for plain model files. */
  ModelKey key() {
    if (keyEnv != null && keyStore != null) {
      throw new ConfigurationException("give either --key-env or --key-store, not both");
    }
    if (keyEnv != null) {
      return ModelKey.parse(keyEnv, MercatoCli.environment(command, keyEnv));
    }
    if (keyStore == null) {
      if (keyAlias != null || keyStorePasswordEnv != null) {
        throw new ConfigurationException("--key-alias and --key-store-password-env need --key-store");
      }
      return null;
    }
    if (keyAlias == null || keyStorePasswordEnv == null) {
      throw new ConfigurationException("--key-store needs --key-alias and --key-store-password-env");
    }
    return ModelKey.fromKeyStore(keyStore, secret(command, keyStorePasswordEnv, "--key-store-password-env"),
        keyAlias);
  }

  /** The value of a secret-holding environment variable named by {@code option}; never echoed. */
  static char[] secret(CommandSpec command, String variable, String option) {
    String value = MercatoCli.environment(command, variable);
    if (value == null || value.isEmpty()) {
      throw new ConfigurationException(option + ": environment variable " + variable + " is not set");
    }
    return value.toCharArray();
  }
}
