package io.spillover.testing;

import io.spillover.SpilloverClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. Starts at a wall time near the real one. */
public final class ManualClock implements SpilloverClock {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final long epochBase = System.currentTimeMillis();

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
}
