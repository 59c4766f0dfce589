package io.spillover.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Lambda Runtime API (version 2018-06-01) that every Lambda worker polls: {@code
 * invocation/next} (a long poll), {@code invocation/{id}/response}, {@code invocation/{id}/error}
 * and {@code init/error}, on one loopback port.
 *
 * <p>Each instance gets a secret of its own, 256 random bits, as the first path segment: the
 * worker's {@code AWS_LAMBDA_RUNTIME_API} is {@code 127.0.0.1:<port>/<secret>}, and both the AWS
 * Runtime Interface Client and the builtin worker put that before {@code /2018-06-01/...}. The
 * secret reaches the worker only in its environment; it is never on a command line and never
 * logged. A request without a live instance's secret is refused with 403 and counted, before any
 * byte of its body is read; it can neither take an invocation nor answer one. Secrets are looked
 * up by their SHA-256, so the lookup's timing says nothing about a secret.
 */
final class RuntimeApi {
  static final String VERSION_PATH = "/2018-06-01/runtime/";
  private static final int MAX_RESPONSE = 6 * 1024 * 1024;
  private static final String FORBIDDEN =
      "{\"errorMessage\":\"Forbidden\",\"errorType\":\"Forbidden\"}";
  private final Map<String, LambdaInstance> byDigest = new ConcurrentHashMap<>();
  private final LongAdder refusals = new LongAdder();
  private volatile int port = -1;

  /** One instance's access: the worker's {@code AWS_LAMBDA_RUNTIME_API}, revoked by close. */
  final class Binding implements AutoCloseable {
    private final String secret;
    private final String digest;

    private Binding(String secret, String digest) {
      this.secret = secret;
      this.digest = digest;
    }

    /** {@code 127.0.0.1:<port>/<secret>}: for the worker's environment only. */
    String address() {
      return "127.0.0.1:" + port + "/" + secret;
    }

    @Override
    public void close() {
      byDigest.remove(digest);
    }

    @Override
    public String toString() {
      return "RuntimeApi.Binding[secret hidden]";
    }
  }

  void listening(int port) {
    this.port = port;
  }

  Binding bind(LambdaInstance instance) {
    if (port < 0) {
      throw new IllegalStateException("the Runtime API is not listening");
    }
    String secret = Secrets.create();
    String digest = digest(secret);
    byDigest.put(digest, instance);
    return new Binding(secret, digest);
  }

  /** Requests refused for want of a live instance's secret, so far. */
  long refusals() {
    return refusals.sum();
  }

  boolean handle(Request request, Response response, Callback callback) {
    Exchange ex = new Exchange(request, response, callback, "Runtime API request");
    String path = ex.rawPath();
    int end = path.indexOf('/', 1);
    LambdaInstance instance = end < 0 ? null : byDigest.get(digest(path.substring(1, end)));
    if (instance == null || !path.startsWith(VERSION_PATH, end)) {
      refusals.increment();
      ex.setHeader("Connection", "close");
      ex.send(403, FORBIDDEN);
      return true;
    }
    // the connection is the worker's: it may stay quiet while the function runs
    request.getConnectionMetaData().getConnection().getEndPoint()
        .setIdleTimeout(instance.timeoutMillis() + 30_000);
    ex.guarded(() -> serve(ex, instance, path.substring(end + VERSION_PATH.length())));
    return true;
  }

  private static void serve(Exchange ex, LambdaInstance instance, String op) {
    String method = ex.method();
    if (op.equals("invocation/next") && method.equals("GET")) {
      ex.waitWithoutIdleTimeout();
      ex.replyWhen(instance.next(), inv -> next(ex, instance, inv));
    } else if (op.equals("init/error") && method.equals("POST")) {
      ex.readBody(MAX_RESPONSE, () -> {
        instance.initError(errorType(ex), null);
        ex.send(202, "{\"status\":\"OK\"}");
      }, body -> {
        instance.initError(errorType(ex), body);
        ex.send(202, "{\"status\":\"OK\"}");
      });
    } else if (op.startsWith("invocation/") && method.equals("POST")) {
      result(ex, instance, op.substring("invocation/".length()));
    } else {
      ex.send(404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
    }
  }

  private static void next(Exchange ex, LambdaInstance instance, Invocation inv) {
    if (inv == null) {
      ex.send(500, "{\"errorMessage\":\"the environment is shutting down\","
          + "\"errorType\":\"Runtime.ShuttingDown\"}");
      return;
    }
    ex.setHeader("Lambda-Runtime-Aws-Request-Id", inv.requestId);
    ex.setHeader("Lambda-Runtime-Deadline-Ms",
        Long.toString(System.currentTimeMillis() + inv.timeoutMillis));
    ex.setHeader("Lambda-Runtime-Invoked-Function-Arn", LambdaNames.arn(instance.spec.name()));
    ex.setHeader("Lambda-Runtime-Trace-Id", traceId(inv.requestId));
    ex.send(200, inv.payload);
  }

  private static void result(Exchange ex, LambdaInstance instance, String rest) {
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    String kind = slash < 0 ? "" : rest.substring(slash + 1);
    if (kind.equals("response")) {
      ex.readBody(MAX_RESPONSE, () -> accepted(ex, instance.error(id,
          "Function.ResponseSizeTooLarge", ("{\"errorMessage\":\"Response payload size exceeded"
              + " maximum allowed payload size (" + MAX_RESPONSE + " bytes).\",\"errorType\":"
              + "\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8))),
          body -> accepted(ex, instance.response(id, body)));
    } else if (kind.equals("error")) {
      String type = errorType(ex);
      ex.readBody(MAX_RESPONSE, () -> accepted(ex, instance.error(id, type, null)),
          body -> accepted(ex, instance.error(id, type, body)));
    } else {
      ex.send(404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
    }
  }

  private static void accepted(Exchange ex, boolean known) {
    if (known) {
      ex.send(202, "{\"status\":\"OK\"}");
    } else {
      ex.send(400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
    }
  }

  private static String errorType(Exchange ex) {
    String t = ex.header("Lambda-Runtime-Function-Error-Type");
    return t == null ? "Runtime.Unknown" : t;
  }

  private static String traceId(String requestId) {
    String hex = requestId.replace("-", "");
    return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
        + hex.substring(0, 24) + ";Parent=" + hex.substring(16, 32) + ";Sampled=0";
  }

  private static String digest(String secret) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
