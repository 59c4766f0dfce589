package io.spillover.samples.social.spill;

/**
 * Where a logic service spends its time when a call runs on the VM: in place on the calling
 * thread, or on the service's bounded worker pool (where calls wait in line when the pool is
 * smaller than the calls admitted, as on a VM whose CPU was taken away).
 */
@FunctionalInterface
public interface ServiceWork {

  /** Spends {@code service}'s time for one call. */
  void spend(String service);

  /** The service time spent on the calling thread. */
  static ServiceWork inPlace() {
    return ServiceTimes::spend;
  }
}
