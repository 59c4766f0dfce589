package io.spillover.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A JDK HTTP server on 127.0.0.1 whose behaviour a test scripts; records what it received. */
final class LoopbackServer implements AutoCloseable {
  interface Behaviour {
    void handle(HttpExchange ex) throws IOException;
  }

  final List<String> received = new CopyOnWriteArrayList<>();
  final List<HttpExchange> exchanges = new CopyOnWriteArrayList<>();
  volatile Behaviour behaviour = ex -> reply(ex, 200, "ok");
  private final HttpServer server;

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", ex -> {
      received.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      exchanges.add(ex);
      behaviour.handle(ex);
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
  }
}
