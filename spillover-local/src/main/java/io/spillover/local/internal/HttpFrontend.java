package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
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
 * statuses with {@code {"error":{"type","message"}}}: 400 a body that is not one JSON value (a
 * JSON object for an OpenWhisk action), 404 unknown function, 413 too large, 429 throttled, 502
 * function error or crash, 504 time limit.
 *
 * <p>An {@code app} function F takes any method on {@code /http/F/<path>}: see {@link AppProxy}.
 */
final class HttpFrontend {
  static final String PREFIX = "/http/";
  private final InstancePool pool;
  private final AppProxy apps;

  HttpFrontend(InstancePool pool) {
    this.pool = pool;
    this.apps = new AppProxy(pool);
  }

  void handle(Exchange ex) {
    String name = URLDecoder.decode(ex.rawPath().substring(PREFIX.length()),
        StandardCharsets.UTF_8);
    FunctionSpec spec = pool.function(name, null);
    String rest = ex.rawPath().substring(PREFIX.length());
    int slash = rest.indexOf('/');
    FunctionSpec app = slash > 0 ? pool.function(URLDecoder.decode(rest.substring(0, slash),
        StandardCharsets.UTF_8), FunctionKind.APP) : null;
    if (spec == null && app != null) {
      apps.handle(ex, app, rest.substring(slash));
      return;
    }
    if (ex.method().equals("GET")) {
      // the health probe of an HTTP provider (its startup check): is the function deployed?
      if (spec == null) {
        error(ex, 404, "ResourceNotFound", "no function '" + name + "'");
      } else {
        ex.send(200, "{\"function\":" + Exchange.quote(name) + ",\"kind\":\""
            + spec.kind() + "\"}");
      }
      return;
    }
    if (spec == null || !ex.method().equals("POST")) {
      error(ex, 404, "ResourceNotFound", "no function '" + name + "' (POST /http/{function})");
      return;
    }
    boolean lambda = spec.kind() == FunctionKind.LAMBDA;
    int limit = lambda ? LambdaFrontend.MAX_REQUEST : OpenWhiskFrontend.MAX_PAYLOAD;
    ex.readBody(limit, () -> error(ex, 413, "RequestTooLarge", "request larger than " + limit
        + " bytes"), body -> {
          String problem = JsonPayloads.problem(body, !lambda);
          if (problem != null) {
            error(ex, 400, "InvalidRequestContent", "the request body is not "
                + (lambda ? "JSON: " : "a JSON object: ") + problem);
            return;
          }
          invoke(ex, spec, body);
        });
  }

  private void invoke(Exchange ex, FunctionSpec spec, byte[] body) {
    String id = UUID.randomUUID().toString();
    if (spec.kind() == FunctionKind.OPENWHISK) {
      id = id.replace("-", "");
    }
    try {
      ex.replyWhen(pool.invoke(spec.name(), id, body), o -> reply(ex, spec, o));
    } catch (ThrottledException t) {
      ex.setHeader("Retry-After", "1");
      error(ex, 429, "TooManyRequests", t.getMessage());
    }
  }

  private static void reply(Exchange ex, FunctionSpec spec, Outcome o) {
    ex.setHeader("X-Spillover-Cold", Boolean.toString(o.cold()));
    ex.setHeader("X-Spillover-Billed-Ms", Long.toString(o.billedMillis()));
    switch (o.status()) {
      case OK:
        ex.send(200, spec.kind() == FunctionKind.OPENWHISK
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

  private static void error(Exchange ex, int status, String type, String message) {
    ex.send(status, "{\"error\":{\"type\":" + Exchange.quote(type) + ",\"message\":"
        + Exchange.quote(message) + "}}");
  }
}
