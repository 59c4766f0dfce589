package io.spillover.samples.social.lab;

import java.util.Objects;

/**
 * One setup of the spike lab: how many VMs it starts with, whether it spills, whether and how it
 * autoscales, whether it loses part of its capacity mid-run, and what limits local admission.
 *
 * @param name the name in summary.json
 * @param vms VMs at the start (each runs one worker of every service)
 * @param spill whether calls over the limit spill to the function twin
 * @param scaling the autoscaler, or {@code null} for a fixed fleet
 * @param loss a share of every pool lost mid-run and given back later, or {@code null}
 * @param adaptiveLimit whether each spillway's limit is the core's adaptive (AIMD) limit in front
 *     of the pool, rather than the pool's size itself
 */
record Setup(String name, int vms, boolean spill, Autoscaler.Settings scaling, Loss loss,
    boolean adaptiveLimit) {

  /**
   * Capacity lost for a while: a failed VM until its replacement boots, or CPU taken from the VM
   * and given back (Elastic CVM).
   *
   * @param atSeconds when, in seconds of the run
   * @param fraction the share of every pool's workers lost
   * @param forSeconds how long until it is back
   */
  record Loss(double atSeconds, double fraction, double forSeconds) {
    Loss {
      if (atSeconds < 0 || !(fraction > 0 && fraction < 1) || forSeconds < 0) {
        throw new IllegalArgumentException("bad capacity loss " + this);
      }
    }
  }

  Setup {
    Objects.requireNonNull(name, "name");
    if (vms < 1) {
      throw new IllegalArgumentException("a setup needs at least one VM, was " + vms);
    }
  }

  static Setup of(String name, int vms, boolean spill) {
    return new Setup(name, vms, spill, null, null, false);
  }

  Setup autoscaled(Autoscaler.Settings settings) {
    return new Setup(name, vms, spill, settings, loss, adaptiveLimit);
  }

  Setup losing(Loss loss) {
    return new Setup(name, vms, spill, scaling, loss, adaptiveLimit);
  }

  Setup adaptive() {
    return new Setup(name, vms, spill, scaling, loss, true);
  }
}
