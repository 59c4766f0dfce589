package io.spillover.internal.function;

import io.spillover.SpilloverClock;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.CallerAwareHandler;
import io.spillover.function.ReplayGuard;
import io.spillover.seal.SealedCallOpener;
import io.spillover.wire.EnvelopeException;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code FunctionApp}: decode, check, deduplicate, run, encode. Plain calls are
 * handled here, sealed ones by {@link SealedDispatch}. A request id is remembered per service
 * (and, for sealed calls, per authenticated caller) only once the call is known to be authentic,
 * so neither a call to another service nor a forgery can take over its reply.
 */
public final class FunctionDispatcher {
  private static final Logger log = LoggerFactory.getLogger(FunctionDispatcher.class);
  private static final String FAILED = "the function failed";

  final Map<String, HandlerBinding<?, ?>> routes;
  final Codec codec;
  final SpilloverClock clock;
  private final ReplayCache replays;
  private final SealedDispatch sealed;
  private final Set<String> sealedOnly;
  private final AtomicBoolean cold = new AtomicBoolean(true);

  public FunctionDispatcher(Map<String, HandlerBinding<?, ?>> routes, Codec codec, SpilloverClock clock,
      int replayCacheSize, SealedCallOpener opener, ReplayGuard sharedGuard,
      Set<String> sealedOnly) {
    this.routes = routes;
    this.codec = codec;
    this.clock = clock;
    this.replays = new ReplayCache(replayCacheSize, clock::epochMillis);
    this.sealed = new SealedDispatch(this, opener, sharedGuard);
    this.sealedOnly = sealedOnly;
  }

  public Set<String> services() {
    return Collections.unmodifiableSet(routes.keySet());
  }

  /**
   * One request envelope to one reply envelope. Throws only a {@link VirtualMachineError} other
   * than {@link StackOverflowError}, after answering the call's duplicates.
   */
  public byte[] dispatch(byte[] bytes) {
    boolean wasCold = cold.getAndSet(false);
    long start = clock.nanoTime();
    Replier unknown = Replier.plain(null, codec.isJson(), wasCold, start, clock);
    try {
      RequestEnvelope req;
      try {
        req = EnvelopeFormat.decodeRequest(bytes);
      } catch (EnvelopeException e) {
        return unknown.error(e.type(), e.getMessage());
      }
      if (req.warmup) {
        return Replier.plain(req.id, codec.isJson(), wasCold, start, clock).result(null);
      }
      return req.sealed() ? sealed.dispatch(req, wasCold, start) : plain(req, wasCold, start);
    } catch (VirtualMachineError e) {
      if (!(e instanceof StackOverflowError)) {
        throw e;
      }
      return unknown.error(FunctionErrorType.HANDLER_ERROR, FAILED);
    } catch (Throwable e) {
      // a failure outside any handler (a bug, or a reply that cannot be sealed): a fixed text
      log.warn("dispatch failed: {}", e.getClass().getName());
      return unknown.error(FunctionErrorType.HANDLER_ERROR, FAILED);
    }
  }

  private byte[] plain(RequestEnvelope req, boolean wasCold, long start) {
    Replier reply = Replier.plain(req.id, codec.isJson(), wasCold, start, clock);
    HandlerBinding<?, ?> route = routes.get(req.service);
    if (route == null) {
      return reply.error(FunctionErrorType.UNKNOWN_SERVICE,
          "no handler for service '" + req.service + "'");
    }
    if (clock.epochMillis() > req.deadlineEpochMillis) {
      return reply.error(FunctionErrorType.DEADLINE_EXPIRED, "arrived after its deadline");
    }
    if (sealedOnly.contains(req.service)) {
      return reply.error(FunctionErrorType.SEALING_REQUIRED,
          "service '" + req.service + "' accepts sealed calls only");
    }
    // service names have no line break, so the key splits at the first one
    String key = "P" + req.service + '\n' + req.id;
    return once(key, req.deadlineEpochMillis, reply,
        () -> HandlerRun.run(req.service, route, req.body, Optional.empty(), codec, reply));
  }

  /**
   * Runs {@code call} unless {@code key} ran (or runs) already within its deadline, in which case
   * the earlier reply is returned. The entry is completed whatever happens, so a duplicate never
   * waits for a run that failed.
   */
  byte[] once(String key, long deadline, Replier reply, Supplier<byte[]> call) {
    CompletableFuture<byte[]> earlier = replays.claim(key, deadline);
    if (earlier != null) {
      return awaitEarlier(deadline, earlier, reply);
    }
    byte[] result;
    try {
      result = call.get();
    } catch (Throwable e) {
      byte[] failed = reply.failure(FAILED);
      replays.complete(key, failed);
      if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
        throw (VirtualMachineError) e;
      }
      // a failure outside the handler (e.g. sealing the reply): a fixed text, the class logged
      log.warn("dispatch failed outside the handler: {}", e.getClass().getName());
      return failed;
    }
    replays.complete(key, result);
    return result;
  }

  private byte[] awaitEarlier(long deadline, CompletableFuture<byte[]> earlier, Replier reply) {
    long waitMillis = Math.max(0, deadline - clock.epochMillis());
    try {
      return earlier.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return reply.error(FunctionErrorType.DEADLINE_EXPIRED,
          "duplicate of a request still running at its deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return reply.error(FunctionErrorType.BUSY, "interrupted");
    } catch (ExecutionException e) {
      return reply.error(FunctionErrorType.HANDLER_ERROR, "earlier run failed");
    }
  }

  /**
   * A registered handler with its request type (named apart from {@code io.spillover.Route}, the
   * caller's local-or-function route).
   */
  public static final class HandlerBinding<Q, R> {
    final Class<Q> requestType;
    final CallerAwareHandler<Q, R> handler;

    public HandlerBinding(Class<Q> requestType, CallerAwareHandler<Q, R> handler) {
      this.requestType = requestType;
      this.handler = handler;
    }

    Object invoke(Object request, Optional<String> caller) throws Exception {
      return handler.handle(requestType.cast(request), caller);
    }
  }
}
