package io.spillover.internal;

import io.spillover.SpillRejectedException.Reason;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The room a spillway has for spilled calls: at most {@code maxConcurrent} at once and, when a
 * rate is set, at most {@code rate} per second (a GCRA token bucket with a burst of one second's
 * worth, lock-free). The spend cap lives in {@link CostMeter}.
 */
public final class SpillBudget {
  private static final long SECOND = 1_000_000_000L;
  private final int maxConcurrent;
  private final long intervalNanos;
  private final AtomicInteger inflight = new AtomicInteger();
  private final AtomicLong theoreticalArrival = new AtomicLong(Long.MIN_VALUE);

  public SpillBudget(int maxConcurrent, double ratePerSecond) {
    this.maxConcurrent = maxConcurrent;
    this.intervalNanos = ratePerSecond > 0 ? Math.max(1, (long) (SECOND / ratePerSecond)) : 0;
  }

  /** Takes a slot and a rate token, or returns why not (and takes nothing). */
  public Reason tryAcquire(long nowNanos) {
    for (;;) {
      int n = inflight.get();
      if (n >= maxConcurrent) {
        return Reason.SPILL_CONCURRENCY_FULL;
      }
      if (inflight.compareAndSet(n, n + 1)) {
        break;
      }
    }
    if (intervalNanos > 0 && !takeToken(nowNanos)) {
      inflight.decrementAndGet();
      return Reason.SPILL_RATE_LIMITED;
    }
    return null;
  }

  public void release() {
    inflight.decrementAndGet();
  }

  public int inflight() {
    return inflight.get();
  }

  private boolean takeToken(long now) {
    for (;;) {
      long tat = theoreticalArrival.get();
      long base = tat == Long.MIN_VALUE || tat < now ? now : tat;
      long next = base + intervalNanos;
      if (next - now > SECOND) {
        return false;
      }
      if (theoreticalArrival.compareAndSet(tat, next)) {
        return true;
      }
    }
  }
}
