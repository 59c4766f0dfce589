package io.spillover.internal.engine;

/**
 * Hysteresis between normal and spill mode. Spill mode starts when a call finds the local limit
 * reached. In spill mode local admission stops {@code headroom} (a fraction of the limit, rounded
 * down) below the limit, and spill mode ends only after in-flight calls have stayed below that
 * threshold for {@code coolDownNanos}.
 */
public final class SpillMode {
  private final double headroom;
  private final long coolDownNanos;
  private volatile boolean spilling;
  private volatile long headroomSince; // 0: headroom not observed since the last overload

  public SpillMode(double headroom, long coolDownNanos) {
    this.headroom = headroom;
    this.coolDownNanos = coolDownNanos;
  }

  public boolean spilling() {
    return spilling;
  }

  /** The in-flight count below which a local permit is granted now. */
  public int threshold(int limit) {
    if (!spilling) {
      return limit;
    }
    return Math.max(1, limit - (int) (limit * headroom));
  }

  /** A call found no local permit. Returns true when this started spill mode. */
  public boolean overloaded() {
    headroomSince = 0;
    if (!spilling) {
      spilling = true;
      return true;
    }
    return false;
  }

  /**
   * Observes in-flight calls at {@code nowNanos}. Returns true when this ended spill mode.
   */
  public boolean observe(int inflight, int limit, long nowNanos) {
    if (!spilling) {
      return false;
    }
    if (inflight >= threshold(limit)) {
      headroomSince = 0;
      return false;
    }
    long since = headroomSince;
    if (since == 0) {
      headroomSince = nowNanos == 0 ? 1 : nowNanos;
      return coolDownNanos == 0 && end();
    }
    return nowNanos - since >= coolDownNanos && end();
  }

  private boolean end() {
    spilling = false;
    headroomSince = 0;
    return true;
  }
}
