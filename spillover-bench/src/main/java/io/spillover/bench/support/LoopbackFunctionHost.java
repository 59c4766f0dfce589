package io.spillover.bench.support;

import com.sun.net.httpserver.HttpServer;
import io.spillover.function.FunctionApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function host on 127.0.0.1: the JDK's HTTP server hands each POST body to
 * {@link FunctionApp#dispatch} and answers with the reply envelope. It stands in for a function
 * platform's HTTP front end, with as little of its own cost as possible, so that the spill path
 * and a raw HTTP client are compared against the same server work.
 */
public final class LoopbackFunctionHost implements AutoCloseable {
  public static final String PATH = "/invoke";

  private final HttpServer server;
  private final ExecutorService workers;

  private LoopbackFunctionHost(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /** Starts serving {@code app} on an ephemeral loopback port with {@code threads} workers. */
  public static LoopbackFunctionHost start(FunctionApp app, int threads) throws IOException {
    // the JDK server writes headers and body separately; with Nagle's algorithm on, every reply
    // would wait for the client's delayed ACK (40 ms on Linux) and the benchmark would time that
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger n = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "function-host-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.createContext(PATH, exchange -> {
      try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        byte[] reply = app.dispatch(in.readAllBytes());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, reply.length);
        out.write(reply);
      }
    });
    server.start();
    return new LoopbackFunctionHost(server, workers);
  }

  /** The URL to POST envelopes to. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + PATH;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
