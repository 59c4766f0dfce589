package io.spillover.openwhisk.internal;

import io.spillover.SpilloverClock;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.Invocation;
import io.spillover.http.spi.HttpExchange;
import io.spillover.http.spi.Replies;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Invokes one action: a blocking invocation that returns the result, and when OpenWhisk answers
 * 202 (still running) polls the activation until the deadline.
 */
public final class OpenWhiskInvoker implements FunctionInvoker {
  /** OpenWhisk waits at most this long on a blocking invocation (its default and maximum). */
  static final long MAX_BLOCKING_MILLIS = 60_000;

  private final OkHttpClient client;
  private final HttpUrl apiHost;
  private final ActionName action;
  private final String authorization;
  private final String target;
  private final SpilloverClock clock;
  private final int maxRequestBytes;
  private final Duration minPoll;
  private final Duration maxPoll;

  public OpenWhiskInvoker(OkHttpClient client, HttpUrl apiHost, ActionName action,
      String authorization, String target, SpilloverClock clock, int maxRequestBytes,
      Duration minPoll, Duration maxPoll) {
    this.client = client;
    this.apiHost = apiHost;
    this.action = action;
    this.authorization = authorization;
    this.target = target;
    this.clock = clock;
    this.maxRequestBytes = maxRequestBytes;
    this.minPoll = minPoll;
    this.maxPoll = maxPoll;
  }

  @Override
  public CompletableFuture<byte[]> invoke(Invocation invocation) {
    byte[] payload = invocation.payload();
    if (payload.length > maxRequestBytes) {
      return CompletableFuture.failedFuture(
          Replies.oversize(target, payload.length, maxRequestBytes));
    }
    long waitMillis = Math.max(1, Math.min(MAX_BLOCKING_MILLIS,
        invocation.deadlineEpochMillis() - clock.epochMillis()));
    Request request = authorized(new Request.Builder()
        .url(actionUrl().newBuilder()
            .addQueryParameter("blocking", "true")
            .addQueryParameter("result", "true")
            .addQueryParameter("timeout", Long.toString(waitMillis))
            .build())
        .post(RequestBody.create(payload, HttpExchange.JSON)));
    return new ActivationCall(this, invocation.deadlineEpochMillis(), payload.length).start(request);
  }

  @Override
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** {@code /api/v1/namespaces/{ns}/actions/[{package}/]{action}} */
  public HttpUrl actionUrl() {
    HttpUrl.Builder b = namespaceUrl().addPathSegment("actions");
    if (action.packageName() != null) {
      b.addPathSegment(action.packageName());
    }
    return b.addPathSegment(action.action()).build();
  }

  Request activationRequest(String activationId) {
    return authorized(new Request.Builder().url(namespaceUrl().addPathSegment("activations")
        .addPathSegment(activationId).build()).get());
  }

  private HttpUrl.Builder namespaceUrl() {
    return apiHost.newBuilder().addPathSegments("api/v1/namespaces")
        .addPathSegment(action.namespace());
  }

  private Request authorized(Request.Builder b) {
    return b.header("Authorization", authorization).header("Accept", "application/json").build();
  }

  OkHttpClient client() {
    return client;
  }

  String target() {
    return target;
  }

  SpilloverClock clock() {
    return clock;
  }

  Duration minPoll() {
    return minPoll;
  }

  Duration maxPoll() {
    return maxPoll;
  }
}
