package io.mercato.examples.serve;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * HTTPS for the service: the server's private key and certificate chain from a PKCS12 keystore,
 * offered with TLS 1.3 and TLS 1.2 only (older protocols are refused during the handshake). Clients
 * are not asked for certificates; callers authenticate with API keys.
 *
 * <p>A self-signed certificate for trying it out (see {@code docs/deploying.md}):
 *
 * <pre>
 * keytool -genkeypair -alias mercato -keyalg EC -groupname secp256r1 -validity 365 \
 *     -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 \
 *     -storetype PKCS12 -keystore server.p12 -storepass "$MERCATO_TLS_PASSWORD"
 * </pre>
 *
 * Immutable.
 */
public final class TlsConfig {
  /** The protocols offered, newest first; anything older is refused. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final SSLContext context;
  private final String[] protocols;
  private final String description;

  private TlsConfig(SSLContext context, String[] protocols, String description) {
    this.context = context;
    this.protocols = protocols;
    this.description = description;
  }

  /**
   * Reads the server key and certificate from a PKCS12 keystore.
   *
   * @param keyStore the {@code .p12} file; it must hold exactly one private key entry (with its
   *     certificate chain), protected by the same password as the store (keytool's default)
   * @param password the keystore password; the array is read, not kept
   * @throws ConfigurationException naming the file when it is missing, unreadable, not PKCS12, the
   *     password is wrong, or it holds no (or more than one) private key
   */
  public static TlsConfig fromKeyStore(Path keyStore, char[] password) {
    Check.notNull("tlsKeyStore", keyStore);
    Check.notNull("tlsPassword", password);
    KeyStore store;
    try (InputStream in = Files.newInputStream(keyStore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("TLS keystore " + keyStore + " does not exist");
    } catch (IOException e) {
      // PKCS12 reports a wrong password as an IOException caused by UnrecoverableKeyException
      boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException;
      throw new ConfigurationException("TLS keystore " + keyStore + ": "
          + (wrongPassword ? "wrong password" : "not a readable PKCS12 keystore (" + e.getMessage() + ")"));
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException("TLS keystore " + keyStore + ": " + e.getMessage());
    }
    try {
      List<String> keys = Collections.list(store.aliases()).stream()
          .filter(a -> isKeyEntry(store, a)).toList();
      if (keys.size() != 1) {
        throw new ConfigurationException("TLS keystore " + keyStore + " must hold exactly one private key "
            + "with its certificate, found " + keys.size());
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
      String[] protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
      if (protocols.length == 0) {
        throw new ConfigurationException("this Java runtime supports neither TLS 1.3 nor TLS 1.2");
      }
      return new TlsConfig(context, protocols, describe(store.getCertificate(keys.get(0)), protocols));
    } catch (UnrecoverableKeyException e) {
      throw new ConfigurationException("TLS keystore " + keyStore
          + ": the private key's password differs from the keystore password");
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException("TLS keystore " + keyStore + ": " + e.getMessage());
    }
  }

  private static boolean isKeyEntry(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String describe(Certificate certificate, String[] protocols) {
    String protocolList = String.join(", ", protocols);
    if (certificate instanceof X509Certificate x) {
      return x.getSubjectX500Principal().getName() + ", valid until " + x.getNotAfter().toInstant()
          + ", " + protocolList;
    }
    return protocolList;
  }

  /** The server-side SSL context (key managers from the keystore). */
  public SSLContext context() {
    return context;
  }

  /** The protocols offered ({@link #PROTOCOLS} as far as the runtime supports them). */
  public List<String> protocols() {
    return List.of(protocols);
  }

  /** Applies the key and protocol restriction to every connection of an {@code HttpsServer}. */
  HttpsConfigurator configurator() {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(Arrays.copyOf(protocols, protocols.length));
        p.setNeedClientAuth(false);
        params.setSSLParameters(p);
      }
    };
  }

  /** Certificate subject, expiry and protocols, for the start-up log line. */
  @Override
  public String toString() {
    return "TLS(" + description + ")";
  }
}
