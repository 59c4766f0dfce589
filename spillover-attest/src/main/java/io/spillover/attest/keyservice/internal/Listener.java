package io.spillover.attest.keyservice.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.spillover.attest.keyservice.KeyServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The JDK HTTP(S) listener of the key service. Requests run on a fixed pool with a bounded queue;
 * when the queue is full the accepting thread runs the request itself, which stops it accepting
 * more: back-pressure instead of an unbounded backlog.
 */
public final class Listener {
  private Listener() {}

  public static ExecutorService executor(int threads) {
    return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 16), runnable -> {
          Thread t = new Thread(runnable, "spillover-keyservice");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  public static HttpServer create(KeyServiceConfig config, ExecutorService executor)
      throws IOException, GeneralSecurityException {
    InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
    HttpServer server;
    if (config.tls().isPresent()) {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(sslContext(config.tls().get())));
      server = https;
    } else {
      server = HttpServer.create(address, 64);
    }
    server.setExecutor(executor);
    return server;
  }

  private static SSLContext sslContext(KeyServiceConfig.Tls tls)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(tls.type());
    try (InputStream in = Files.newInputStream(tls.keyStore())) {
      store.load(in, tls.password());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, tls.password());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }
}
