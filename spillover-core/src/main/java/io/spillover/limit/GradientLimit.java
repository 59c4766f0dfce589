package io.spillover.limit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A latency-gradient limit. A short exponential average of latency is compared with a long one
 * (the baseline the service shows when it is not queueing); their ratio, with a tolerance, is the
 * gradient in [0.5, 1] the limit is multiplied by, and a queue allowance of sqrt(limit) lets it
 * probe upward. Above the spillway's latency SLO the gradient is also capped by SLO / latency, so a
 * service that is slow in absolute terms sheds concurrency even if it was always that slow.
 *
 * <p>One thread updates at a time; a sample that arrives while another is being applied is
 * skipped rather than waited for, which keeps the call path lock-free.
 */
public final class GradientLimit implements Limit {
  private final int min;
  private final int max;
  private final double tolerance;
  private final double shortAlpha;
  private final double longAlpha;
  private final double smoothing;
  private final double sloNanos;
  private final AtomicBoolean updating = new AtomicBoolean();
  private double shortRtt;
  private double longRtt;
  private double estimate;
  private volatile int limit;

  private GradientLimit(Builder b, Duration slo) {
    this.min = b.min;
    this.max = b.max;
    this.tolerance = b.tolerance;
    this.shortAlpha = 1.0 / b.shortWindow;
    this.longAlpha = 1.0 / b.longWindow;
    this.smoothing = b.smoothing;
    this.sloNanos = slo == null ? Double.MAX_VALUE : slo.toNanos();
    this.estimate = b.initial;
    this.limit = b.initial;
  }

  public static Builder builder() {
    return new Builder();
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
      updating.setRelease(false);
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
      longRtt *= 0.95; // the baseline drifts down after a load change so it can recover
    }
    if (inflight * 2 < estimate) {
      return; // the service is not using its limit: latency says nothing about more load
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

  @Override
  public String toString() {
    return "GradientLimit[" + limit + "]";
  }

  /** Builds a {@link GradientLimit} factory. */
  public static final class Builder extends BoundsBuilder<Builder> {
    private double tolerance = 1.5;
    private int shortWindow = 10;
    private int longWindow = 600;
    private double smoothing = 0.2;

    @Override
    Builder self() {
      return this;
    }

    /** How much the short average may exceed the baseline before the limit shrinks (>= 1). */
    public Builder tolerance(double v) {
      if (!(v >= 1.0)) {
        throw new IllegalArgumentException("tolerance must be >= 1, was " + v);
      }
      this.tolerance = v;
      return this;
    }

    /** Samples in the short and the long latency average. */
    public Builder windows(int shortWindow, int longWindow) {
      if (shortWindow < 1 || longWindow <= shortWindow) {
        throw new IllegalArgumentException("need 1 <= short < long, was " + shortWindow + ", "
            + longWindow);
      }
      this.shortWindow = shortWindow;
      this.longWindow = longWindow;
      return this;
    }

    /** How far each sample moves the limit toward its target, in (0, 1]. */
    public Builder smoothing(double v) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("smoothing must be in (0, 1], was " + v);
      }
      this.smoothing = v;
      return this;
    }

    public LimitFactory build() {
      checkBounds();
      Builder c = new Builder();
      copyBounds(c);
      c.tolerance = tolerance;
      c.shortWindow = shortWindow;
      c.longWindow = longWindow;
      c.smoothing = smoothing;
      return slo -> new GradientLimit(c, slo);
    }
  }
}
