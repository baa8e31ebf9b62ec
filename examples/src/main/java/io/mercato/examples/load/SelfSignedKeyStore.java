package io.mercato.examples.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away server certificate for trying HTTPS on loopback (load program, tests): a PKCS12
 * keystore made by the JDK's {@code keytool} holding an EC P-256 key and a self-signed certificate
 * for {@code localhost} / {@code 127.0.0.1}, and a client {@link SSLContext} that trusts that
 * certificate and nothing else. Not for production: use a certificate from your CA there.
 */
public final class SelfSignedKeyStore {
  private final Path file;
  private final char[] password;
  private final SSLContext clientContext;

  private SelfSignedKeyStore(Path file, char[] password, SSLContext clientContext) {
    this.file = file;
    this.password = password;
    this.clientContext = clientContext;
  }

  /**
   * Runs {@code keytool -genkeypair} (from {@code java.home}) to write {@code server.p12} in
   * {@code folder}.
   *
   * @param password the keystore password, at least 6 characters (keytool's minimum)
   * @throws IOException when keytool cannot run or fails (its output is in the message)
   */
  public static SelfSignedKeyStore create(Path folder, String password) throws IOException {
    Path file = folder.resolve("server.p12");
    Files.deleteIfExists(file);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "mercato",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", password, "-keypass", password, "-noprompt"))
        .redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
    char[] pass = password.toCharArray();
    return new SelfSignedKeyStore(file, pass, trustOnly(file, pass));
  }

  private static SSLContext trustOnly(Path file, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore server = KeyStore.getInstance("PKCS12");
      server.load(in, password);
      Certificate certificate = server.getCertificate("mercato");
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("mercato", certificate);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the keystore keytool wrote: " + e.getMessage(), e);
    }
  }

  /** The keystore file ({@code server.p12}). */
  public Path file() {
    return file;
  }

  /** The keystore password (a copy). */
  public char[] password() {
    return password.clone();
  }

  /** A client context trusting this certificate only (no public CA). */
  public SSLContext clientContext() {
    return clientContext;
  }
}
