package io.spillover.attest.keyservice.internal;

import io.spillover.attest.keyservice.KeyServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The key service's HTTP(S) listener, on Jetty. Jetty parses requests without a thread per
 * connection, so a client that sends half a request holds no request thread; the idle timeout
 * closes it when it makes no progress (headers or body), and the connection limit bounds how many
 * it may hold open at once. Request threads, their queue, header and body sizes are bounded too.
 */
public final class Listener {
  private static final int ACCEPTORS = 1;
  private static final int SELECTORS = 1;

  private Listener() {}

  /** A started server for {@code handler}, listening where {@code config} says. */
  public static Server start(KeyServiceConfig config, Handler handler)
      throws IOException, GeneralSecurityException {
    // The job queue is bounded by the connection limit, not by a capacity of its own: an HTTP/1.1
    // connection has one request in flight, so at most maxConnections requests wait. (Jetty
    // advises against a queue that rejects: a rejected selector job strands its connection.)
    QueuedThreadPool threads = new QueuedThreadPool(config.threads() + ACCEPTORS + SELECTORS,
        Math.min(2, config.threads()) + ACCEPTORS + SELECTORS, 60_000);
    threads.setName("spillover-keyservice");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, ACCEPTORS, SELECTORS,
        connectionFactories(config));
    connector.setHost(config.bind());
    connector.setPort(config.port());
    connector.setIdleTimeout(config.idleTimeout().toMillis());
    // Jetty's default, kept explicit: without it a response written in two parts waits for the
    // client's delayed ACK (about 40 ms per keep-alive request)
    connector.setAcceptedTcpNoDelay(true);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
    SizeLimitHandler sizeLimit = new SizeLimitHandler(config.maxRequestBodyBytes(), -1);
    sizeLimit.setHandler(handler);
    server.setHandler(sizeLimit);
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      stopQuietly(server, e);
      throw e;
    } catch (Exception e) {
      stopQuietly(server, e);
      throw new IOException("cannot start the key service listener: " + e.getMessage(), e);
    }
    return server;
  }

  private static ConnectionFactory[] connectionFactories(KeyServiceConfig config)
      throws IOException, GeneralSecurityException {
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(config.maxRequestHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    if (config.tls().isEmpty()) {
      return new ConnectionFactory[] {plain};
    }
    SslContextFactory.Server tls = new SslContextFactory.Server();
    KeyServiceConfig.Tls settings = config.tls().get();
    tls.setKeyStore(keyStore(settings)); // loaded here so a bad store or password fails the start
    tls.setKeyStorePassword(new String(settings.password()));
    return new ConnectionFactory[] {new SslConnectionFactory(tls, plain.getProtocol()), plain};
  }

  private static KeyStore keyStore(KeyServiceConfig.Tls tls)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(tls.type());
    try (InputStream in = Files.newInputStream(tls.keyStore())) {
      store.load(in, tls.password());
    }
    return store;
  }

  private static void stopQuietly(Server server, Exception failure) {
    try {
      server.stop();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
