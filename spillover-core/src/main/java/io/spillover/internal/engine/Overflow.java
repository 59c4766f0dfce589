package io.spillover.internal.engine;

import io.spillover.CallOptions;
import io.spillover.Classification;
import io.spillover.OverloadAction;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.FunctionException;
import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverClock;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayListener;
import io.spillover.limit.AdmissionLimiter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The decisions for a call that found the local limit reached: shed, spill, or wait a bounded
 * time for a local permit; and after a failed spill, fall back to a local permit before the
 * deadline, unless the call is not idempotent and the spill may have run. Each path ends the
 * call's accounting exactly once.
 */
final class Overflow<Q, R> {
  private final String name;
  private final SpillwayConfig config;
  private final SpilloverClock clock;
  private final AdmissionLimiter limiter;
  private final SpillMode mode;
  private final CallCounters counters;
  private final SpillwayListener listener;
  private final boolean timeCalls;
  private final SpillPath<R> spill;
  private final ScheduledExecutorService scheduler;

  /** Each collaborator handed in by the spillway's wiring; {@code spill} null without a function. */
  Overflow(String name, SpillwayConfig config, SpilloverClock clock, AdmissionLimiter limiter,
      SpillMode mode, CallCounters counters, SpillwayListener listener, boolean timeCalls,
      SpillPath<R> spill, ScheduledExecutorService scheduler) {
    this.name = name;
    this.config = config;
    this.clock = clock;
    this.limiter = limiter;
    this.mode = mode;
    this.counters = counters;
    this.listener = listener;
    this.timeCalls = timeCalls;
    this.spill = spill;
    this.scheduler = scheduler;
  }

  /** {@code blocking}: the caller waits for the decision on its own thread anyway. */
  CompletableFuture<Decision<R>> decide(Q request, CallOptions o, long deadline,
      boolean blocking) {
    if (mode.overloaded()) {
      listener.onSpillMode(name, true);
    }
    OverloadAction action = action(o);
    if (action == OverloadAction.SHED) {
      return CompletableFuture.failedFuture(reject(Reason.SHED,
          "priority " + o.priority() + " is shed at local limit " + limiter.limit(), null));
    }
    if (action == OverloadAction.WAIT) {
      return waitLocal(deadline, Reason.LIMIT_REACHED,
          "priority " + o.priority() + " does not spill", null, false);
    }
    if (spill == null) {
      return waitLocal(deadline, Reason.NO_FUNCTION, "no function configured", null, false);
    }
    long start = clock.nanoTime();
    long deadlineEpoch = clock.epochMillis() + DefaultSpillway.millis(deadline - start);
    boolean idempotent = idempotent(o);
    SpillPath.Attempt<R> a = spill.start(request, classification(o), idempotent,
        deadlineEpoch, o.traceparent(), blocking);
    if (a.refused != null) {
      listener.onSpillRefused(name, a.refused);
      return waitLocal(deadline, a.refused, a.detail, null, false);
    }
    if (a.result.isDone()) {
      // the blocking path (and any spill that ended at once): decide on this thread, no stages
      R r = null;
      Throwable e = null;
      try {
        r = a.result.join();
      } catch (CompletionException | CancellationException x) {
        e = x;
      }
      return afterSpill(r, e, start, idempotent, deadline);
    }
    return a.result.handle((r, e) -> afterSpill(r, e, start, idempotent, deadline))
        .thenCompose(f -> f);
  }

  /** Ends a spill's accounting, or falls back to a local permit when that is safe. */
  private CompletableFuture<Decision<R>> afterSpill(R r, Throwable e, long start,
      boolean idempotent, long deadline) {
    if (e == null) {
      counters.call(Route.FUNCTION, Outcome.SUCCESS);
      listener.onCall(name, Route.FUNCTION, Outcome.SUCCESS, clock.nanoTime() - start);
      return CompletableFuture.completedFuture(Decision.spilled(r));
    }
    Throwable cause = SpillPath.unwrap(e);
    if (ReplyDecoder.isHandlerError(cause)) {
      counters.call(Route.FUNCTION, Outcome.ERROR);
      listener.onCall(name, Route.FUNCTION, Outcome.ERROR, clock.nanoTime() - start);
      return CompletableFuture.<Decision<R>>failedFuture(cause);
    }
    if (!idempotent && !surelyNotRun(cause)) {
      // the function may have run it: running it locally too could run it twice
      return rejected(Reason.SPILL_OUTCOME_UNKNOWN, "the spill failed after it was sent and"
          + " the call is not idempotent: " + cause.getMessage(), cause, true);
    }
    return waitLocal(deadline, Reason.SPILL_FAILED, String.valueOf(cause.getMessage()), cause,
        true);
  }

