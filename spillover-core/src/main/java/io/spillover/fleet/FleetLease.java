package io.spillover.fleet;

/**
 * A VM's lease of a fleet-wide cap on in-flight spills.
 *
 * @param cap the fleet-wide cap
 * @param leased the permits this VM holds in the store
 * @param allowed the spills this VM may have in flight now: {@code leased} while the store
 *     answers; {@code min(leased, cap / members)} when stale, its static share
 * @param inFlight the spills of this VM holding a permit now
 * @param members the VMs holding leases (at least 1: this one); the last known count when stale
 * @param stale whether the store could not be reached recently
 */
public record FleetLease(int cap, int leased, int allowed, int inFlight, int members,
    boolean stale) {}
