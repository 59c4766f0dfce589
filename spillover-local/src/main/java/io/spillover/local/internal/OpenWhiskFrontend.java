package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The OpenWhisk action REST API: {@code POST /api/v1/namespaces/{ns}/actions/[{pkg}/]{action}}
 * (blocking, result, timeout) and {@code GET /api/v1/namespaces/{ns}/activations/{id}}, with the
 * controller's status codes and bodies. HTTP Basic auth is accepted unverified; any namespace
 * ({@code _} too) reaches the same actions. Parameters must be a JSON object (none is
 * {@code {}}); anything else is refused with 400 before any container is involved.
 */
final class OpenWhiskFrontend {
  static final String PREFIX = "/api/v1/namespaces/";
  static final int MAX_PAYLOAD = 5 * 1024 * 1024;
  private static final long MAX_BLOCKING_WAIT = 60_000;
  private static final byte[] NO_PARAMETERS = "{}".getBytes(StandardCharsets.UTF_8);
  private final InstancePool pool;
  private final ActivationStore activations = new ActivationStore();

  OpenWhiskFrontend(InstancePool pool) {
    this.pool = pool;
  }

  void handle(Exchange ex) {
    String txid = UUID.randomUUID().toString().replace("-", "");
    try {
      route(ex, txid);
    } catch (MalformedUrl e) {
      error(ex, 400, "The request content was malformed: " + e.getMessage(), txid);
    }
  }

  private void route(Exchange ex, String txid) {
    String[] parts = ex.rawPath().substring(PREFIX.length()).split("/");
    String method = ex.method();
    if (parts.length == 3 && parts[1].equals("activations") && method.equals("GET")) {
      byte[] record = activations.get(decode(parts[2]));
      if (record == null) {
        error(ex, 404, "The requested resource does not exist.", txid);
      } else {
        ex.send(200, record);
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

  private void invoke(Exchange ex, String namespace, String name, String txid) {
    FunctionSpec spec = pool.function(name, FunctionKind.OPENWHISK);
    if (spec == null) {
      error(ex, 404, "The requested resource does not exist.", txid);
      return;
    }
    Map<String, String> query;
    long wait;
    try {
      query = query(ex.rawQuery());
    } catch (MalformedUrl e) {
      error(ex, 400, "The request content was malformed: " + e.getMessage(), txid);
      return;
    }
    try {
      wait = Math.min(MAX_BLOCKING_WAIT, Long.parseLong(query.getOrDefault("timeout", "60000")));
    } catch (NumberFormatException e) {
      error(ex, 400, "The request content was malformed: timeout is not a number.", txid);
      return;
    }
    if (wait < 0) {
      error(ex, 400, "The request content was malformed: timeout must not be negative.", txid);
      return;
    }
    boolean blocking = "true".equals(query.get("blocking"));
    boolean resultOnly = "true".equals(query.get("result"));
    ex.readBody(MAX_PAYLOAD, () -> error(ex, 413, "The request content was malformed: request"
        + " entity too large (max " + MAX_PAYLOAD + " bytes).", txid), body -> {
          byte[] params = body.length == 0 ? NO_PARAMETERS : body;
          String problem = JsonPayloads.problem(params, true);
          if (problem != null) {
            error(ex, 400, "The request content was malformed:\n" + problem, txid);
            return;
          }
          Activation a = new Activation(spec, namespace, txid, blocking, resultOnly, wait);
          a.start(ex, params);
        });
  }

  /** One admitted action invocation: its record is kept, the caller waits for it or not. */
  private final class Activation {
    private final FunctionSpec spec;
    private final String namespace;
    private final String txid;
    private final boolean blocking;
    private final boolean resultOnly;
    private final long wait;
    private final String id = UUID.randomUUID().toString().replace("-", "");

    Activation(FunctionSpec spec, String namespace, String txid, boolean blocking,
        boolean resultOnly, long wait) {
      this.spec = spec;
      this.namespace = namespace;
      this.txid = txid;
      this.blocking = blocking;
      this.resultOnly = resultOnly;
      this.wait = wait;
    }

    void start(Exchange ex, byte[] params) {
      long start = System.currentTimeMillis();
      CompletableFuture<Outcome> future;
      try {
        future = pool.invoke(spec.name(), id, params);
      } catch (ThrottledException t) {
        error(ex, 429, "Too many concurrent requests in flight (count: " + t.count()
            + ", allowed: " + t.allowed() + ").", txid);
        return;
      }
      CompletableFuture<ActivationRecord> record = future.thenApply(o -> {
        ActivationRecord r = new ActivationRecord(spec, namespace, id, start, o);
        activations.put(id, r.recordBytes());
        return r;
      });
      ex.setHeader("x-openwhisk-activation-id", id);
      if (!blocking) {
        accepted(ex);
        return;
      }
      long limit = pool.config().timeoutMillis(spec);
      ex.replyWhen(record.copy().completeOnTimeout(null, Math.min(wait, limit + 1_000),
          TimeUnit.MILLISECONDS), r -> {
            if (r == null) {
              accepted(ex);
            } else {
              ex.send(r.httpStatus(), resultOnly ? r.resultBytes() : r.recordBytes());
            }
          });
    }

    private void accepted(Exchange ex) {
      ex.send(202, "{\"activationId\":\"" + id + "\"}");
    }
  }

  private static String namespace(String ns) {
    return ns.equals("_") ? "guest" : ns;
  }

  private static void error(Exchange ex, int status, String message, String txid) {
    ex.send(status, "{\"error\":" + Exchange.quote(message) + ",\"code\":\"" + txid + "\"}");
  }

  /** A path segment or query part whose %-escapes are broken: the client's mistake, a 400. */
  private static final class MalformedUrl extends RuntimeException {
    MalformedUrl(String part, IllegalArgumentException cause) {
      super("the URL is not percent-encoded: " + part, cause);
    }
  }

  /** Decodes one %-encoded part of the URL. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedUrl(s, e);
    }
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
