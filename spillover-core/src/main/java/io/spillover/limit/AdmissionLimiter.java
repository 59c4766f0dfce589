package io.spillover.limit;

import io.spillover.SpilloverClock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces a {@link Limit}: the local-path permit of a spillway. {@link #tryAcquire} and
 * {@link #release} are lock-free and allocate nothing; with a limit that does not use latency they
 * read no clock either. A permit is a {@code long} token, not an object, for that reason.
 *
 * <p>Callers that may wait queue through {@link #acquireAsync}; a release hands its permit straight
 * to the oldest live waiter, so a waiter is never overtaken by the permit it waited for. The queue
 * is bounded: past {@code maxWaiting} waiters, {@code acquireAsync} returns {@code null}.
 */
public final class AdmissionLimiter {
  /** The token {@link #tryAcquire} returns when no permit is free. */
  public static final long NO_PERMIT = Long.MIN_VALUE;
  /** A granted permit whose call is not timed. */
  static final long UNTIMED = Long.MIN_VALUE + 1;

  private final Limit limit;
  private final SpilloverClock clock;
  private final boolean timed;
  private final int sampleMask;
  private final int maxWaiting;
  private final AtomicInteger inflight = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final ConcurrentLinkedQueue<CompletableFuture<Long>> waiters =
      new ConcurrentLinkedQueue<>();

  /**
   * @param sampleEvery time one call in this many (a power of two); 1 times every call
   * @param maxWaiting how many callers may queue for a permit
   */
  public AdmissionLimiter(Limit limit, SpilloverClock clock, int sampleEvery, int maxWaiting) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (sampleEvery < 1 || Integer.bitCount(sampleEvery) != 1) {
      throw new IllegalArgumentException("sampleEvery must be a power of two, was " + sampleEvery);
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting must be >= 0, was " + maxWaiting);
    }
    this.timed = limit.usesLatency();
    this.sampleMask = sampleEvery - 1;
    this.maxWaiting = maxWaiting;
  }

  /** A permit if fewer than the limit's calls are running, else {@link #NO_PERMIT}. */
  public long tryAcquire() {
    return tryAcquire(limit.current());
  }

  /** A permit if fewer than {@code threshold} calls are running, else {@link #NO_PERMIT}. */
  public long tryAcquire(int threshold) {
    for (;;) {
      int n = inflight.get();
      if (n >= threshold) {
        return NO_PERMIT;
      }
      if (inflight.compareAndSet(n, n + 1)) {
        return token();
      }
    }
  }

  /**
   * A permit even when the limit is reached: for calls that run regardless of admission but
   * should count as in flight and feed the limit when released. Lock-free, no allocation.
   */
  public long acquireAlways() {
    inflight.incrementAndGet();
    return token();
  }

  /**
   * Returns a permit and feeds the call's latency (if it was timed) and outcome to the limit.
   *
   * @param dropped whether the call failed in a way that signals overload
   */
  public void release(long permit, boolean dropped) {
    if (permit == NO_PERMIT) {
      throw new IllegalArgumentException("NO_PERMIT is not a permit");
    }
    if (permit != UNTIMED) {
      limit.onSample(clock.nanoTime() - permit, inflight.get(), dropped);
    } else if (dropped) {
      limit.onSample(-1, inflight.get(), true);
    }
    if (waiting.get() > 0 && handOff()) {
      return;
    }
    inflight.decrementAndGet();
    // A waiter may have queued after the check above and made its own last try before the
    // decrement: both sides looked and neither saw the other. Looking at the queue again after
    // publishing the free permit closes that gap (the waiter enqueues before its last try).
    if (!waiters.isEmpty()) {
      passFreedPermits();
    }
  }

  /**
   * Takes the free permits back one at a time and hands each to a live waiter, until no permit
   * is free or no waiter is left. A permit nobody took is published again before looking again,
   * so a waiter that queues meanwhile is seen here or sees the permit in its own last try.
   */
  private void passFreedPermits() {
    while (!waiters.isEmpty()) {
      long permit = tryAcquire();
      if (permit == NO_PERMIT) {
        return; // whoever holds it looks at the queue when releasing it
      }
      if (!giveToWaiter(permit)) {
        inflight.decrementAndGet();
      }
    }
  }

  private boolean giveToWaiter(long permit) {
    CompletableFuture<Long> w;
    while ((w = waiters.poll()) != null) {
      if (w.complete(permit)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A future permit: already complete when one is free, else completed by the release that frees
   * one. Complete it yourself with {@link #NO_PERMIT} to give up (e.g. on timeout). Returns
   * {@code null} when {@code maxWaiting} callers already wait.
   */
  public CompletableFuture<Long> acquireAsync() {
    long now = tryAcquire();
    if (now != NO_PERMIT) {
      return CompletableFuture.completedFuture(now);
    }
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return null;
    }
    CompletableFuture<Long> f = new CompletableFuture<>();
    waiters.add(f);
    f.whenComplete((token, e) -> {
      waiting.decrementAndGet();
      if (token == null || token == NO_PERMIT) {
        waiters.remove(f);
      }
    });
    // a release may have run between the failed tryAcquire and the enqueue and seen no waiter
    long late = tryAcquire();
    if (late != NO_PERMIT && !f.complete(late)) {
      release(late, false);
    }
    return f;
  }

  private boolean handOff() {
    if (inflight.get() > limit.current()) {
      return false; // the limit shrank: let the permit go instead of passing it on
    }
    return giveToWaiter(token());
  }

  private long token() {
    if (timed && (sampleMask == 0 || (ThreadLocalRandom.current().nextInt() & sampleMask) == 0)) {
      return clock.nanoTime();
    }
    return UNTIMED;
  }

  /** Local calls holding a permit now. */
  public int inflight() {
    return inflight.get();
  }

  /** Callers queued for a permit now. */
  public int waiting() {
    return waiting.get();
  }

  public int limit() {
    return limit.current();
  }
}
