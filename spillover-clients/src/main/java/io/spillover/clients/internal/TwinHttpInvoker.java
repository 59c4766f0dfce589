package io.spillover.clients.internal;

import io.spillover.SpilloverClock;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTransportException;
import io.spillover.wire.RequestEnvelope;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Transport "http" of the contract: the envelope's {@link HttpCall} is sent as the same HTTP
 * request to {@code <twinBaseUrl><path>?<query>}, and the twin's reply goes back in a reply
 * envelope. A platform throttle is a {@link FunctionThrottledException} (the app never saw the
 * call); a platform failure or a dropped connection after sending may have run the call.
 */
public final class TwinHttpInvoker extends TwinInvoker {
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
      "transfer-encoding", "upgrade", "host", "content-length");
  private final String baseUrl;

  public TwinHttpInvoker(OkHttpClient client, String baseUrl, SpilloverClock clock, Codec codec) {
    super(client, clock, codec, "twin");
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  HttpResult result(Response r) throws IOException {
    if (r.code() == 429 && "true".equalsIgnoreCase(r.header("X-Spillover-Throttled"))) {
      throw new FunctionThrottledException("twin platform throttled the call");
    }
    String platformError = r.header("X-Spillover-Platform-Error");
    if ((r.code() == 502 || r.code() == 504) && platformError != null) {
      throw new FunctionTransportException("twin platform failed: " + platformError, true, null);
    }
    ResponseBody rb = r.body();
    return new HttpResult(r.code(), r.headers().toMultimap(), rb.bytes());
  }

  @Override
  Request request(HttpCall call, RequestEnvelope env) {
    Headers.Builder h = new Headers.Builder();
    for (Map.Entry<String, List<String>> e : call.headers().entrySet()) {
      String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !name.startsWith("proxy-")) {
        e.getValue().forEach(v -> h.add(e.getKey(), v));
      }
    }
    h.set("X-Spillover-Id", env.id);
    h.set("X-Spillover-Deadline", Long.toString(env.deadlineEpochMillis));
    if (env.traceparent != null) {
      h.set("traceparent", env.traceparent);
    }
    String url = baseUrl + call.path() + (call.rawQuery().isEmpty() ? "" : "?" + call.rawQuery());
    String type = h.get("Content-Type");
    RequestBody body = call.body().length == 0 && !needsBody(call.method()) ? null
        : RequestBody.create(call.body(), type == null ? null : MediaType.parse(type));
    return new Request.Builder().url(url).headers(h.build()).method(call.method(), body).build();
  }

  private static boolean needsBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }
}
