package io.spillover.internal.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.spillover.Classification;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverClock;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayListener;
import io.spillover.codec.Codec;
import io.spillover.codec.CodecException;
import io.spillover.fleet.FleetPermits;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.Invocation;
import io.spillover.seal.CallSealer;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import io.spillover.seal.UnauthenticatedReplyException;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.wire.SealedFrames;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sends one overflowing call to the function twin: policy and budget checks, encoding, sealing,
 * the circuit breaker and retries (Resilience4j), the reply. Not on the local path.
 */
final class SpillPath<R> {
  /** Envelope bytes around the body: id, service, deadline, trace, keys. */
  private static final int ENVELOPE_OVERHEAD = 512;
  private static final long GRACE_MILLIS = 1000;

  private final String name;
  private final FunctionRef target;
  private final FunctionInvoker invoker;
  private final CircuitBreaker breaker;
  private final Retry retryIdempotent;
  private final Retry retrySafe;
  private final ScheduledExecutorService scheduler;
  private final Codec codec;
  private final CallSealer sealer;
  private final SpilloverClock clock;
  private final SpillBudget budget;
  /** Shared by every spillway of the registry that spills to the same function; may be null. */
  private final SpillBudget functionBudget;
  private final CostMeter cost;
  private final CallCounters counters;
  private final SpillwayListener listener;
  private final Type responseType;
  private final int maxPayload;
  private final TamperReports tampering;
  private final GuardedInvoker guarded;
  /** The leased share of a fleet-wide in-flight cap, or null: memory only, no round trip. */
  private final FleetPermits fleetPermits;

  /** Built by {@link SpillwayParts#spillPath}, which holds the one list of collaborators. */
  SpillPath(SpillwayParts<R> parts, CallCounters counters, CostMeter cost) {
    SpillwayConfig config = parts.config;
    this.name = parts.name;
    this.target = config.function();
    this.invoker = parts.invoker;
    this.breaker = parts.breaker;
    this.scheduler = parts.scheduler;
    this.codec = parts.codec;
    this.sealer = parts.sealer;
    this.clock = parts.clock;
    this.functionBudget = parts.functionBudget;
    this.fleetPermits = parts.fleetPermits;
    this.listener = parts.listener;
    this.responseType = parts.responseType;
    this.budget = new SpillBudget(config.maxConcurrentSpills(), config.maxSpillsPerSecond(),
        config.adaptiveSpillConcurrency() ? new SpillLimit(config.maxConcurrentSpills()) : null);
    this.guarded = new GuardedInvoker(invoker, breaker, budget, functionBudget, counters, clock);
    this.cost = cost;
    this.counters = counters;
    this.maxPayload = Math.min(config.maxPayloadBytes(), invoker.maxRequestBytes());
    this.tampering = new TamperReports(name, counters, listener);
    IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(config.retryBackoff(), 2.0);
    this.retryIdempotent = Retry.of(name + "-idempotent", RetryConfig.custom()
        .maxAttempts(config.retryAttempts()).intervalFunction(backoff)
        .retryOnException(e -> retryable(e, true)).build());
    this.retrySafe = Retry.of(name, RetryConfig.custom()
        .maxAttempts(config.retryAttempts()).intervalFunction(backoff)
        .retryOnException(e -> retryable(e, false)).build());
  }

  /** A refusal, or a spill under way. */
  static final class Attempt<R> {
    final Reason refused;
    final String detail;
    final CompletableFuture<R> result;

    Attempt(Reason refused, String detail, CompletableFuture<R> result) {
      this.refused = refused;
      this.detail = detail;
      this.result = result;
    }
  }

  /**
   * Checks and starts a spill. {@code blocking}: the caller waits for the result anyway, so the
   * attempts run on its thread (the returned future is already complete).
   */
  Attempt<R> start(Object request, Classification classification, boolean idempotent,
      long deadlineEpochMillis, String traceparent, boolean blocking) {
    SealedChannel channel = null;
    if (classification == Classification.CONFIDENTIAL) {
      Optional<SealedChannel> c = sealer == null ? Optional.empty() : sealer.channel(target);
      if (c.isEmpty()) {
        return refuse(Reason.CONFIDENTIAL_NO_SEALED_CHANNEL, "no verified keyset for the target");
      }
      channel = c.get();
      if (!idempotent && !channel.sharedReplayGuard()) {
        return refuse(Reason.CONFIDENTIAL_NOT_IDEMPOTENT, "not idempotent, and " + target
            + " is not declared to share a replay guard among its instances");
      }
    }
    if (breaker.getState() == CircuitBreaker.State.OPEN
        || breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
      return refuse(Reason.CIRCUIT_OPEN, "breaker " + breaker.getName() + " is open");
    }
    byte[] body;
    try {
      body = codec.encode(request);
    } catch (CodecException e) {
      return refuse(Reason.NOT_ENCODABLE, e.getMessage());
    }
    if (body.length + ENVELOPE_OVERHEAD > maxPayload) {
      return refuse(Reason.PAYLOAD_TOO_LARGE, body.length + " bytes, limit " + maxPayload);
    }
    long now = clock.nanoTime();
    if (cost.capReached(now)) {
      return refuse(Reason.SPEND_CAP_REACHED, "spent " + cost.lastHourUsd(now) + " USD this hour");
    }
    String fleetCap = cost.fleetCapReached();
    if (fleetCap != null) {
      return refuse(Reason.SPEND_CAP_REACHED, fleetCap);
    }
    Reason noRoom = budget.tryAcquire(now);
    if (noRoom != null) {
      return refuse(noRoom, budget.inflight() + " spills in flight");
    }
    if (functionBudget != null && functionBudget.tryAcquire(now) != null) {
      budget.release();
      return refuse(Reason.SPILL_CONCURRENCY_FULL, functionBudget.inflight() + " calls in flight"
          + " to " + target + ", its functionConcurrency");
    }
    if (fleetPermits != null && !fleetPermits.tryAcquire()) {
      budget.release();
      if (functionBudget != null) {
        functionBudget.release();
      }
      return refuse(Reason.SPILL_CONCURRENCY_FULL, "no fleet permit free: " + fleetPermits.lease());
    }
    try {
      return new Attempt<>(null, null, send(body, channel, idempotent, deadlineEpochMillis,
          traceparent, blocking));
    } catch (RuntimeException e) {
      releaseBudgets();
      throw e;
    }
  }

