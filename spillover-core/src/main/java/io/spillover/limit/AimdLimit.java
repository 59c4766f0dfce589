package io.spillover.limit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AIMD on SLO violations. A violation (latency above the SLO, or a drop) multiplies the limit by
 * {@code backoff}; to avoid collapsing on a burst of violations from calls that all started under
 * the old limit, at most one cut happens per {@code limit} samples. Every {@code limit} samples
 * without violation add one, but only while the limit is actually used (inflight near the limit),
 * so an idle service does not grow an unproven limit.
 */
public final class AimdLimit implements Limit {
  private final int min;
  private final int max;
  private final double backoff;
  private final long sloNanos;
  private volatile int limit;
  private final AtomicInteger samplesSinceChange = new AtomicInteger();

  private AimdLimit(Builder b, Duration slo) {
    this.min = b.min;
    this.max = b.max;
    this.backoff = b.backoff;
    this.sloNanos = (b.slo != null ? b.slo : slo).toNanos();
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
    int current = limit;
    int seen = samplesSinceChange.incrementAndGet();
    if (seen < 0) {
      samplesSinceChange.set(current); // wrapped after 2^31 quiet samples: still a full window
      seen = current;
    }
    boolean violation = dropped || rttNanos > sloNanos;
    if (violation) {
      if (seen >= current || current == max) {
        set(current, Math.max(min, (int) (current * backoff)));
      }
    } else if (seen >= current && inflight * 2 >= current) {
      set(current, Math.min(max, current + 1));
    }
  }

  private void set(int expected, int next) {
    // a lost race means another thread just changed the limit from the same evidence
    if (limit == expected && next != expected) {
      limit = next;
      samplesSinceChange.set(0);
    }
  }

  @Override
  public String toString() {
    return "AimdLimit[" + limit + "]";
  }

  /** Builds an {@link AimdLimit} factory. */
  public static final class Builder extends BoundsBuilder<Builder> {
    private double backoff = 0.9;
    private Duration slo;

    @Override
    Builder self() {
      return this;
    }

    /** The ratio a violation multiplies the limit by, in (0.5, 1). */
    public Builder backoff(double ratio) {
      if (!(ratio >= 0.5 && ratio < 1.0)) {
        throw new IllegalArgumentException("backoff must be in [0.5, 1), was " + ratio);
      }
      this.backoff = ratio;
      return this;
    }

    /** Overrides the spillway's latency SLO for this limit. */
    public Builder slo(Duration slo) {
      if (slo == null || slo.isNegative() || slo.isZero()) {
        throw new IllegalArgumentException("slo must be positive");
      }
      this.slo = slo;
      return this;
    }

    public LimitFactory build() {
      checkBounds();
      Builder copy = copy();
      return spillwaySlo -> new AimdLimit(copy, spillwaySlo);
    }

    private Builder copy() {
      Builder c = new Builder();
      copyBounds(c);
      c.backoff = backoff;
      c.slo = slo;
      return c;
    }
  }
}
