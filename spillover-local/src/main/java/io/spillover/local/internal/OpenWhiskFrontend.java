package io.spillover.local.internal;

import com.sun.net.httpserver.HttpExchange;
import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The OpenWhisk action REST API: {@code POST /api/v1/namespaces/{ns}/actions/[{pkg}/]{action}}
 * (blocking, result, timeout) and {@code GET /api/v1/namespaces/{ns}/activations/{id}}, with the
 * controller's status codes and bodies. HTTP Basic auth is accepted unverified; any namespace
 * ({@code _} too) reaches the same actions.
 */
final class OpenWhiskFrontend {
  static final String PREFIX = "/api/v1/namespaces/";
  static final int MAX_PAYLOAD = 5 * 1024 * 1024;
  private static final long MAX_BLOCKING_WAIT = 60_000;
  private final InstancePool pool;
  private final ActivationStore activations = new ActivationStore();

  OpenWhiskFrontend(InstancePool pool) {
    this.pool = pool;
  }

  void handle(HttpExchange ex) throws IOException {
    String txid = UUID.randomUUID().toString().replace("-", "");
    String[] parts = ex.getRequestURI().getRawPath().substring(PREFIX.length()).split("/");
    String method = ex.getRequestMethod();
    if (parts.length == 3 && parts[1].equals("activations") && method.equals("GET")) {
      byte[] record = activations.get(decode(parts[2]));
      if (record == null) {
        error(ex, 404, "The requested resource does not exist.", txid);
      } else {
        Exchanges.send(ex, 200, record);
      }
    } else if ((parts.length == 3 || parts.length == 4) && parts[1].equals("actions")
        && method.equals("POST")) {
      String name = parts.length == 3 ? decode(parts[2])
          : decode(parts[2]) + "/" + decode(parts[3]);
      invoke(ex, namespace(decode(parts[0])), name, txid);
    } else {
      error(ex, 404, "The requested resource does not exist.", txid);
    }
  }

  private void invoke(HttpExchange ex, String namespace, String name, String txid)
      throws IOException {
    FunctionSpec spec = pool.function(name, FunctionKind.OPENWHISK);
    if (spec == null) {
      error(ex, 404, "The requested resource does not exist.", txid);
      return;
    }
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    boolean blocking = "true".equals(query.get("blocking"));
    boolean resultOnly = "true".equals(query.get("result"));
    long wait;
    try {
      wait = Math.min(MAX_BLOCKING_WAIT, Long.parseLong(query.getOrDefault("timeout", "60000")));
    } catch (NumberFormatException e) {
      error(ex, 400, "The request content was malformed: timeout is not a number.", txid);
      return;
    }
    byte[] params = Exchanges.body(ex, MAX_PAYLOAD);
    if (params == null) {
      error(ex, 413, "The request content was malformed: request entity too large (max "
          + MAX_PAYLOAD + " bytes).", txid);
      return;
    }
    String text = new String(params, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      params = "{}".getBytes(StandardCharsets.UTF_8);
    } else if (!text.startsWith("{")) {
      error(ex, 400, "The request content was malformed: parameters must be a JSON object.", txid);
      return;
    }
    String activationId = UUID.randomUUID().toString().replace("-", "");
    long start = System.currentTimeMillis();
    CompletableFuture<Outcome> future;
    try {
      future = pool.invoke(name, activationId, params);
    } catch (ThrottledException t) {
      error(ex, 429, "Too many concurrent requests in flight (count: " + t.count()
          + ", allowed: " + t.allowed() + ").", txid);
      return;
    }
    CompletableFuture<ActivationRecord> record = future.thenApply(o -> {
      ActivationRecord r = new ActivationRecord(spec, namespace, activationId, start, o);
      activations.put(activationId, r.recordBytes());
      return r;
    });
    ex.getResponseHeaders().set("x-openwhisk-activation-id", activationId);
    long limit = pool.config().timeoutMillis(spec);
    Outcome done = blocking ? Waiting.await(future, Math.min(wait, limit + 1_000)) : null;
    if (done == null) {
      Exchanges.send(ex, 202, "{\"activationId\":\"" + activationId + "\"}");
      return;
    }
    ActivationRecord r = record.join();
    Exchanges.send(ex, r.httpStatus(), resultOnly ? r.resultBytes() : r.recordBytes());
  }

  private static String namespace(String ns) {
    return ns.equals("_") ? "guest" : ns;
  }

  private static void error(HttpExchange ex, int status, String message, String txid)
      throws IOException {
    Exchanges.send(ex, status, "{\"error\":" + Exchanges.quote(message) + ",\"code\":\""
        + txid + "\"}");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> map = new HashMap<>();
    if (raw == null) {
      return map;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      map.put(decode(eq < 0 ? pair : pair.substring(0, eq)),
          eq < 0 ? "true" : decode(pair.substring(eq + 1)));
    }
    return map;
  }
}