  private CompletableFuture<R> send(byte[] body, SealedChannel channel, boolean idempotent,
      long deadline, String traceparent, boolean blocking) {
    String id = UUID.randomUUID().toString();
    RequestEnvelope envelope;
    if (channel != null) {
      SealedPayload sealed =
          channel.seal(name, id, deadline, SealedFrames.request(idempotent, body));
      envelope = new RequestEnvelope(id, name, deadline, traceparent, false, null,
          sealed.session(), sealed.ciphertext());
    } else {
      envelope = new RequestEnvelope(id, name, deadline, traceparent, false, body, null, null);
    }
    Invocation invocation = new Invocation(id, name,
        EnvelopeFormat.encodeRequest(envelope, codec.isJson()), deadline, false);
    SealedChannel sealedWith = channel;
    Retry retry = idempotent ? retryIdempotent : retrySafe;
    if (blocking) {
      return sendBlocking(invocation, id, sealedWith, retry);
    }
    Supplier<CompletionStage<R>> attempt = () ->
        guarded.invoke(invocation).handle((bytes, e) -> {
              Throwable cause = e == null ? null : unwrap(e);
              if (cause instanceof RuntimeException) {
                throw tampering.failure((RuntimeException) cause, id, sealedWith);
              }
              if (cause != null) {
                throw new CompletionException(cause);
              }
              return reply(bytes, id, sealedWith);
            });
    long timeout = Math.max(1, deadline - clock.epochMillis()) + GRACE_MILLIS;
    CompletableFuture<R> result = Retry.decorateCompletionStage(retry, scheduler, attempt).get()
        .toCompletableFuture()
        // a provider that breaks its deadline contract must not hold the budget forever
        .orTimeout(timeout, TimeUnit.MILLISECONDS);
    return result.whenComplete((r, e) -> releaseBudgets());
  }

  /** The same attempts, breaker and retries as the asynchronous path, on the caller's thread. */
  private CompletableFuture<R> sendBlocking(Invocation invocation, String id,
      SealedChannel channel, Retry retry) {
    Supplier<R> attempt = () -> {
      byte[] bytes;
      try {
        bytes = guarded.invokeBlocking(invocation);
      } catch (RuntimeException e) {
        throw tampering.failure(e, id, channel);
      }
      return reply(bytes, id, channel);
    };
    CompletableFuture<R> result = new CompletableFuture<>();
    try {
      result.complete(Retry.decorateSupplier(retry, attempt).get());
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    } finally {
      releaseBudgets();
    }
    return result;
  }

  private void releaseBudgets() {
    budget.release();
    if (fleetPermits != null) {
      fleetPermits.release();
    }
    if (functionBudget != null) {
      functionBudget.release();
    }
  }

  private R reply(byte[] bytes, String id, SealedChannel channel) {
    ResponseEnvelope reply = ReplyDecoder.envelope(bytes);
    if (reply.cold) {
      counters.coldStarts.increment();
      listener.onColdStart(name);
    }
    listener.onSpend(name, cost.record(reply.millis, reply.cold, clock.nanoTime()));
    try {
      return ReplyDecoder.body(reply, name, id, codec, responseType, channel);
    } catch (UnauthenticatedReplyException e) {
      tampering.record(e, id, channel);
      throw e;
    }
  }


  /** Sends a no-op invocation that starts (or keeps) a function instance. */
  CompletableFuture<Boolean> ping() {
    String id = UUID.randomUUID().toString();
    long deadline = clock.epochMillis() + 30_000;
    RequestEnvelope envelope = new RequestEnvelope(id, name, deadline, null, true, null, null,
        null);
    return invoker.invoke(new Invocation(id, name, EnvelopeFormat.encodeRequest(envelope, true),
        deadline, true)).thenApply(bytes -> {
          ResponseEnvelope reply = ReplyDecoder.envelope(bytes);
          listener.onSpend(name, cost.recordPing(reply.millis, reply.cold, clock.nanoTime()));
          return reply.cold;
        });
  }

  int inflight() {
    return budget.inflight();
  }

  /** The spill concurrency allowed now (the learnt limit within the configured maximum). */
  int spillLimit() {
    return budget.limit();
  }

  /** Whether a fleet-wide in-flight cap is kept to a static share (its store did not answer). */
  boolean fleetLeaseStale() {
    return fleetPermits != null && fleetPermits.lease().stale();
  }

  String breakerState() {
    return breaker.getState().name();
  }

  private Attempt<R> refuse(Reason reason, String detail) {
    return new Attempt<>(reason, detail, null);
  }

  static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof TimeoutException) {
      return new FunctionTimeoutException("no reply before the deadline");
    }
    return e;
  }

  private static boolean retryable(Throwable e, boolean idempotent) {
    Throwable cause = unwrap(e);
    if (!(cause instanceof FunctionException) || ReplyDecoder.isHandlerError(cause)) {
      return false;
    }
    if (cause instanceof FunctionThrottledException) {
      // back-pressure: a retry would add to the overload; the call falls back to a local permit
      return false;
    }
    return idempotent || !((FunctionException) cause).mayHaveRun();
  }
}
