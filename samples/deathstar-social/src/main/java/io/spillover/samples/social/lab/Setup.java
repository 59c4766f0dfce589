package io.spillover.samples.social.lab;

import java.util.Objects;

/**
 * One setup of the spike lab: how much VM capacity it starts with, whether it spills, whether it
 * autoscales, and whether it loses VM capacity mid-run.
 *
 * @param name the name in summary.json
 * @param provisionedRps the mixed-request rate the VM pools are sized for at the start
 * @param spill whether calls over a pool's size spill to the function twin
 * @param autoscaleBootSeconds when positive, VM capacity follows the load after this delay
 *     (compressed seconds)
 * @param failAtSeconds when positive, the second at which {@code lossFraction} of every pool is lost
 * @param lossFraction the share of workers lost
 * @param replaceAfterSeconds when the lost capacity is back (a replacement VM booted)
 */
record Setup(String name, double provisionedRps, boolean spill, double autoscaleBootSeconds,
    double failAtSeconds, double lossFraction, double replaceAfterSeconds) {

  Setup {
    Objects.requireNonNull(name, "name");
    if (provisionedRps <= 0) {
      throw new IllegalArgumentException("provisionedRps must be positive");
    }
  }

  static Setup of(String name, double rps, boolean spill) {
    return new Setup(name, rps, spill, 0, 0, 0, 0);
  }

  Setup autoscaled(double bootSeconds) {
    return new Setup(name, provisionedRps, spill, bootSeconds, 0, 0, 0);
  }

  Setup failing(double atSeconds, double loss, double replaceAfter) {
    return new Setup(name, provisionedRps, spill, 0, atSeconds, loss, replaceAfter);
  }
}
