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

  @Override
  public synchronized long nanoTime() {
    return millis * 1_000_000L;
  }

  @Override
  public synchronized long epochMillis() {
    return millis;
  }
}
