package io.spillover.sim.internal;

/**
 * One setup of a scenario, as the spike lab names them.
 *
 * @param vms VMs at the start (each runs one worker of every service)
 * @param spill whether the spillways have the function twin
 * @param scaling the autoscaler, or null for a fixed fleet
 * @param registries 1: one VM side behind one registry (the lab's); N: N VMs, each with its own
 *     registry and its own spill budget, sharing one function (the fleet)
 */
public record Setup(String name, int vms, boolean spill, Autoscaler.Spec scaling,
    int registries) {

  public static Setup fixed(String name, int vms, boolean spill) {
    return new Setup(name, vms, spill, null, 1);
  }
}
