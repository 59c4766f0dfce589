package io.spillover.limit.internal;

import io.spillover.limit.Limit;

/** A constant limit. */
public final class FixedLimit implements Limit {
  private final int limit;

  public FixedLimit(int limit) {
    this.limit = limit;
  }

  @Override
  public int current() {
    return limit;
  }

  @Override
  public void onSample(long rttNanos, int inflight, boolean dropped) {}

  @Override
  public boolean usesLatency() {
    return false;
  }

  @Override
  public String toString() {
    return "FixedLimit[" + limit + "]";
  }
}
