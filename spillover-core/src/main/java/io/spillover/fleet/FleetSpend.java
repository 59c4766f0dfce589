package io.spillover.fleet;

/** One service's spend, shared by the VMs of a fleet. Thread-safe; never blocks, never throws. */
public interface FleetSpend {

  /** Adds this VM's spend of {@code usd} at {@code epochMillis}; sent to the store in batches. */
  void record(double usd, long epochMillis);

  /** What this VM knows of the fleet's spend now: its last synchronisation plus its own. */
  FleetView view(long epochMillis);
}
