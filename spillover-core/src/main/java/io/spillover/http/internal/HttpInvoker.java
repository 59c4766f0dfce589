package io.spillover.http.internal;

import io.spillover.SpilloverClock;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.Invocation;
import io.spillover.function.TargetCheck;
import io.spillover.http.spi.HttpExchange;
import io.spillover.http.spi.HttpReply;
import io.spillover.http.spi.Replies;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** POSTs the envelope to one URL; a 2xx reply must be a response envelope. */
public final class HttpInvoker implements FunctionInvoker {
  private final OkHttpClient client;
  private final HttpUrl url;
  private final String target;
  private final SpilloverClock clock;
  private final int maxRequestBytes;
  private final boolean blockingAllowed;
  private final HttpUrl health;

  public HttpInvoker(OkHttpClient client, HttpUrl url, String target, SpilloverClock clock,
      int maxRequestBytes, boolean blockingAllowed) {
    this(client, url, target, clock, maxRequestBytes, blockingAllowed, null);
  }

  /** {@code health}: the URL {@link #check} probes with a GET, or null for no probe. */
  public HttpInvoker(OkHttpClient client, HttpUrl url, String target, SpilloverClock clock,
      int maxRequestBytes, boolean blockingAllowed, HttpUrl health) {
    this.health = health;
    this.client = client;
    this.url = url;
    this.target = target;
    this.clock = clock;
    this.maxRequestBytes = maxRequestBytes;
    this.blockingAllowed = blockingAllowed;
  }

  @Override
  public CompletableFuture<byte[]> invoke(Invocation invocation) {
    byte[] payload = invocation.payload();
    if (payload.length > maxRequestBytes) {
      return CompletableFuture.failedFuture(
          Replies.oversize(target, payload.length, maxRequestBytes));
    }
    return HttpExchange.exchange(client, request(payload), invocation.deadlineEpochMillis(),
        clock, target, reply -> envelope(reply, payload.length));
  }

  /**
   * On the calling thread: no hand-off to OkHttp's dispatcher and back. Not when a header
   * supplier is set: it could hold the caller past the deadline (the default waits instead).
   */
  @Override
  public byte[] invokeBlocking(Invocation invocation) {
    if (!blockingAllowed) {
      return FunctionInvoker.super.invokeBlocking(invocation);
    }
    byte[] payload = invocation.payload();
    if (payload.length > maxRequestBytes) {
      throw Replies.oversize(target, payload.length, maxRequestBytes);
    }
    return HttpExchange.exchangeBlocking(client, request(payload),
        invocation.deadlineEpochMillis(), clock, target, reply -> envelope(reply, payload.length));
  }

  @Override
  public TargetCheck check(String service, Duration timeout) {
    if (health == null) {
      return TargetCheck.unsupported("no health path set for the HTTP provider");
    }
    return HealthProbe.check(client, health, target, clock, timeout);
  }

  private Request request(byte[] payload) {
    return new Request.Builder()
        .url(url)
        .header("Accept", "application/json")
        .post(RequestBody.create(payload, HttpExchange.JSON))
        .build();
  }

  private byte[] envelope(HttpReply reply, int sentBytes) {
    if (!reply.successful()) {
      throw Replies.forStatus(reply, target, sentBytes);
    }
    return Replies.requireEnvelope(reply.body(), target);
  }

  @Override
  public int maxRequestBytes() {
    return maxRequestBytes;
  }
}