  /**
   * Only a typed failure that says so proves the function did not run the call: throttled before
   * it ran, never sent, or a function-side refusal whose type says the handler did not run
   * ({@code REPLAYED} excepted: that id ran before). Anything else (timeout or reset after
   * sending, an error of unknown state, a reply that could not be authenticated, an untyped
   * failure) may have run it.
   */
  static boolean surelyNotRun(Throwable cause) {
    if (!(cause instanceof FunctionException)) {
      return false;
    }
    if (!((FunctionException) cause).mayHaveRun()) {
      return true;
    }
    if (!(cause instanceof FunctionErrorException)) {
      return false;
    }
    String type = ((FunctionErrorException) cause).type();
    for (FunctionErrorType t : FunctionErrorType.values()) {
      if (t.name().equals(type)) {
        return !t.handlerMayHaveRun() && t != FunctionErrorType.REPLAYED;
      }
    }
    return false; // a platform's own error type: its state is unknown
  }

  /**
   * Waits for a local permit, up to the config's max wait and never past the deadline; the
   * fallback of a failed spill too (a broken target must not hold callers until their deadline).
   * Without one, the call is rejected for {@code reason}.
   */
  private CompletableFuture<Decision<R>> waitLocal(long deadline, Reason reason, String detail,
      Throwable cause, boolean fallback) {
    long remaining = deadline - clock.nanoTime();
    long wait = Math.min(remaining, config.maxWait().toNanos());
    if (remaining <= 0) {
      Reason r = fallback ? Reason.SPILL_FAILED : Reason.DEADLINE_EXCEEDED;
      return rejected(r, detail + "; deadline passed", cause, fallback);
    }
    CompletableFuture<Long> permit = limiter.acquireAsync();
    if (permit == null) {
      return rejected(Reason.WAIT_QUEUE_FULL, detail + "; " + config.maxWaiting()
          + " calls already wait for a local permit", cause, fallback);
    }
    if (!permit.isDone()) {
      if (wait <= 0) {
        permit.complete(AdmissionLimiter.NO_PERMIT);
      } else {
        // on the registry's scheduler, which runs on the registry's clock (a virtual one in a
        // simulation, a manual one in tests), not on the JVM's own timer
        java.util.concurrent.ScheduledFuture<?> timer = scheduler.schedule(
            () -> permit.complete(AdmissionLimiter.NO_PERMIT), wait, TimeUnit.NANOSECONDS);
        permit.whenComplete((p, e) -> timer.cancel(false));
      }
    }
    return permit.thenApply(p -> {
      if (p == AdmissionLimiter.NO_PERMIT) {
        if (fallback) {
          listener.onSpillFailed(name, cause, false);
        }
        throw reject(reason, detail + "; local limit " + limiter.limit()
            + " reached, no permit within " + DefaultSpillway.millis(Math.max(0, wait)) + " ms",
            cause);
      }
      if (fallback) {
        counters.fallbacks.increment();
        listener.onSpillFailed(name, cause, true);
      }
      return Decision.local(p);
    });
  }

  private Classification classification(CallOptions o) {
    return o.classification() != null ? o.classification() : config.classification();
  }

  private boolean idempotent(CallOptions o) {
    return o.idempotent() != null ? o.idempotent() : config.idempotent();
  }

  private OverloadAction action(CallOptions o) {
    return config.overloadAction(o.priority());
  }

  private SpillRejectedException reject(Reason reason, String detail, Throwable cause) {
    counters.rejected(reason);
    listener.onRejected(name, reason);
    if (timeCalls) {
      listener.onCall(name, Route.NONE, Outcome.REJECTED, -1);
    }
    return new SpillRejectedException(name, reason, detail, cause);
  }

  private CompletableFuture<Decision<R>> rejected(Reason reason, String detail, Throwable cause,
      boolean fallback) {
    if (fallback) {
      listener.onSpillFailed(name, cause, false);
    }
    return CompletableFuture.failedFuture(reject(reason, detail, cause));
  }
}
