package io.mercato.examples.cli;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.io.ModelKey;
import io.mercato.examples.serve.ApiKeys;
import io.mercato.examples.serve.ModelServer;
import io.mercato.examples.serve.ServerConfig;
import io.mercato.examples.serve.TlsConfig;
import io.mercato.recsys.Recommenders;
import io.mercato.text.privacy.PiiMasker;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mercato serve}: answers JSON over HTTP or HTTPS until stopped (Ctrl-C drains requests in
 * flight). Secrets (the keystore password, inline API keys, the model key) come from environment
 * variables, never from the command line.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, subcommands = KeyGenCommand.class,
    description = {"Serve saved models over HTTP(S):",
        "  POST /v1/classify  {\"texts\": [...], \"explain\": false}",
        "  POST /v1/recommend {\"user\": \"...\", \"n\": 10}",
        "  GET  /v1/similar/{item}?n=10,  GET /health,  GET /metrics",
        "See docs/deploying.md for TLS, API keys, limits and the threat model;",
        "'mercato serve keygen NAME SCOPES' makes an API key."})
final class ServeCommand implements Callable<Integer> {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/s)?");

  @Spec CommandSpec spec;

  @Mixin ModelKeyOptions key;

  @Option(names = "--text-model", paramLabel = "MODEL", description = "Text classifier file.")
  Path textModel;

  @Option(names = "--recsys-model", paramLabel = "MODEL", description = "Recommender file.")
  Path recsysModel;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
      description = "Serve HTTPS (TLS 1.3/1.2) with the key and certificate in this PKCS12 keystore.")
  Path tlsKeyStore;

  @Option(names = "--tls-password-env", paramLabel = "VAR",
      description = "Environment variable holding the --tls-keystore password.")
  String tlsPasswordEnv;

  @Option(names = "--api-keys", paramLabel = "FILE",
      description = "Require API keys (Authorization: Bearer <key>); one per line: 'name scope[,scope] sha256:<hex>'.")
  Path apiKeysFile;

  @Option(names = "--api-keys-env", paramLabel = "VAR",
      description = "Like --api-keys, the lines (or ';'-separated entries) in this environment variable.")
  String apiKeysEnv;

  @Option(names = "--rate-limit", paramLabel = "N/s",
      description = "Requests per second allowed per API key (per client address without keys); 429 beyond.")
  String rateLimit;

  @Option(names = "--rate-burst", paramLabel = "N",
      description = "Requests a caller may make at once (default: the --rate-limit per second, at least 1).")
  Integer rateBurst;

  @Option(names = "--threads", paramLabel = "N", description = "Model threads (default: max(4, 2 x cores)).")
  Integer threads;

  @Option(names = "--queue", paramLabel = "N", description = "Requests waiting for a model thread before 503 (default: 100).")
  Integer queue;

  @Option(names = "--max-texts", paramLabel = "N", description = "Most texts per classify request (default: 1000).")
  Integer maxTexts;

  @Option(names = "--max-n", paramLabel = "N", description = "Largest n of recommend / similar requests (default: 1000).")
  Integer maxN;

  @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "Largest request body; 413 beyond (default: 1048576).")
  Integer maxBodyBytes;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "Append the audit lines (JSON, one per request) to FILE (default: standard error).")
  Path auditLog;

  @Option(names = "--audit-log-text", description = "Include request text in audit lines, personal data masked.")
  boolean auditLogText;

  @Option(names = "--no-pii-masking",
      description = "Do not mask personal data in incoming texts (masking is on by default; a model trained "
          + "with masking still masks its input).")
  boolean noPiiMasking;

  @Mixin PseudonymOptions pseudonyms;

  @Override
  public Integer call() throws Exception {
    if (textModel == null && recsysModel == null) {
      throw new ParameterException(spec.commandLine(), "give --text-model, --recsys-model or both");
    }
    ServerConfig.Builder builder = ModelServer.builder().host(host).port(port).auditText(auditLogText)
        .piiMasker(noPiiMasking ? PiiMasker.none() : PiiMasker.standard());
    security(builder);
    limits(builder);
    builder.build(); // bad settings fail before the models load, not after
    PrintWriter auditFile = null;
    if (auditLog != null) {
      auditFile = new PrintWriter(Files.newBufferedWriter(auditLog, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), true);
      builder.auditSink(synchronizedLines(auditFile));
    }
    ModelKey modelKey = key.key();
    if (textModel != null) {
      builder.textModel(TextModelFiles.load(textModel, modelKey, spec.commandLine().getErr()));
    }
    if (recsysModel != null) {
      builder.recommender(pseudonyms.model(Recommenders.load(recsysModel, modelKey)));
    }
    ModelServer server = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    PrintWriter openAuditFile = auditFile;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      if (openAuditFile != null) {
        openAuditFile.close();
      }
      stopped.countDown();
    }, "mercato-shutdown"));
    spec.commandLine().getOut().println("serving on " + server.url() + " (Ctrl-C stops after draining requests)");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }

  private void security(ServerConfig.Builder builder) {
    if (tlsKeyStore != null) {
      if (tlsPasswordEnv == null) {
        throw new ConfigurationException("--tls-keystore needs --tls-password-env");
      }
      builder.tls(TlsConfig.fromKeyStore(tlsKeyStore,
          ModelKeyOptions.secret(spec, tlsPasswordEnv, "--tls-password-env")));
    } else if (tlsPasswordEnv != null) {
      throw new ConfigurationException("--tls-password-env needs --tls-keystore");
    }
    if (apiKeysFile != null && apiKeysEnv != null) {
      throw new ConfigurationException("give either --api-keys or --api-keys-env, not both");
    }
    if (apiKeysFile != null) {
      builder.apiKeys(ApiKeys.load(apiKeysFile));
    } else if (apiKeysEnv != null) {
      String lines = MercatoCli.environment(spec, apiKeysEnv);
      if (lines == null) {
        throw new ConfigurationException("--api-keys-env: environment variable " + apiKeysEnv + " is not set");
      }
      builder.apiKeys(ApiKeys.parse("environment variable " + apiKeysEnv, lines));
    }
    if (rateLimit != null) {
      Matcher m = RATE.matcher(rateLimit.strip());
      if (!m.matches()) {
        throw ConfigurationException.invalid("--rate-limit", rateLimit, "must be requests per second, e.g. 50/s");
      }
      double perSecond = Check.positive("--rate-limit", Double.parseDouble(m.group(1)));
      builder.rateLimit(perSecond, rateBurst != null ? rateBurst : (int) Math.max(1, Math.ceil(perSecond)));
    } else if (rateBurst != null) {
      throw new ConfigurationException("--rate-burst needs --rate-limit");
    }
  }

  private void limits(ServerConfig.Builder builder) {
    if (threads != null) {
      builder.threads(threads);
    }
    if (queue != null) {
      builder.queue(queue);
    }
    if (maxTexts != null) {
      builder.maxBatch(maxTexts);
    }
    if (maxN != null) {
      builder.maxItems(maxN);
    }
    if (maxBodyBytes != null) {
      builder.maxBodyBytes(maxBodyBytes);
    }
  }

  private static Consumer<String> synchronizedLines(PrintWriter out) {
    return line -> {
      synchronized (out) {
        out.println(line);
      }
    };
  }
}
