package io.spillover.internal.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spill path's own concurrency limit, learnt from the function platform's answers, so that N
 * VMs that share one capped function settle on a fair share of its cap without talking to each
 * other.
 *
 * <p>It is additive increase, multiplicative decrease, as TCP does it for the same reason (many
 * independent senders, one bottleneck, a loss signal): a throttle (429) lowers the limit to three
 * quarters of what was in flight, at most once per smoothed round trip, so one burst of 429s from
 * one overfull moment counts once; successes of calls sent while the limit was binding raise it by
 * one after {@code rounds × limit} of them, i.e. about one per {@code rounds} round trips whatever
 * the limit, which is what makes the shares converge to equal. {@code rounds} doubles (up to 256)
 * at each throttle and halves (down to 4) after a probe that drew none, so a contended platform is
 * probed rarely (few 429s) and a free one is found quickly. Latency paces the decreases only: a
 * slow twin is not a full platform, and the breaker and deadlines deal with broken or slow ones.
 *
 * <p>A limit of one cannot halve, so below it the limit works in time, as TCP's retransmission
 * timer does below one segment: a throttle of the only spill in flight pauses new spills for a
 * round trip, doubling (up to 32) while such throttles follow each other and reset by a success.
 * Without it, a VM of a fleet larger than the platform's cap would knock at a full platform on
 * every call.
 *
 * <p>Lock-free: every update is one compare-and-set on its own field; races lose an update, never
 * the bounds.
 */
public final class SpillLimit {
  static final int MIN_ROUNDS = 4;
  static final int MAX_ROUNDS = 256;
  private static final long DEFAULT_RTT = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int MAX_BACKOFF_SHIFT = 5;

  private final int max;
  private final AtomicInteger limit;
  private final AtomicInteger rounds = new AtomicInteger(MIN_ROUNDS);
  private final AtomicLong credit = new AtomicLong();
  private final AtomicLong lastDecrease = new AtomicLong(Long.MIN_VALUE);
  private volatile long smoothedRtt = DEFAULT_RTT;
  private volatile boolean throttledSinceProbe;
  private volatile long pausedUntil = Long.MIN_VALUE;
  private final AtomicInteger backoffShift = new AtomicInteger();

  /** Starts at {@code max}: an uncapped platform never pays for the learning. */
  public SpillLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    this.max = max;
    this.limit = new AtomicInteger(max);
  }

  public int get() {
    return limit.get();
  }

  /** Whether new spills wait: the platform throttled the last lone spill less than a pause ago. */
  public boolean paused(long nowNanos) {
    long until = pausedUntil;
    return until != Long.MIN_VALUE && nowNanos - until < 0;
  }

  /** Probing interval now, in round trips per increase (for metrics and tests). */
  int rounds() {
    return rounds.get();
  }

  /**
   * A spilled call came back from the function. {@code saturated}: it was sent while the spills
   * in flight reached the limit, the only time a success says the limit may be too low.
   */
  public void onSuccess(long rttNanos, boolean saturated) {
    long s = smoothedRtt;
    smoothedRtt = s + (Math.max(0, rttNanos) - s) / 8;
    if (backoffShift.get() != 0) {
      backoffShift.set(0);
    }
    if (!saturated) {
      return;
    }
    int l = limit.get();
    long c = credit.incrementAndGet();
    if (c < (long) rounds.get() * l || !credit.compareAndSet(c, 0)) {
      return;
    }
    if (l < max) {
      limit.compareAndSet(l, l + 1);
    }
    if (!throttledSinceProbe) {
      int r = rounds.get();
      rounds.compareAndSet(r, Math.max(MIN_ROUNDS, r / 2));
    }
    throttledSinceProbe = false;
  }

  /**
   * The platform refused a spill for lack of capacity, {@code inflight} spills being in flight
   * when it was sent. Lowers the limit unless it was lowered less than a round trip ago.
   */
  public void onThrottle(long nowNanos, int inflight) {
    decrease(nowNanos, inflight);
    if (inflight <= 1 && limit.get() == 1) {
      int shift = backoffShift.get();
      pausedUntil = nowNanos + (smoothedRtt << shift);
      backoffShift.compareAndSet(shift, Math.min(MAX_BACKOFF_SHIFT, shift + 1));
    }
  }

  private void decrease(long nowNanos, int inflight) {
    long last = lastDecrease.get();
    if (last != Long.MIN_VALUE && nowNanos - last < smoothedRtt) {
      return;
    }
    if (!lastDecrease.compareAndSet(last, nowNanos)) {
      return;
    }
    int l = limit.get();
    int base = Math.max(1, Math.min(l, inflight));
    limit.compareAndSet(l, Math.max(1, base - Math.max(1, base / 4)));
    int r = rounds.get();
    rounds.compareAndSet(r, Math.min(MAX_ROUNDS, r * 2));
    credit.set(0);
    throttledSinceProbe = true;
  }
}
