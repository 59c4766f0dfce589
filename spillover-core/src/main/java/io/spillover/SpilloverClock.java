package io.spillover;

/**
 * The time source of a spillway: a monotonic clock for durations and a wall clock for deadlines
 * that cross the wire. Tests inject a manual clock; production uses {@link #system()}.
 */
public interface SpilloverClock {

  /** Monotonic nanoseconds, for durations only. */
  long nanoTime();

  /** Milliseconds since the epoch, for deadlines sent to function twins. */
  long epochMillis();

  /** The JVM's clocks. */
  static SpilloverClock system() {
    return SystemClock.INSTANCE;
  }

  /** The JVM's clocks, as a singleton so the JIT can inline them. */
  final class SystemClock implements SpilloverClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long epochMillis() {
      return System.currentTimeMillis();
    }
  }
}
