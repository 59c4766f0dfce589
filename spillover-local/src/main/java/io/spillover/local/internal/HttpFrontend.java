package io.spillover.local.internal;

import com.sun.net.httpserver.HttpExchange;
import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Plain HTTP function endpoints, {@code POST /http/{function}} ({@code GET} answers 200 when the
 * function is deployed, 404 when not: a health probe): the request body (an envelope)
 * goes to the function as it is, the reply comes back as it is (an OpenWhisk action's
 * {@code {"envelope": ...}} result unwrapped). Platform failures are HTTP
 * statuses with {@code {"error":{"type","message"}}}: 404 unknown function, 413 too large, 429
 * throttled, 502 function error or crash, 504 time limit.
 */
final class HttpFrontend {
  static final String PREFIX = "/http/";
  private final InstancePool pool;

  HttpFrontend(InstancePool pool) {
    this.pool = pool;
  }

  void handle(HttpExchange ex) throws IOException {
    String name = URLDecoder.decode(ex.getRequestURI().getRawPath().substring(PREFIX.length()),
        StandardCharsets.UTF_8);
    FunctionSpec spec = pool.function(name, null);
    if (ex.getRequestMethod().equals("GET")) {
      // the health probe of an HTTP provider (its startup check): is the function deployed?
      if (spec == null) {
        error(ex, 404, "ResourceNotFound", "no function '" + name + "'");
      } else {
        Exchanges.send(ex, 200, "{\"function\":" + Exchanges.quote(name) + ",\"kind\":\""
            + spec.kind() + "\"}");
      }
      return;
    }
    if (spec == null || !ex.getRequestMethod().equals("POST")) {
      error(ex, 404, "ResourceNotFound", "no function '" + name + "' (POST /http/{function})");
      return;
    }
    int limit = spec.kind() == FunctionKind.LAMBDA ? LambdaFrontend.MAX_REQUEST
        : OpenWhiskFrontend.MAX_PAYLOAD;
    byte[] body = Exchanges.body(ex, limit);
    if (body == null) {
      error(ex, 413, "RequestTooLarge", "request larger than " + limit + " bytes");
      return;
    }
    String id = UUID.randomUUID().toString();
    if (spec.kind() == FunctionKind.OPENWHISK) {
      id = id.replace("-", "");
    }
    Outcome o;
    try {
      o = Waiting.await(pool.invoke(name, id, body));
    } catch (ThrottledException t) {
      ex.getResponseHeaders().set("Retry-After", "1");
      error(ex, 429, "TooManyRequests", t.getMessage());
      return;
    }
    ex.getResponseHeaders().set("X-Spillover-Cold", Boolean.toString(o.cold()));
    ex.getResponseHeaders().set("X-Spillover-Billed-Ms", Long.toString(o.billedMillis()));
    switch (o.status()) {
      case OK:
        Exchanges.send(ex, 200, spec.kind() == FunctionKind.OPENWHISK
            ? unwrapEnvelope(o.payload()) : o.payload());
        break;
      case TIMEOUT:
        error(ex, 504, o.errorType(), o.message());
        break;
      default:
        String detail = o.payload() == null ? "" : " " + new String(o.payload(),
            StandardCharsets.UTF_8);
        error(ex, 502, o.errorType(), o.message() + detail);
    }
  }

  /**
   * A Spillover action answers {@code {"envelope": <reply>}} (OpenWhisk keeps only the error field
   * of a result that has one); an HTTP function answers the bare envelope, so unwrap it. Any
   * other action result goes out as it is.
   */
  static byte[] unwrapEnvelope(byte[] result) {
    try {
      JsonNode n = ActivationRecord.JSON.readTree(result);
      if (n != null && n.isObject() && n.size() == 1 && n.path("envelope").isObject()) {
        return ActivationRecord.JSON.writeValueAsBytes(n.get("envelope"));
      }
    } catch (JacksonException notJson) {
      // not JSON: the caller gets the bytes and decides
    }
    return result;
  }

  private static void error(HttpExchange ex, int status, String type, String message)
      throws IOException {
    Exchanges.send(ex, status, "{\"error\":{\"type\":" + Exchanges.quote(type) + ",\"message\":"
        + Exchanges.quote(message) + "}}");
  }
}
