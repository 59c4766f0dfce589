package io.spillover.testing;

import io.spillover.SpilloverClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, shared by the tests of every module (the core's
 * test-fixtures jar). Starts at a wall time near the real one, or at a given instant.
 */
public final class ManualClock implements SpilloverClock {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final long epochBase;

  /** A clock near the real wall time. */
  public ManualClock() {
    this.epochBase = System.currentTimeMillis();
  }

  /** A clock whose {@link #epochMillis()} is {@code startEpochMillis} until it is advanced. */
  public ManualClock(long startEpochMillis) {
    this.epochBase = startEpochMillis - nanos.get() / 1_000_000;
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long epochMillis() {
    return epochBase + nanos.get() / 1_000_000;
  }

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** The same time as a {@link Clock} (for code that takes the JDK's clock), in UTC. */
  public Clock javaClock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(epochMillis());
      }
    };
  }
}
