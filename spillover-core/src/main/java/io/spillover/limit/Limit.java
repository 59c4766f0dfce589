package io.spillover.limit;

/**
 * A concurrency limit algorithm: how many local calls a service may run at once. The spillway
 * enforces it; the algorithm only decides the number, from the latency and outcome of local calls.
 *
 * <p>Implementations must be thread-safe, lock-free and allocation-free in {@link #current()} and
 * {@link #onSample}: both run on the call path.
 */
public interface Limit {

  /** The current limit, at least 1. Read on every admission: make it a plain field read. */
  int current();

  /**
   * Feeds back one local call.
   *
   * @param rttNanos the call's latency, or {@code -1} when the call was not timed
   * @param inflight how many local calls were running when it started
   * @param dropped whether the call failed in a way that signals overload (e.g. timed out)
   */
  void onSample(long rttNanos, int inflight, boolean dropped);

  /**
   * Whether this algorithm wants latencies. A fixed limit returns false, so the spillway reads no
   * clock on the local path at all.
   */
  default boolean usesLatency() {
    return true;
  }
}
