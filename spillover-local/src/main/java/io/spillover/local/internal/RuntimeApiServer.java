package io.spillover.local.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One Lambda instance's Runtime API (version 2018-06-01) on its own loopback port, as each Lambda
 * execution environment has its own: {@code invocation/next} (a long poll), {@code
 * invocation/{id}/response}, {@code invocation/{id}/error} and {@code init/error}.
 */
final class RuntimeApiServer {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final int MAX_RESPONSE = 6 * 1024 * 1024;
  private final LambdaInstance instance;
  private final HttpServer server;

  RuntimeApiServer(LambdaInstance instance, PlatformResources res) throws IOException {
    this.instance = instance;
    Exchanges.noDelay();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(res.tasks);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath().substring(PREFIX.length());
      String method = ex.getRequestMethod();
      if (path.equals("invocation/next") && method.equals("GET")) {
        next(ex);
      } else if (path.equals("init/error") && method.equals("POST")) {
        instance.initError(errorType(ex), Exchanges.body(ex, MAX_RESPONSE));
        Exchanges.send(ex, 202, "{\"status\":\"OK\"}");
      } else if (path.startsWith("invocation/") && method.equals("POST")) {
        result(ex, path.substring("invocation/".length()));
      } else {
        Exchanges.send(ex, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.close();
    } catch (IOException | RuntimeException e) {
      ex.close();
      throw e;
    }
  }

  private void next(HttpExchange ex) throws IOException, InterruptedException {
    Invocation inv = instance.next();
    if (inv == null) {
      Exchanges.send(ex, 500, "{\"errorMessage\":\"the environment is shutting down\","
          + "\"errorType\":\"Runtime.ShuttingDown\"}");
      return;
    }
    var h = ex.getResponseHeaders();
    h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId);
    h.set("Lambda-Runtime-Deadline-Ms",
        Long.toString(System.currentTimeMillis() + inv.timeoutMillis));
    h.set("Lambda-Runtime-Invoked-Function-Arn", LambdaNames.arn(instance.spec.name()));
    h.set("Lambda-Runtime-Trace-Id", traceId(inv.requestId));
    Exchanges.send(ex, 200, inv.payload);
  }

  private void result(HttpExchange ex, String rest) throws IOException {
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    String kind = slash < 0 ? "" : rest.substring(slash + 1);
    byte[] body = Exchanges.body(ex, MAX_RESPONSE);
    boolean known;
    if (kind.equals("response")) {
      known = body == null ? instance.error(id, "Function.ResponseSizeTooLarge",
          ("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size ("
              + MAX_RESPONSE + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8))
          : instance.response(id, body);
    } else if (kind.equals("error")) {
      known = instance.error(id, errorType(ex), body);
    } else {
      Exchanges.send(ex, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
      return;
    }
    if (known) {
      Exchanges.send(ex, 202, "{\"status\":\"OK\"}");
    } else {
      Exchanges.send(ex, 400, "{\"errorMessage\":\"Invalid request ID\","
          + "\"errorType\":\"InvalidRequestID\"}");
    }
  }

  private static String errorType(HttpExchange ex) {
    String t = ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    return t == null ? "Runtime.Unknown" : t;
  }

  private static String traceId(String requestId) {
    String hex = requestId.replace("-", "");
    return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
        + hex.substring(0, 24) + ";Parent=" + hex.substring(16, 32) + ";Sampled=0";
  }
}
