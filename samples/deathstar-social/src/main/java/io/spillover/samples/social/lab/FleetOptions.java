package io.spillover.samples.social.lab;

import java.util.List;
import java.util.Objects;

/**
 * The fleet mode's settings ({@code ./spillover demo --vm-processes N}).
 *
 * @param vms VM processes, each one lab VM (one worker of every logic service)
 * @param platformCap the function platform's concurrency cap, shared by every VM
 * @param spillsPerVm each VM's own cap on spills in flight to the twin (its
 *     {@code spillover.functions.twin.max-concurrency}); the fleet's demand is {@code vms} times it
 * @param fleetSpendCapUsd the fleet's spend cap per hour and service, or null for none
 * @param fleetMaxConcurrentSpills the fleet's cap on spills in flight per service, or null
 * @param setups the runs, in order
 */
record FleetOptions(int vms, int platformCap, int spillsPerVm, Double fleetSpendCapUsd,
    Integer fleetMaxConcurrentSpills, List<Run> setups) {

  /**
   * One run of the fleet.
   *
   * @param name the name in summary.json
   * @param spill whether the VMs spill to the twin
   * @param kill whether one VM process is killed at the spike's peak
   */
  record Run(String name, boolean spill, boolean kill) {}

  /** The default runs: VMs alone, with Spillover, and with Spillover losing a VM mid-spike. */
  static final List<Run> DEFAULT_RUNS = List.of(new Run("vm_only", false, false),
      new Run("spillover", true, false), new Run("spillover_vm_killed", true, true));

  FleetOptions {
    Objects.requireNonNull(setups, "setups");
    setups = List.copyOf(setups);
    if (vms < 1 || platformCap < 1 || spillsPerVm < 1 || setups.isEmpty()
        || (fleetSpendCapUsd != null && !(fleetSpendCapUsd > 0))
        || (fleetMaxConcurrentSpills != null && fleetMaxConcurrentSpills < 1)) {
      throw new IllegalArgumentException("--vm-processes, the platform cap, the spills per VM and"
          + " the fleet caps must be positive, and a fleet run needs a setup");
    }
    if (vms < 2 && setups.stream().anyMatch(Run::kill)) {
      throw new IllegalArgumentException("killing a VM mid-spike needs at least 2 VM processes");
    }
  }

  /** The platform cap by default: below the fleet's demand ({@code vms x spillsPerVm}). */
  static int defaultPlatformCap(int vms) {
    return 2 * vms;
  }
}
