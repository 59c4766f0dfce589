package io.spillover.local.internal;

import io.spillover.local.FunctionSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;

/**
 * {@code ANY /http/F/<path>} for an {@code app} function F: the same HTTP request (method, path,
 * query, end-to-end headers, body) goes to an instance, the app's reply comes back as it is.
 * Platform signals are marked so a caller can tell them from the app's own replies: a throttle is
 * 429 with {@code X-Spillover-Throttled: true} (the app never saw the request), an instance that
 * crashed or ran past its time limit is 502/504 with {@code X-Spillover-Platform-Error: <type>}.
 */
final class AppProxy {
  static final String THROTTLED = "X-Spillover-Throttled";
  static final String PLATFORM_ERROR = "X-Spillover-Platform-Error";
  private final InstancePool pool;

  AppProxy(InstancePool pool) {
    this.pool = pool;
  }

  void handle(Exchange ex, FunctionSpec spec, String path) {
    int limit = LambdaFrontend.MAX_REQUEST;
    ex.readBody(limit, () -> platformError(ex, 413, "RequestTooLarge", "request larger than "
        + limit + " bytes"), body -> invoke(ex, spec, path, body));
  }

  private void invoke(Exchange ex, FunctionSpec spec, String path, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpField f : ex.request.getHeaders()) {
      String n = f.getName().toLowerCase(Locale.ROOT);
      if (!HttpEvents.HOP_BY_HOP.contains(n)) {
        headers.merge(n, f.getValue(), (a, b) -> a + "," + b);
      }
    }
    String id = headers.getOrDefault("x-spillover-id", UUID.randomUUID().toString());
    byte[] event = HttpEvents.event(ex.method(), path, ex.rawQuery(), headers, body, id,
        System.currentTimeMillis());
    try {
      ex.replyWhen(pool.invoke(spec.name(), id, event), o -> reply(ex, o));
    } catch (ThrottledException t) {
      ex.setHeader(THROTTLED, "true");
      ex.setHeader("Retry-After", "1");
      platformError(ex, 429, "TooManyRequests", t.getMessage());
    }
  }

  private static void reply(Exchange ex, Outcome o) {
    ex.setHeader("X-Spillover-Cold", Boolean.toString(o.cold()));
    ex.setHeader("X-Spillover-Billed-Ms", Long.toString(o.billedMillis()));
    if (o.status() == Outcome.Status.OK) {
      HttpEvents.Reply r = HttpEvents.readReply(o.payload());
      r.headers().forEach(ex::setHeader);
      ex.send(r.status(), r.body());
      return;
    }
    ex.setHeader(PLATFORM_ERROR, o.errorType());
    platformError(ex, o.status() == Outcome.Status.TIMEOUT ? 504 : 502, o.errorType(),
        o.message());
  }

  private static void platformError(Exchange ex, int status, String type, String message) {
    ex.send(status, "{\"error\":{\"type\":" + Exchange.quote(type) + ",\"message\":"
        + Exchange.quote(message) + "}}");
  }
}
