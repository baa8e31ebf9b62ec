package io.mercato.examples.cli;

import io.mercato.examples.serve.ApiKeys;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mercato serve keygen NAME SCOPES}: a new random API key. Prints the token (for the client,
 * shown once) on standard output and the key-file line holding only its SHA-256 on standard error,
 * so {@code mercato serve keygen shop classify 2>>keys.txt} appends the line and shows the token.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Make a new API key: prints the token (give it to the client) on stdout",
        "and the line for the --api-keys file (its SHA-256 only) on stderr."})
final class KeyGenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Key name, logged in audit lines ([A-Za-z0-9._@-], 1-64).")
  String name;

  @Parameters(index = "1", paramLabel = "SCOPES", description = "Comma-separated: classify, recommend, admin.")
  String scopes;

  @Override
  public Integer call() {
    String token = ApiKeys.newToken();
    String line = name + " " + scopes + " " + ApiKeys.hashField(token);
    ApiKeys.parse("the new key", line); // checks the name and scopes before anything is printed
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.println(line);
    err.flush();
    return 0;
  }
}
