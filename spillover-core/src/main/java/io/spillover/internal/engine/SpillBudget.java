package io.spillover.internal.engine;

import io.spillover.SpillRejectedException.Reason;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The room a spillway has for spilled calls: at most {@code maxConcurrent} at once and, when a
 * rate is set, at most {@code rate} per second (a GCRA token bucket with a burst of one second's
 * worth, lock-free), and, when it has one, within the {@link SpillLimit} learnt from the
 * platform. The spend cap lives in {@link CostMeter}.
 */
public final class SpillBudget {
  private static final long SECOND = 1_000_000_000L;
  private final int maxConcurrent;
  private final long intervalNanos;
  private final AtomicInteger inflight = new AtomicInteger();
  private final AtomicLong theoreticalArrival = new AtomicLong(Long.MIN_VALUE);
  private final SpillLimit learnt;

  public SpillBudget(int maxConcurrent, double ratePerSecond) {
    this(maxConcurrent, ratePerSecond, null);
  }

  /** {@code learnt}: the adaptive limit within {@code maxConcurrent}, or null for none. */
  public SpillBudget(int maxConcurrent, double ratePerSecond, SpillLimit learnt) {
    this.maxConcurrent = maxConcurrent;
    this.learnt = learnt;
    this.intervalNanos = ratePerSecond > 0 ? Math.max(1, (long) (SECOND / ratePerSecond)) : 0;
  }

  /** Takes a slot and a rate token, or returns why not (and takes nothing). */
  public Reason tryAcquire(long nowNanos) {
    if (learnt != null && learnt.paused(nowNanos)) {
      return Reason.SPILL_CONCURRENCY_FULL;
    }
    for (;;) {
      int n = inflight.get();
      if (n >= limit()) {
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

  /** The concurrency allowed now: the learnt limit within the configured maximum. */
  public int limit() {
    return learnt == null ? maxConcurrent : Math.min(maxConcurrent, learnt.get());
  }

  /** The adaptive limit this budget follows, or null. */
  public SpillLimit learnt() {
    return learnt;
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
