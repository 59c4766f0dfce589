package io.spillover.internal;

import io.spillover.CallOptions;
import io.spillover.OverloadAction;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.FunctionException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.limit.AdmissionLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The decisions for a call that found the local limit reached: shed, spill, or wait a bounded
 * time for a local permit; and after a failed spill, fall back to a local permit before the
 * deadline, unless the call is not idempotent and the spill may have run. Each path ends the
 * call's accounting exactly once.
 */
final class Overflow<Q, R> {
  private final DefaultSpillway<Q, R> sw;

  Overflow(DefaultSpillway<Q, R> sw) {
    this.sw = sw;
  }

  /** {@code blocking}: the caller waits for the decision on its own thread anyway. */
  CompletableFuture<Decision<R>> decide(Q request, CallOptions o, long deadline,
      boolean blocking) {
    if (sw.mode.overloaded()) {
      sw.listener.onSpillMode(sw.name, true);
    }
    OverloadAction action = sw.action(o);
    if (action == OverloadAction.SHED) {
      return CompletableFuture.failedFuture(sw.reject(Reason.SHED,
          "priority " + o.priority() + " is shed at local limit " + sw.limiter.limit(), null));
    }
    if (action == OverloadAction.WAIT) {
      return waitLocal(deadline, Reason.LIMIT_REACHED,
          "priority " + o.priority() + " does not spill", null, false);
    }
    if (sw.spill == null) {
      return waitLocal(deadline, Reason.NO_FUNCTION, "no function configured", null, false);
    }
    long start = sw.clock.nanoTime();
    long deadlineEpoch = sw.clock.epochMillis() + DefaultSpillway.millis(deadline - start);
    boolean idempotent = sw.idempotent(o);
    SpillPath.Attempt<R> a = sw.spill.start(request, sw.classification(o), idempotent,
        deadlineEpoch, o.traceparent(), blocking);
    if (a.refused != null) {
      sw.listener.onSpillRefused(sw.name, a.refused);
      return waitLocal(deadline, a.refused, a.detail, null, false);
    }
    return a.result.handle((r, e) -> {
      if (e == null) {
        sw.counters.call(Route.FUNCTION, Outcome.SUCCESS);
        sw.listener.onCall(sw.name, Route.FUNCTION, Outcome.SUCCESS, sw.clock.nanoTime() - start);
        return CompletableFuture.completedFuture(Decision.spilled(r));
      }
      Throwable cause = SpillPath.unwrap(e);
      if (ReplyDecoder.isHandlerError(cause)) {
        sw.counters.call(Route.FUNCTION, Outcome.ERROR);
        sw.listener.onCall(sw.name, Route.FUNCTION, Outcome.ERROR, sw.clock.nanoTime() - start);
        return CompletableFuture.<Decision<R>>failedFuture(cause);
      }
      if (!idempotent && !surelyNotRun(cause)) {
        // the function may have run it: running it locally too could run it twice
        return rejected(Reason.SPILL_OUTCOME_UNKNOWN, "the spill failed after it was sent and"
            + " the call is not idempotent: " + cause.getMessage(), cause, true);
      }
      return waitLocal(deadline, Reason.SPILL_FAILED, String.valueOf(cause.getMessage()), cause,
          true);
    }).thenCompose(f -> f);
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
    long remaining = deadline - sw.clock.nanoTime();
    long wait = Math.min(remaining, sw.config.maxWait().toNanos());
    if (remaining <= 0) {
      Reason r = fallback ? Reason.SPILL_FAILED : Reason.DEADLINE_EXCEEDED;
      return rejected(r, detail + "; deadline passed", cause, fallback);
    }
    CompletableFuture<Long> permit = sw.limiter.acquireAsync();
    if (permit == null) {
      return rejected(Reason.WAIT_QUEUE_FULL, detail + "; " + sw.config.maxWaiting()
          + " calls already wait for a local permit", cause, fallback);
    }
    if (!permit.isDone()) {
      if (wait <= 0) {
        permit.complete(AdmissionLimiter.NO_PERMIT);
      } else {
        // on the registry's scheduler, which runs on the registry's clock (a virtual one in a
        // simulation, a manual one in tests), not on the JVM's own timer
        java.util.concurrent.ScheduledFuture<?> timer = sw.scheduler.schedule(
            () -> permit.complete(AdmissionLimiter.NO_PERMIT), wait, TimeUnit.NANOSECONDS);
        permit.whenComplete((p, e) -> timer.cancel(false));
      }
    }
    return permit.thenApply(p -> {
      if (p == AdmissionLimiter.NO_PERMIT) {
        if (fallback) {
          sw.listener.onSpillFailed(sw.name, cause, false);
        }
        throw sw.reject(reason, detail + "; local limit " + sw.limiter.limit()
            + " reached, no permit within " + DefaultSpillway.millis(Math.max(0, wait)) + " ms",
            cause);
      }
      if (fallback) {
        sw.counters.fallbacks.increment();
        sw.listener.onSpillFailed(sw.name, cause, true);
      }
      return Decision.local(p);
    });
  }

  private CompletableFuture<Decision<R>> rejected(Reason reason, String detail, Throwable cause,
      boolean fallback) {
    if (fallback) {
      sw.listener.onSpillFailed(sw.name, cause, false);
    }
    return CompletableFuture.failedFuture(sw.reject(reason, detail, cause));
  }
}
