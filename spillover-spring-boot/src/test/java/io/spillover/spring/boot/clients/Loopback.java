package io.spillover.spring.boot.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on 127.0.0.1 (port 0) whose behaviour a test scripts; logs what it ran. */
final class Loopback implements AutoCloseable {
  interface Behaviour {
    void handle(HttpExchange ex) throws IOException;
  }

  final List<String> received = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  volatile Behaviour behaviour = ex -> reply(ex, 200, "ok");
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  Loopback() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      received.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      behaviour.handle(ex);
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many times a request with this method and path ran here. */
  long ran(String method, String pathSuffix) {
    return received.stream().filter(r -> r.startsWith(method + " ") && r.endsWith(pathSuffix))
        .count();
  }

  static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
