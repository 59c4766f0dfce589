package io.spillover.bench.experiment;

import io.spillover.limit.Limit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A copy of the core's gradient limit with its default parameters, to measure one proposed change
 * against an unchanged control in the same run: ending an update with a release store
 * ({@code setRelease(false)}) instead of a volatile store ({@code set(false)}). The flag only
 * has to publish the update's plain writes to the next thread that wins the CAS, which a release
 * store does; a volatile store adds a full fence on every timed call. Delete once decided.
 */
public final class GradientLimitCopy implements Limit {
  private final boolean releaseStore;
  private final int min = 1;
  private final int max = 1000;
  private final double tolerance = 1.5;
  private final double shortAlpha = 1.0 / 10;
  private final double longAlpha = 1.0 / 600;
  private final double smoothing = 0.2;
  private final double sloNanos;
  private final AtomicBoolean updating = new AtomicBoolean();
  private double shortRtt;
  private double longRtt;
  private double estimate = 20;
  private volatile int limit = 20;

  /** @param releaseStore true for the proposed change, false for the control */
  public GradientLimitCopy(Duration slo, boolean releaseStore) {
    this.sloNanos = slo.toNanos();
    this.releaseStore = releaseStore;
  }

  @Override
  public int current() {
    return limit;
  }

  @Override
  public void onSample(long rttNanos, int inflight, boolean dropped) {
    if (rttNanos < 0 && !dropped) {
      return;
    }
    if (!updating.compareAndSet(false, true)) {
      return;
    }
    try {
      update(rttNanos, inflight, dropped);
    } finally {
      if (releaseStore) {
        updating.setRelease(false);
      } else {
        updating.set(false);
      }
    }
  }

  private void update(long rttNanos, int inflight, boolean dropped) {
    if (dropped) {
      estimate = Math.max(min, estimate * 0.5);
      limit = (int) estimate;
      return;
    }
    if (longRtt == 0) {
      shortRtt = rttNanos;
      longRtt = rttNanos;
      return;
    }
    shortRtt += (rttNanos - shortRtt) * shortAlpha;
    longRtt += (rttNanos - longRtt) * longAlpha;
    if (longRtt > shortRtt * 2) {
      longRtt *= 0.95;
    }
    if (inflight * 2 < estimate) {
      return;
    }
    double gradient = clamp(tolerance * longRtt / shortRtt, 0.5, 1.0);
    if (shortRtt > sloNanos) {
      gradient = Math.min(gradient, Math.max(0.5, sloNanos / shortRtt));
    }
    double target = estimate * gradient + Math.sqrt(estimate);
    estimate = clamp(estimate * (1 - smoothing) + target * smoothing, min, max);
    limit = (int) estimate;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
