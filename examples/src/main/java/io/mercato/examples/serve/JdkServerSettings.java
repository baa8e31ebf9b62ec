package io.mercato.examples.serve;

import java.util.Map;

/**
 * The JDK {@code HttpServer}'s own limits, which are JVM-wide system properties read once when the
 * JDK server's classes load. {@link ModelServer} sets these defaults before its first server
 * starts, leaving alone any the user set with {@code -D}:
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime=10} (seconds): a connection that has not delivered its
 *       request line and headers (and, with TLS, completed the handshake) 10 s after its first byte
 *       is closed. The JDK reads headers on the connection threads with blocking reads, so without
 *       this a client sending one header byte at a time would hold a thread indefinitely
 *       (slowloris). Connections that send nothing are closed after the same time.
 *   <li>{@code sun.net.httpserver.maxRspTime=30} (seconds): an answer not taken by the client
 *       within 30 s closes the connection.
 *   <li>{@code sun.net.httpserver.maxReqHeaderSize=65536}: request headers beyond 64 KiB close the
 *       connection without an answer (the JDK default is 380 KiB); {@link ServerConfig#maxHeaderBytes()}
 *       answers 431 below that.
 *   <li>{@code sun.net.httpserver.nodelay=true}: the JDK server writes headers and body separately;
 *       with Nagle's algorithm and the client's delayed ACK every small answer would wait ~40 ms.
 * </ul>
 *
 * Idle keep-alive connections hold no thread and are closed after
 * {@code sun.net.httpserver.idleInterval} (JDK default 30 s). Not covered by any JDK limit: a
 * client sending its body slowly holds a connection thread until done (see
 * {@link ServerConfig.Builder#connectionThreads(int)}).
 */
final class JdkServerSettings {
  /** The JDK's header limit set here, the upper bound of {@link ServerConfig#maxHeaderBytes()}. */
  static final int MAX_HEADER_BYTES = 64 << 10;

  static final Map<String, String> DEFAULTS = Map.of(
      "sun.net.httpserver.maxReqTime", "10",
      "sun.net.httpserver.maxRspTime", "30",
      "sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES),
      "sun.net.httpserver.nodelay", "true");

  private JdkServerSettings() {}

  /** Sets each default the user has not set. Effective only before the JDK server classes load. */
  static void applyDefaults() {
    DEFAULTS.forEach((name, value) -> {
      if (System.getProperty(name) == null) {
        System.setProperty(name, value);
      }
    });
  }
}
