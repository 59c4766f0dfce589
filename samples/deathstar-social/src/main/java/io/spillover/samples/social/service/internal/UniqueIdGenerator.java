package io.spillover.samples.social.service.internal;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import java.time.Clock;
import java.util.Objects;

/**
 * DeathStarBench's 64-bit ids: 11 machine bits, 40 bits of milliseconds since 2018-01-01T00:00Z and
 * a 12-bit counter. Unlike the original, it never repeats an id: when 4,096 ids were taken in one
 * millisecond, or the clock steps back, it keeps counting on a logical millisecond just past the
 * last one used (the original wraps the counter, or exits the process).
 */
public final class UniqueIdGenerator {
  /** 2018-01-01T00:00:00Z in ms since the Unix epoch. */
  public static final long CUSTOM_EPOCH_MS = 1_514_764_800_000L;
  /** Machine ids are 0..MAX_MACHINE_ID (the top bit of the original 12 is lost to the sign mask). */
  public static final int MAX_MACHINE_ID = 0x7FF;
  private static final int MAX_COUNTER = 0xFFF;

  private final long machineBits;
  private final Clock clock;
  private long lastTs = Long.MIN_VALUE;
  private int counter;

  public UniqueIdGenerator(int machineId, Clock clock) {
    if (machineId < 0 || machineId > MAX_MACHINE_ID) {
      throw new IllegalArgumentException("machineId must be 0.." + MAX_MACHINE_ID + ", was " + machineId);
    }
    this.machineBits = (long) machineId << 52;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The next id of this generator. */
  public synchronized long next() {
    long ts = clock.millis() - CUSTOM_EPOCH_MS;
    if (ts < 0 && lastTs == Long.MIN_VALUE) {
      throw new ServiceException(ErrorCode.INTERNAL, "clock is before 2018-01-01: " + clock.millis());
    }
    if (ts <= lastTs) {
      ts = lastTs;
      if (++counter > MAX_COUNTER) {
        ts++;
        counter = 0;
      }
    } else {
      counter = 0;
    }
    lastTs = ts;
    return (machineBits | (ts & 0xFF_FFFF_FFFFL) << 12 | counter) & Long.MAX_VALUE;
  }
}
