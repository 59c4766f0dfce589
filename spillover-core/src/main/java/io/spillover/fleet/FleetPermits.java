package io.spillover.fleet;

/**
 * A VM's leased share of a fleet-wide cap on in-flight spills. The VM leases permits from the
 * store in blocks, in the background; {@link #tryAcquire} and {@link #release} only touch memory,
 * so a spilled call costs no round trip to the store. Thread-safe; never blocks, never throws.
 */
public interface FleetPermits {

  /** Takes one leased permit; false when none is free (the spill is refused as for a full budget). */
  boolean tryAcquire();

  /** Returns a permit taken by {@link #tryAcquire}. */
  void release();

  /** What this VM holds now (for health endpoints, metrics and tests). */
  FleetLease lease();
}
