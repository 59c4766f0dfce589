package io.spillover.bench.support;

import io.spillover.fleet.FleetLease;
import io.spillover.fleet.FleetPermits;
import io.spillover.fleet.FleetSpend;
import io.spillover.fleet.FleetStore;
import io.spillover.fleet.FleetView;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A fleet store of one VM in memory, doing on the call path exactly what a real store's
 * spillways do (a permit from the leased block, a spend added in memory, a view read), with no
 * store behind it: a benchmark of the spill path then measures the fleet's cost on the call, not
 * ZooKeeper's round trips, which run in the background.
 */
public final class InMemoryFleetStore implements FleetStore {
  private final DoubleAdder spent = new DoubleAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int leased;

  public InMemoryFleetStore(int leased) {
    this.leased = leased;
  }

  @Override
  public FleetSpend spend(String service) {
    return new FleetSpend() {
      @Override
      public void record(double usd, long epochMillis) {
        spent.add(usd);
      }

      @Override
      public FleetView view(long epochMillis) {
        double usd = spent.sum();
        return new FleetView(usd, 1, false, usd);
      }
    };
  }

  @Override
  public FleetPermits permits(String service, int fleetCap) {
    return new FleetPermits() {
      @Override
      public boolean tryAcquire() {
        for (int n = inFlight.get(); n < leased; n = inFlight.get()) {
          if (inFlight.compareAndSet(n, n + 1)) {
            return true;
          }
        }
        return false;
      }

      @Override
      public void release() {
        inFlight.decrementAndGet();
      }

      @Override
      public FleetLease lease() {
        return new FleetLease(fleetCap, leased, leased, inFlight.get(), 1, false);
      }
    };
  }

  @Override
  public void close() {}
}
