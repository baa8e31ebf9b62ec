package io.mercato.examples.cli;

import io.mercato.core.MercatoException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code mercato} command line: train, evaluate and use text classifiers and recommenders,
 * serve them over HTTP, or run the demo. Errors print one line to stderr and exit non-zero
 * (1 = the command failed, 2 = bad usage); no stack traces.
 */
@Command(
    name = "mercato",
    mixinStandardHelpOptions = true,
    versionProvider = MercatoCli.Version.class,
    description = "Machine learning for marketing text and product recommendations.",
    subcommands = {
      TextCommand.class,
      RecsysCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MercatoCli implements Runnable {
  /** Exit code of a command that failed (bad data, missing file, bad model file). */
  public static final int FAILED = 1;

  private final InputStream stdin;
  private final UnaryOperator<String> environment;

  @Spec CommandSpec spec;

  /** A CLI reading standard input from {@code stdin} (used by {@code text predict}). */
  public MercatoCli(InputStream stdin) {
    this(stdin, System::getenv);
  }

  /**
   * A CLI reading standard input from {@code stdin} and environment variables (keys, passwords)
   * through {@code environment}.
   */
  public MercatoCli(InputStream stdin, UnaryOperator<String> environment) {
    this.stdin = stdin;
    this.environment = environment;
  }

  InputStream stdin() {
    return stdin;
  }

  /** The value of environment variable {@code name} as seen by the CLI that runs {@code command}; null if unset. */
  static String environment(CommandSpec command, String name) {
    return ((MercatoCli) command.root().userObject()).environment.apply(name);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command: try 'mercato --help' or 'mercato demo'");
  }

  /** Entry point of {@code mercato.jar}. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(System.in, out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line in-process with the given streams and returns its exit code. */
  public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
    return run(in, System::getenv, out, err, args);
  }

  /** Runs one command line in-process with the given streams and environment; returns its exit code. */
  public static int run(InputStream in, UnaryOperator<String> environment, PrintWriter out, PrintWriter err,
      String... args) {
    CommandLine cli = commandLine(in, environment);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The configured picocli command tree (error handlers included). */
  static CommandLine commandLine(InputStream in, UnaryOperator<String> environment) {
    CommandLine cli = new CommandLine(new MercatoCli(in, environment));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ParameterException e, String[] args) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println(
              failed.getCommandName().equals("mercato")
                  ? "mercato: " + e.getMessage()
                  : qualifiedName(failed) + ": " + e.getMessage() + " (see --help)");
          return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
    cli.setExecutionExceptionHandler(
        (Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
          failed.getErr().println(qualifiedName(failed) + ": " + describe(e));
          return FAILED;
        });
    return cli;
  }

  /** One line for an error: the message of a Mercato or I/O error, never a stack trace. */
  static String describe(Throwable e) {
    if (e instanceof UncheckedIOException u) {
      return describe(u.getCause());
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (e instanceof MercatoException || e instanceof IOException) {
      return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    return "unexpected " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String qualifiedName(CommandLine cli) {
    String name = cli.getCommandName();
    return cli.getParent() == null ? name : qualifiedName(cli.getParent()) + " " + name;
  }

  /** Reports the library version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = MercatoCli.class.getPackage().getImplementationVersion();
      return new String[] {"mercato " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
