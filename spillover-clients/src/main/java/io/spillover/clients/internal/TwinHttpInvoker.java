package io.spillover.clients.internal;

import io.spillover.SpilloverClock;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
public final class TwinHttpInvoker implements FunctionInvoker {
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
      "transfer-encoding", "upgrade", "host", "content-length");
  private final OkHttpClient client;
  private final String baseUrl;
  private final Codec codec;

  private final SpilloverClock clock;

  public TwinHttpInvoker(OkHttpClient client, String baseUrl, SpilloverClock clock, Codec codec) {
    this.client = client;
    this.clock = clock;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.codec = codec;
  }

  @Override
  public CompletableFuture<byte[]> invoke(Invocation invocation) {
    try {
      return CompletableFuture.completedFuture(invokeBlocking(invocation));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public byte[] invokeBlocking(Invocation invocation) {
    RequestEnvelope env = EnvelopeFormat.decodeRequest(invocation.payload());
    HttpCall call = codec.decode(env.body == null ? new byte[0] : env.body, HttpCall.class);
    long left = invocation.deadlineEpochMillis() - clock.epochMillis();
    if (left <= 0) {
      throw new FunctionTimeoutException("deadline passed before the call was sent");
    }
    Request request = toRequest(call, env);
    OkHttpClient timed = client.newBuilder().callTimeout(left, TimeUnit.MILLISECONDS).build();
    try (Response r = timed.newCall(request).execute()) {
      if (r.code() == 429 && "true".equalsIgnoreCase(r.header("X-Spillover-Throttled"))) {
        throw new FunctionThrottledException("twin platform throttled the call");
      }
      String platformError = r.header("X-Spillover-Platform-Error");
      if ((r.code() == 502 || r.code() == 504) && platformError != null) {
        throw new FunctionTransportException("twin platform failed: " + platformError, true, null);
      }
      ResponseBody rb = r.body();
      HttpResult result = new HttpResult(r.code(), r.headers().toMultimap(), rb.bytes());
      return EnvelopeFormat.encodeResponse(
          new ResponseEnvelope(env.id, true, codec.encode(result), null, null, null, false, 0), true);
    } catch (ConnectException e) {
      throw new FunctionTransportException("twin unreachable: " + e.getMessage(), false, e);
    } catch (InterruptedIOException e) {
      throw new FunctionTimeoutException("no reply from the twin before the deadline");
    } catch (IOException e) {
      throw new FunctionTransportException("twin connection failed: " + e, true, e);
    }
  }

  private Request toRequest(HttpCall call, RequestEnvelope env) {
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

  /** HTTP twins take what their server accepts; 6 MB matches the Lambda transport's limit. */
  @Override
  public int maxRequestBytes() {
    return 6 * 1024 * 1024;
  }

  @Override
  public void close() {}
}
