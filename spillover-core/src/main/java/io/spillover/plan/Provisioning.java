package io.spillover.plan;

import java.math.BigDecimal;

/**
 * VM-only provisioning for the {@code percentile}-th percentile of the per-second rate (Boxer's
 * "cX"): whole VMs for that rate, kept for the whole trace, and no functions. Below c100 such a
 * fleet cannot serve every second; the requests above its capacity are dropped (or queue, which
 * the model does not price): {@code droppedRequests} counts them.
 *
 * @param percentile X of cX (100 = the peak)
 * @param capacityRps the X-th percentile of the per-second rate
 * @param vms whole VMs that serve {@code capacityRps}
 * @param fleetCapacityRps what those VMs serve (at least {@code capacityRps})
 * @param costUsd the VMs' cost over the trace
 * @param droppedRequests requests above {@code fleetCapacityRps}, summed per second
 * @param droppedShare {@code droppedRequests} over all requests of the trace
 */
public record Provisioning(double percentile, long capacityRps, int vms, double fleetCapacityRps,
    double costUsd, double droppedRequests, double droppedShare) {

  /** "c100", "c95", "c99.9". */
  public String label() {
    return "c" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
  }
}
