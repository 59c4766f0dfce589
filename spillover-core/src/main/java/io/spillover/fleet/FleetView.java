package io.spillover.fleet;

/**
 * What one VM knows of its fleet.
 *
 * @param lastHourUsd the fleet's spend over the last hour, this VM's included
 * @param members the VMs in the fleet (at least 1: this one); the last known count when stale
 * @param stale whether the store could not be reached recently; then each VM keeps to a static
 *     share of a fleet-wide cap ({@code cap / members})
 * @param ownLastHourUsd this VM's own spend over the last hour
 */
public record FleetView(double lastHourUsd, int members, boolean stale, double ownLastHourUsd) {

  /**
   * Whether a fleet-wide cap of {@code capUsd} per hour is reached: the fleet's last hour when the
   * view is fresh; this VM's static share when it is stale, which no VM can exceed whatever the
   * others do, so a lost store never lets the fleet spend more than the cap.
   */
  public boolean capReached(double capUsd) {
    if (stale) {
      return ownLastHourUsd >= capUsd / Math.max(1, members);
    }
    return lastHourUsd >= capUsd;
  }

  @Override
  public String toString() {
    return stale
        ? String.format("store unreachable: this VM spent %.6f USD of its static share, 1/%d",
            ownLastHourUsd, members)
        : String.format("the fleet (%d VMs) spent %.6f USD in the last hour", members,
            lastHourUsd);
  }
}
