package io.mercato.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of the CLI with captured output. */
record CliRun(int exitCode, String out, String err) {
  static CliRun withInput(String stdin, String... args) {
    return run(stdin, Map.of(), args);
  }

  static CliRun of(String... args) {
    return withInput("", args);
  }

  /** A run seeing only the environment variables in {@code environment}. */
  static CliRun withEnvironment(Map<String, String> environment, String... args) {
    return run("", environment, args);
  }

  private static CliRun run(String stdin, Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MercatoCli.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        name -> environment.containsKey(name) ? environment.get(name) : System.getenv(name),
        new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
