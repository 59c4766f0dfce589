package io.spillover.clients.internal;

import io.spillover.SpilloverClock;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import io.spillover.clients.lambda.HttpEvent;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Transport "lambda" of the contract: the call as a payload format 2.0 event to the Invoke API
 * ({@code POST <endpoint>/2015-03-31/functions/<name>/invocations}), unsigned (a local platform or
 * a signing proxy; SigV4 is not applied here). 429 is a throttle; {@code X-Amz-Function-Error} a
 * function error that may have run the call.
 */
public final class TwinLambdaInvoker implements FunctionInvoker {
  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient client;
  private final String url;
  private final SpilloverClock clock;
  private final Codec codec;

  public TwinLambdaInvoker(OkHttpClient client, String endpoint, String function,
      SpilloverClock clock, Codec codec) {
    this.client = client;
    String e = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.url = e + "/2015-03-31/functions/" + function + "/invocations";
    this.clock = clock;
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
    Map<String, List<String>> headers = new LinkedHashMap<>(call.headers());
    headers.put("X-Spillover-Id", List.of(env.id));
    headers.put("X-Spillover-Deadline", List.of(Long.toString(env.deadlineEpochMillis)));
    if (env.traceparent != null) {
      headers.put("traceparent", List.of(env.traceparent));
    }
    headers.keySet().removeIf(n -> TwinHttpInvoker.HOP_BY_HOP.contains(n.toLowerCase(java.util.Locale.ROOT)));
    byte[] event = HttpEvent.encode(new HttpCall(call.method(), call.path(), call.rawQuery(),
        headers, call.body()), env.id, clock.epochMillis());
    Request request = new Request.Builder().url(url).post(RequestBody.create(event, JSON)).build();
    OkHttpClient timed = client.newBuilder().callTimeout(left, TimeUnit.MILLISECONDS).build();
    try (Response r = timed.newCall(request).execute()) {
      byte[] payload = r.body().bytes();
      if (r.code() == 429) {
        throw new FunctionThrottledException("Lambda throttled the call");
      }
      if (r.header("X-Amz-Function-Error") != null) {
        // the app may have run the call before the function failed
        throw new FunctionTransportException(
            "function error: " + r.header("X-Amz-Function-Error"), true, null);
      }
      if (r.code() != 200) {
        throw new FunctionTransportException("Invoke API answered " + r.code(), false, null);
      }
      HttpResult result = HttpEvent.decodeReply(payload);
      return EnvelopeFormat.encodeResponse(
          new ResponseEnvelope(env.id, true, codec.encode(result), null, null, null, false, 0), true);
    } catch (ConnectException e) {
      throw new FunctionTransportException("Invoke API unreachable: " + e.getMessage(), false, e);
    } catch (InterruptedIOException e) {
      throw new FunctionTimeoutException("no reply from the function before the deadline");
    } catch (IOException e) {
      throw new FunctionTransportException("Invoke API connection failed: " + e, true, e);
    }
  }

  @Override
  public int maxRequestBytes() {
    return 6 * 1024 * 1024;
  }

  @Override
  public void close() {}
}
