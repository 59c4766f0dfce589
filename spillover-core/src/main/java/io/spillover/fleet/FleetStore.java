package io.spillover.fleet;

/**
 * SPI: a store that every VM of a fleet reaches, so that they keep budgets for the whole fleet
 * (a spend cap per hour, and a cap on in-flight spills leased in blocks). {@code spillover-zookeeper} implements it on ZooKeeper.
 *
 * <p>The store is never on the critical path of a call: implementations synchronise in the
 * background and answer {@link FleetSpend#view} from memory. When the store cannot be reached,
 * the view says {@link FleetView#stale() stale} and each VM keeps to a static share of the cap.
 * Give one store to {@code SpilloverRegistry.Builder.fleet(...)}; the registry does not close it.
 */
public interface FleetStore extends AutoCloseable {

  /** The fleet-wide spend ledger of one service (a spillway name), created on first use. */
  FleetSpend spend(String service);

  /**
   * The leased share of a fleet-wide cap of {@code fleetCap} in-flight spills of one service,
   * created on first use. Stores without leases throw {@link UnsupportedOperationException}.
   */
  default FleetPermits permits(String service, int fleetCap) {
    throw new UnsupportedOperationException(getClass().getName()
        + " does not lease a fleet-wide cap on in-flight spills");
  }

  /** Leaves the fleet (this VM's share is returned) and stops synchronising. */
  @Override
  void close();
}
