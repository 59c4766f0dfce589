package io.spillover.attest;

import io.spillover.SpilloverClock;
import java.time.Duration;

/** A clock the test moves by hand. */
public final class ManualClock implements SpilloverClock {
  private long millis;

  public ManualClock(long startMillis) {
    this.millis = startMillis;
  }

  public void advance(Duration d) {
    millis += d.toMillis();
  }

  /** The same time as a {@link java.time.Clock} (for the evidence sources). */
  public java.time.Clock javaClock() {
    ManualClock self = this;
    return new java.time.Clock() {
      @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
      @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public java.time.Instant instant() {
        return java.time.Instant.ofEpochMilli(self.epochMillis());
      }
    };
  }

  @Override
  public synchronized long nanoTime() {
    return millis * 1_000_000L;
  }

  @Override
  public synchronized long epochMillis() {
    return millis;
  }
}
