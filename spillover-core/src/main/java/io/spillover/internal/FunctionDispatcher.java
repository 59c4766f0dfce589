package io.spillover.internal;

import io.spillover.SpilloverClock;
import io.spillover.codec.Codec;
import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.FunctionHandler;
import io.spillover.seal.SealedCallOpener;
import io.spillover.seal.SealingException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine behind {@code FunctionApp}: decode, check, deduplicate, run, encode. */
public final class FunctionDispatcher {
  private static final Logger log = LoggerFactory.getLogger(FunctionDispatcher.class);

  private final Map<String, Route<?, ?>> routes;
  private final Codec codec;
  private final SpilloverClock clock;
  private final ReplayCache replays;
  private final SealedCallOpener opener;
  private final Set<String> sealedOnly;
  private final AtomicBoolean cold = new AtomicBoolean(true);

  public FunctionDispatcher(Map<String, Route<?, ?>> routes, Codec codec, SpilloverClock clock,
      int replayCacheSize, SealedCallOpener opener, Set<String> sealedOnly) {
    this.routes = routes;
    this.codec = codec;
    this.clock = clock;
    this.replays = new ReplayCache(replayCacheSize, clock::epochMillis);
    this.opener = opener;
    this.sealedOnly = sealedOnly;
  }

  public Set<String> services() {
    return Collections.unmodifiableSet(routes.keySet());
  }

  public byte[] dispatch(byte[] bytes) {
    boolean wasCold = cold.getAndSet(false);
    long start = clock.nanoTime();
    RequestEnvelope req;
    try {
      req = EnvelopeFormat.decodeRequest(bytes);
    } catch (CodecException e) {
      return error(null, FunctionErrorType.MALFORMED, e.getMessage(), wasCold, start);
    }
    if (req.warmup) {
      return encode(new ResponseEnvelope(req.id, true, null, null, null, null, wasCold,
          elapsedMillis(start)));
    }
    Route<?, ?> route = routes.get(req.service);
    if (route == null) {
      return error(req.id, FunctionErrorType.UNKNOWN_SERVICE,
          "no handler for service '" + req.service + "'", wasCold, start);
    }
    if (clock.epochMillis() > req.deadlineEpochMillis) {
      return error(req.id, FunctionErrorType.DEADLINE_EXPIRED,
          "arrived after its deadline", wasCold, start);
    }
    if (!req.sealed() && sealedOnly.contains(req.service)) {
      return error(req.id, FunctionErrorType.SEALING_REQUIRED,
          "service '" + req.service + "' accepts sealed calls only", wasCold, start);
    }
    CompletableFuture<byte[]> earlier = replays.claim(req.id, req.deadlineEpochMillis);
    if (earlier != null) {
      return awaitEarlier(req, earlier, wasCold, start);
    }
    byte[] reply;
    try {
      reply = run(req, route, wasCold, start);
    } catch (RuntimeException e) {
      // a failure outside the handler (e.g. sealing the reply) must still end the run, or its
      // duplicates would wait for it until their deadline
      log.warn("dispatch of {} failed", req.service, e);
      reply = error(req.id, FunctionErrorType.HANDLER_ERROR, e.getClass().getSimpleName(),
          wasCold, start);
    }
    replays.complete(req.id, reply);
    return reply;
  }

  private byte[] run(RequestEnvelope req, Route<?, ?> route, boolean wasCold, long start) {
    SealedCallOpener.OpenedCall opened = null;
    byte[] body = req.body;
    if (req.sealed()) {
      if (opener == null) {
        return error(req.id, FunctionErrorType.SEALING_REJECTED,
            "this function accepts no sealed calls", wasCold, start);
      }
      try {
        opened = opener.open(req.service, req.id, req.deadlineEpochMillis, req.sealedSession,
            req.sealedCiphertext);
        body = opened.body();
      } catch (SealingException e) {
        return error(req.id, FunctionErrorType.SEALING_REJECTED, e.getMessage(), wasCold, start);
      }
    }
    Object request;
    try {
      request = codec.decode(body, route.requestType);
    } catch (CodecException e) {
      return error(req.id, FunctionErrorType.BAD_REQUEST, e.getMessage(), wasCold, start);
    }
    byte[] result;
    try {
      result = codec.encode(route.invoke(request));
    } catch (Exception e) {
      log.debug("handler for {} failed", req.service, e);
      return error(req.id, FunctionErrorType.HANDLER_ERROR,
          e.getClass().getSimpleName() + ": " + e.getMessage(), wasCold, start);
    }
    if (opened != null) {
      return encode(new ResponseEnvelope(req.id, true, null, opened.sealReply(result), null, null,
          wasCold, elapsedMillis(start)));
    }
    return encode(new ResponseEnvelope(req.id, true, result, null, null, null, wasCold,
        elapsedMillis(start)));
  }

  private byte[] awaitEarlier(RequestEnvelope req, CompletableFuture<byte[]> earlier,
      boolean wasCold, long start) {
    long waitMillis = Math.max(0, req.deadlineEpochMillis - clock.epochMillis());
    try {
      return earlier.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return error(req.id, FunctionErrorType.DEADLINE_EXPIRED,
          "duplicate of a request still running at its deadline", wasCold, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(req.id, FunctionErrorType.BUSY, "interrupted", wasCold, start);
    } catch (ExecutionException e) {
      return error(req.id, FunctionErrorType.HANDLER_ERROR, "earlier run failed", wasCold, start);
    }
  }

  private byte[] error(String id, FunctionErrorType type, String message, boolean wasCold,
      long start) {
    return encode(ResponseEnvelope.error(id, type.name(), message, wasCold, elapsedMillis(start)));
  }

  private byte[] encode(ResponseEnvelope e) {
    return EnvelopeFormat.encodeResponse(e, codec.isJson());
  }

  private long elapsedMillis(long start) {
    return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start);
  }

  /** A registered handler with its request type. */
  public static final class Route<Q, R> {
    final Class<Q> requestType;
    final FunctionHandler<Q, R> handler;

    public Route(Class<Q> requestType, FunctionHandler<Q, R> handler) {
      this.requestType = requestType;
      this.handler = handler;
    }

    Object invoke(Object request) throws Exception {
      return handler.handle(requestType.cast(request));
    }
  }
}
