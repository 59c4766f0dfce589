package io.spillover.plan;

/**
 * The cost of serving a whole trace with {@code vms} VMs (capacity {@code betaRps} requests/s)
 * and spilling every request above that capacity to functions at resource factor {@code factor}.
 *
 * @param factor function resource factor (1 = the function needs the VM's resources per request)
 * @param vms VMs kept for the whole trace
 * @param betaRps their capacity, requests/s
 * @param vmCostUsd the VMs' cost over the trace
 * @param functionCostUsd the spilled requests' cost (GB-seconds and per-request fees)
 * @param spilledRequests requests above capacity, summed per second (fluid: may be fractional)
 * @param gbSeconds GB-seconds the spilled requests are billed
 * @param spillSeconds seconds in which some load spilled
 */
public record CostPoint(double factor, int vms, double betaRps, double vmCostUsd,
    double functionCostUsd, double spilledRequests, double gbSeconds, int spillSeconds) {

  /** VM cost plus function cost. */
  public double totalUsd() {
    return vmCostUsd + functionCostUsd;
  }
}
