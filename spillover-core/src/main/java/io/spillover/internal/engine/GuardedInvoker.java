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
 * One attempt of a spill through the circuit breaker, teaching the spill limit what the platform
 * answered. A throttle is back-pressure, not a broken target: it gives the breaker's permission
 * back without counting as a failure (so 429s never open the breaker), lowers the spill limit,
 * and is counted apart.
 */
final class GuardedInvoker {
  private final FunctionInvoker invoker;
  private final CircuitBreaker breaker;
  private final SpillBudget budget;
  private final CallCounters counters;
  private final SpilloverClock clock;

  GuardedInvoker(FunctionInvoker invoker, CircuitBreaker breaker, SpillBudget budget,
      CallCounters counters, SpilloverClock clock) {
    this.invoker = invoker;
    this.breaker = breaker;
    this.budget = budget;
    this.counters = counters;
    this.clock = clock;
  }

  byte[] invokeBlocking(Invocation invocation) {
    permit();
    int inflight = budget.inflight();
    long start = clock.nanoTime();
    long breakerStart = breaker.getCurrentTimestamp();
    byte[] reply;
    try {
      reply = invoker.invokeBlocking(invocation);
    } catch (RuntimeException e) {
      failed(e, inflight, breakerStart);
      throw e;
    }
    succeeded(inflight, start, breakerStart);
    return reply;
  }

  CompletionStage<byte[]> invoke(Invocation invocation) {
    try {
      permit();
    } catch (CallNotPermittedException e) {
      return CompletableFuture.failedFuture(e);
    }
    int inflight = budget.inflight();
    long start = clock.nanoTime();
    long breakerStart = breaker.getCurrentTimestamp();
    CompletionStage<byte[]> reply;
    try {
      reply = invoker.invoke(invocation);
    } catch (RuntimeException e) {
      failed(e, inflight, breakerStart);
      return CompletableFuture.failedFuture(e);
    }
    return reply.whenComplete((bytes, e) -> {
      if (e == null) {
        succeeded(inflight, start, breakerStart);
      } else {
        failed(SpillPath.unwrap(e), inflight, breakerStart);
      }
    });
  }

  private void permit() {
    if (!breaker.tryAcquirePermission()) {
      throw CallNotPermittedException.createCallNotPermittedException(breaker);
    }
  }

  private void succeeded(int inflight, long start, long breakerStart) {
    breaker.onSuccess(breaker.getCurrentTimestamp() - breakerStart, breaker.getTimestampUnit());
    SpillLimit learnt = budget.learnt();
    if (learnt != null) {
      learnt.onSuccess(clock.nanoTime() - start, inflight >= budget.limit());
    }
  }

  private void failed(Throwable e, int inflight, long breakerStart) {
    if (e instanceof FunctionThrottledException) {
      breaker.releasePermission();
      counters.throttledSpills.increment();
      SpillLimit learnt = budget.learnt();
      if (learnt != null) {
        learnt.onThrottle(clock.nanoTime(), inflight);
      }
      return;
    }
    breaker.onError(breaker.getCurrentTimestamp() - breakerStart, breaker.getTimestampUnit(), e);
  }
}
