package io.spillover.internal.engine;

import io.spillover.SpilloverClock;
import io.spillover.fleet.FleetSpend;
import io.spillover.fleet.FleetView;

/** A spillway's share of a fleet-wide spend cap: reports its spend, reads the fleet's. */
final class FleetCap {
  private final FleetSpend spend;
  private final double capUsdPerHour;
  private final SpilloverClock clock;

  FleetCap(FleetSpend spend, double capUsdPerHour, SpilloverClock clock) {
    this.spend = spend;
    this.capUsdPerHour = capUsdPerHour;
    this.clock = clock;
  }

  void record(double usd) {
    spend.record(usd, clock.epochMillis());
  }

  /** The view that reached the cap, or null while there is room. */
  FleetView reached() {
    FleetView view = spend.view(clock.epochMillis());
    return view.capReached(capUsdPerHour) ? view : null;
  }

  /** Whether the store has not answered recently: the cap is then this VM's static share. */
  boolean stale() {
    return spend.view(clock.epochMillis()).stale();
  }

  double capUsdPerHour() {
    return capUsdPerHour;
  }
}
