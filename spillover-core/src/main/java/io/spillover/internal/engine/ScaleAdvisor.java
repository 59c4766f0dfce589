package io.spillover.internal.engine;

/**
 * Scale advice from the spill: how much of this replica's capacity the offered load needs, and
 * how many extra replicas of its size would carry what it spills. Fed once per tick with the
 * running call counters, the local calls in flight and the limit; bounded memory whatever the
 * tick rate (at most {@value #SAMPLES} samples across the window, {@value #HOLD_BUCKETS}
 * buckets across the cool-down).
 *
 * <p>The math (docs/autoscaling/README.md): over the window, {@code L} local and {@code S}
 * spilled calls per second, {@code B} local calls in flight on average (time-weighted from the
 * ticks). By Little's law a busy permit completes {@code r = L / B} calls per second, so the
 * offered load needs {@code D = B + S / r} permits: the demand. {@link #demandReplicas()} is
 * {@code D / limit}, the load in replicas of this one (1.0 = its limit fully used);
 * {@link #extraReplicas()} is {@code max(0, D* / limit - 1)}, where {@code D*} is the highest
 * demand of the last cool-down: it rises with the first tick that shows more demand and falls only
 * when the higher demand has left the cool-down. Demand is kept in permits, not replicas, so a
 * limit that grows (VMs added, capacity back) lowers the extra advice at once and nothing is
 * counted twice.
 */
public final class ScaleAdvisor {
  static final int SAMPLES = 64;
  static final int HOLD_BUCKETS = 32;
  private final long windowNanos;
  private final long spacingNanos;
  private final long bucketNanos;
  private final long[] times = new long[SAMPLES + 1];
  private final long[] spills = new long[SAMPLES + 1];
  private final long[] locals = new long[SAMPLES + 1];
  private final double[] busy = new double[SAMPLES + 1];
  private final long[] bucketIndex = new long[HOLD_BUCKETS];
  private final double[] bucketMax = new double[HOLD_BUCKETS];
  private int oldest;
  private int count;
  private boolean started;
  private long lastNanos;
  private int lastInflight;
  private double busyPermitSeconds;
  private double perPermitRate;
  private volatile double spillRate;
  private volatile double demandReplicas;
  private volatile double extraReplicas;
  private volatile int replicas;

  /**
   * @param windowNanos the window rates and the demand are averaged over
   * @param coolDownNanos how long the highest demand holds the extra advice up (0: no hold)
   */
  public ScaleAdvisor(long windowNanos, long coolDownNanos) {
    if (windowNanos <= 0 || coolDownNanos < 0) {
      throw new IllegalArgumentException("window must be > 0 and cool-down >= 0");
    }
    this.windowNanos = windowNanos;
    this.spacingNanos = Math.max(1, windowNanos / SAMPLES);
    this.bucketNanos = coolDownNanos == 0 ? 0 : Math.max(1, coolDownNanos / HOLD_BUCKETS);
    java.util.Arrays.fill(bucketIndex, Long.MIN_VALUE);
  }

  /**
   * Records the counters at {@code nowNanos}; returns true when the whole-replica advice
   * ({@link #replicas()}) changed.
   */
  public synchronized boolean sample(long spilledTotal, long localTotal, int inflight, int limit,
      long nowNanos) {
    if (started) {
      busyPermitSeconds += (lastInflight + inflight) / 2.0 * (nowNanos - lastNanos) / 1e9;
    }
    started = true;
    lastNanos = nowNanos;
    lastInflight = inflight;
    store(spilledTotal, localTotal, nowNanos);
    int ref = reference(nowNanos);
    double seconds = (nowNanos - times[ref]) / 1e9;
    if (seconds <= 0) {
      return false;
    }
    double s = (spilledTotal - spills[ref]) / seconds;
    double l = (localTotal - locals[ref]) / seconds;
    double b = (busyPermitSeconds - busy[ref]) / seconds;
    if (l > 0 && b > 0) {
      perPermitRate = l / b;
    }
    // no local completion seen yet while spilling: at least one permit more than the limit
    double demand = b + (s <= 0 ? 0 : perPermitRate > 0 ? s / perPermitRate
        : Math.max(limit - b, 0) + 1);
    int lim = Math.max(1, limit);
    spillRate = s;
    demandReplicas = demand / lim;
    extraReplicas = Math.max(0, held(demand, nowNanos) / lim - 1);
    int advice = (int) Math.ceil(extraReplicas - 1e-9);
    if (advice != replicas) {
      replicas = advice;
      return true;
    }
    return false;
  }

  private void store(long spilledTotal, long localTotal, long now) {
    if (count > 0 && now - times[(oldest + count - 1) % times.length] < spacingNanos) {
      return; // ticks faster than the window needs: the newest stored sample stays
    }
    if (count == times.length) {
      oldest = (oldest + 1) % times.length;
      count--;
    }
    int i = (oldest + count) % times.length;
    times[i] = now;
    spills[i] = spilledTotal;
    locals[i] = localTotal;
    busy[i] = busyPermitSeconds;
    count++;
  }

  /** The oldest stored sample no more than a window (and one spacing) before {@code now}. */
  private int reference(long now) {
    for (int k = 0; k < count; k++) {
      int i = (oldest + k) % times.length;
      if (now - times[i] <= windowNanos + spacingNanos) {
        return i;
      }
    }
    return (oldest + count - 1) % times.length;
  }

  /** The highest demand of the cool-down, this one included. */
  private double held(double demand, long now) {
    if (bucketNanos == 0) {
      return demand;
    }
    long index = Math.floorDiv(now, bucketNanos);
    int slot = (int) Math.floorMod(index, (long) HOLD_BUCKETS);
    if (bucketIndex[slot] != index) {
      bucketIndex[slot] = index;
      bucketMax[slot] = demand;
    } else {
      bucketMax[slot] = Math.max(bucketMax[slot], demand);
    }
    double max = demand;
    for (int k = 0; k < HOLD_BUCKETS; k++) {
      if (bucketIndex[k] != Long.MIN_VALUE && index - bucketIndex[k] < HOLD_BUCKETS) {
        max = Math.max(max, bucketMax[k]);
      }
    }
    return max;
  }

  /** Spilled calls per second over the window. */
  public double spillRate() {
    return spillRate;
  }

  /** The offered load (local and spilled) in replicas of this one, over the window, not held. */
  public double demandReplicas() {
    return demandReplicas;
  }

  /** Extra replicas of this one's size that would carry the sustained spill (held). */
  public double extraReplicas() {
    return extraReplicas;
  }

  /** {@link #extraReplicas()} rounded up to whole replicas. */
  public int replicas() {
    return replicas;
  }
}
