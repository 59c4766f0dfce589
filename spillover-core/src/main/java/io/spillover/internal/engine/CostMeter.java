package io.spillover.internal.engine;

import io.spillover.Pricing;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The modelled spend on the function platform: spilled calls, the init phase of cold starts and
 * pre-warm pings, as the pricing bills them. A total (and its cold-start and pre-warm parts) and
 * a rolling hour (sixty one-minute buckets), in nano-USD so it can be kept in atomics. Bounded
 * memory whatever the load.
 */
public final class CostMeter {
  private static final long MINUTE = 60_000_000_000L;
  private static final int BUCKETS = 60;
  private final Pricing pricing;
  private final double capNanoUsd;
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong coldStarts = new AtomicLong();
  private final AtomicLong prewarm = new AtomicLong();
  private final AtomicLongArray bucketSpend = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray bucketMinute = new AtomicLongArray(BUCKETS);
  /** The fleet-wide cap this meter reports to, or null. */
  private final FleetCap fleet;

  public CostMeter(Pricing pricing, double capUsdPerHour) {
    this(pricing, capUsdPerHour, null);
  }

  CostMeter(Pricing pricing, double capUsdPerHour, FleetCap fleet) {
    this.fleet = fleet;
    this.pricing = pricing;
    this.capNanoUsd = capUsdPerHour * 1e9;
    for (int i = 0; i < BUCKETS; i++) {
      bucketMinute.set(i, Long.MIN_VALUE);
    }
  }

  /** Bills one spilled call that ran {@code millis} (and its init when it was cold); USD. */
  public double record(long millis, boolean cold, long nowNanos) {
    return add(Math.round(pricing.priceOf(millis) * 1e9), cold, nowNanos);
  }

  /** Bills one pre-warm ping that ran {@code millis} (and its init when it was cold); USD. */
  public double recordPing(long millis, boolean cold, long nowNanos) {
    long nano = Math.round(pricing.priceOf(millis) * 1e9);
    prewarm.addAndGet(nano);
    return add(nano, cold, nowNanos);
  }

  private double add(long nano, boolean cold, long nowNanos) {
    if (cold) {
      long init = Math.round(pricing.priceOfInit() * 1e9);
      coldStarts.addAndGet(init);
      nano += init;
    }
    total.addAndGet(nano);
    long minute = Math.floorDiv(nowNanos, MINUTE);
    int i = (int) Math.floorMod(minute, (long) BUCKETS);
    long stamp = bucketMinute.get(i);
    if (stamp != minute && bucketMinute.compareAndSet(i, stamp, minute)) {
      bucketSpend.set(i, 0);
    }
    bucketSpend.addAndGet(i, nano);
    if (fleet != null) {
      fleet.record(nano / 1e9);
    }
    return nano / 1e9;
  }

  /** Whether the cap (if any) is reached for the hour ending now. */
  public boolean capReached(long nowNanos) {
    return capNanoUsd > 0 && lastHourNano(nowNanos) >= capNanoUsd;
  }

  /** Whether a fleet-wide spend cap is kept to a static share (its store did not answer). */
  boolean fleetStale() {
    return fleet != null && fleet.stale();
  }

  /** Why the fleet-wide cap refuses spills now, or null (also without a fleet cap). */
  String fleetCapReached() {
    if (fleet == null) {
      return null;
    }
    io.spillover.fleet.FleetView view = fleet.reached();
    return view == null ? null : "the fleet's spend cap of " + fleet.capUsdPerHour()
        + " USD per hour: " + view;
  }

  public double totalUsd() {
    return total.get() / 1e9;
  }

  /** The part of {@link #totalUsd()} billed for cold starts' init phases. */
  public double coldStartUsd() {
    return coldStarts.get() / 1e9;
  }

  /** The part of {@link #totalUsd()} billed for pre-warm pings (their init excluded). */
  public double prewarmUsd() {
    return prewarm.get() / 1e9;
  }

  public double lastHourUsd(long nowNanos) {
    return lastHourNano(nowNanos) / 1e9;
  }

  private long lastHourNano(long nowNanos) {
    long minute = Math.floorDiv(nowNanos, MINUTE);
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long stamp = bucketMinute.get(i);
      if (stamp != Long.MIN_VALUE && minute - stamp < BUCKETS && stamp <= minute) {
        sum += bucketSpend.get(i);
      }
    }
    return sum;
  }
}
