package io.spillover.internal.engine;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.spillover.SpilloverClock;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.Invocation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One attempt of a spill through the circuit breaker, teaching the spill limits what the platform
 * answered: the spillway's own and, when the registry caps the function, the one all spillways of
 * the registry share for it. A throttle is back-pressure, not a broken target: it gives the breaker's permission
 * back without counting as a failure (so 429s never open the breaker), lowers the spill limit,
 * and is counted apart.
 */
final class GuardedInvoker {
  private final FunctionInvoker invoker;
  private final CircuitBreaker breaker;
  private final SpillBudget budget;
  private final SpillBudget functionBudget;
  private final CallCounters counters;
  private final SpilloverClock clock;

  /** {@code functionBudget}: the registry's budget for the function, or null. */
  GuardedInvoker(FunctionInvoker invoker, CircuitBreaker breaker, SpillBudget budget,
      SpillBudget functionBudget, CallCounters counters, SpilloverClock clock) {
    this.invoker = invoker;
    this.breaker = breaker;
    this.budget = budget;
    this.functionBudget = functionBudget;
    this.counters = counters;
    this.clock = clock;
  }

  byte[] invokeBlocking(Invocation invocation) {
    permit();
    int inflight = budget.inflight();
    int functionInflight = functionInflight();
    long start = clock.nanoTime();
    long breakerStart = breaker.getCurrentTimestamp();
    byte[] reply;
    try {
      reply = invoker.invokeBlocking(invocation);
    } catch (RuntimeException e) {
      failed(e, inflight, functionInflight, breakerStart);
      throw e;
    }
    succeeded(inflight, functionInflight, start, breakerStart);
    return reply;
  }

  CompletionStage<byte[]> invoke(Invocation invocation) {
    try {
      permit();
    } catch (CallNotPermittedException e) {
      return CompletableFuture.failedFuture(e);
    }
    int inflight = budget.inflight();
    int functionInflight = functionInflight();
    long start = clock.nanoTime();
    long breakerStart = breaker.getCurrentTimestamp();
    CompletionStage<byte[]> reply;
    try {
      reply = invoker.invoke(invocation);
    } catch (RuntimeException e) {
      failed(e, inflight, functionInflight, breakerStart);
      return CompletableFuture.failedFuture(e);
    }
    return reply.whenComplete((bytes, e) -> {
      if (e == null) {
        succeeded(inflight, functionInflight, start, breakerStart);
      } else {
        failed(SpillPath.unwrap(e), inflight, functionInflight, breakerStart);
      }
    });
  }

  private void permit() {
    if (!breaker.tryAcquirePermission()) {
      throw CallNotPermittedException.createCallNotPermittedException(breaker);
    }
  }

  private int functionInflight() {
    return functionBudget == null ? 0 : functionBudget.inflight();
  }

  private void succeeded(int inflight, int functionInflight, long start, long breakerStart) {
    breaker.onSuccess(breaker.getCurrentTimestamp() - breakerStart, breaker.getTimestampUnit());
    long rtt = clock.nanoTime() - start;
    learnSuccess(budget, inflight, rtt);
    if (functionBudget != null) {
      learnSuccess(functionBudget, functionInflight, rtt);
    }
  }

  private static void learnSuccess(SpillBudget b, int inflight, long rtt) {
    SpillLimit learnt = b.learnt();
    if (learnt != null) {
      learnt.onSuccess(rtt, inflight >= b.limit());
    }
  }

  private void failed(Throwable e, int inflight, int functionInflight, long breakerStart) {
    if (e instanceof FunctionThrottledException) {
      breaker.releasePermission();
      counters.throttledSpills.increment();
      long now = clock.nanoTime();
      learnThrottle(budget, inflight, now);
      if (functionBudget != null) {
        learnThrottle(functionBudget, functionInflight, now);
      }
      return;
    }
    breaker.onError(breaker.getCurrentTimestamp() - breakerStart, breaker.getTimestampUnit(), e);
  }

  private static void learnThrottle(SpillBudget b, int inflight, long now) {
    SpillLimit learnt = b.learnt();
    if (learnt != null) {
      learnt.onThrottle(now, inflight);
    }
  }
}
