package io.spillover.clients.internal;

import io.spillover.SpilloverClock;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import io.spillover.clients.lambda.HttpEvent;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTransportException;
import io.spillover.wire.RequestEnvelope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class TwinLambdaInvoker extends TwinInvoker {
  private static final MediaType JSON = MediaType.get("application/json");
  private final String url;

  public TwinLambdaInvoker(OkHttpClient client, String endpoint, String function,
      SpilloverClock clock, Codec codec) {
    super(client, clock, codec, "Invoke API");
    String e = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.url = e + "/2015-03-31/functions/" + function + "/invocations";
  }

  @Override
  Request request(HttpCall call, RequestEnvelope env) {
    Map<String, List<String>> headers = new LinkedHashMap<>(call.headers());
    headers.put("X-Spillover-Id", List.of(env.id));
    headers.put("X-Spillover-Deadline", List.of(Long.toString(env.deadlineEpochMillis)));
    if (env.traceparent != null) {
      headers.put("traceparent", List.of(env.traceparent));
    }
    headers.keySet().removeIf(
        n -> TwinHttpInvoker.HOP_BY_HOP.contains(n.toLowerCase(java.util.Locale.ROOT)));
    byte[] event = HttpEvent.encode(new HttpCall(call.method(), call.path(), call.rawQuery(),
        headers, call.body()), env.id, epochMillis());
    return new Request.Builder().url(url).post(RequestBody.create(event, JSON)).build();
  }

  @Override
  HttpResult result(Response r) throws IOException {
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
    return HttpEvent.decodeReply(payload);
  }
}
