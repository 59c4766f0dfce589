package io.spillover.limit;

import java.time.Duration;

/**
 * A limit the application sets at run time, e.g. to the number of workers its VMs have now: it
 * reads no clock and learns nothing from samples. As a {@link LimitFactory} it hands every
 * spillway built from it this same instance, so one {@link #set} reaches all of them. Made by
 * {@link Limits#settable(int)}.
 */
public final class SettableLimit implements Limit, LimitFactory {
  private volatile int limit;

  SettableLimit(int limit) {
    set(limit);
  }

  /**
   * The new limit. Calls in flight above it finish; new ones are admitted once fewer than
   * {@code limit} are in flight.
   *
   * @throws IllegalArgumentException when {@code limit} is below 1
   */
  public void set(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a settable limit must be >= 1, was " + limit);
    }
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

  /** This limit itself, whatever the SLO: a settable limit is shared, not one per spillway. */
  @Override
  public Limit create(Duration latencySlo) {
    return this;
  }

  @Override
  public String toString() {
    return "SettableLimit[" + limit + "]";
  }
}
