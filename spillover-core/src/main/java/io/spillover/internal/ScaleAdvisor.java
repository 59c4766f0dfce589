package io.spillover.internal;

/**
 * Turns the sustained spill rate into VM replicas: spilled calls per second over the window,
 * divided by the local calls per second this replica completes while saturated. Fed once per
 * tick with the running counters; keeps one slot per tick (bounded by the window).
 */
public final class ScaleAdvisor {
  private final long[] spills;
  private final long[] locals;
  private final long[] times;
  private int next;
  private int filled;
  private volatile double spillRate;
  private volatile int replicas;

  public ScaleAdvisor(int slots) {
    this.spills = new long[slots + 1];
    this.locals = new long[slots + 1];
    this.times = new long[slots + 1];
  }

  /** Records the counters at {@code nowNanos}; returns true when the advice changed. */
  public synchronized boolean sample(long spilledTotal, long localTotal, long nowNanos) {
    spills[next] = spilledTotal;
    locals[next] = localTotal;
    times[next] = nowNanos;
    int oldest = filled < spills.length - 1 ? 0 : (next + 1) % spills.length;
    next = (next + 1) % spills.length;
    filled = Math.min(filled + 1, spills.length - 1);
    double seconds = (nowNanos - times[oldest]) / 1e9;
    if (filled < 2 || seconds <= 0) {
      return false;
    }
    spillRate = (spilledTotal - spills[oldest]) / seconds;
    double localRate = (localTotal - locals[oldest]) / seconds;
    int advice = spillRate <= 0 || localRate <= 0 ? 0
        : (int) Math.ceil(spillRate / localRate - 1e-9);
    if (advice != replicas) {
      replicas = advice;
      return true;
    }
    return false;
  }

  public double spillRate() {
    return spillRate;
  }

  public int replicas() {
    return replicas;
  }
}
