package io.spillover.samples.social.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes the VM worker pools for a request rate of the mixed workload, and prices them. The
 * demand table is the time each service's workers are busy per mixed request (own service time
 * plus nested calls it waits for), from {@link ServiceTimes} and the workload's 60/30/10 mix.
 */
final class Capacity {
  /** Busy worker-milliseconds per mixed request, per service. */
  static final Map<String, Double> DEMAND_MS = new LinkedHashMap<>();
  /** Pools are sized so that their rate runs them at this utilisation. */
  static final double TARGET_UTILISATION = 0.8;
  /** No pool is smaller than this. */
  static final int MIN_WORKERS = 2;

  static {
    // home: 60 % reads (25 + post-storage 5), 10 % writes (25 + social-graph 3)
    DEMAND_MS.put("home-timeline", 0.6 * 30 + 0.1 * 28);
    DEMAND_MS.put("user-timeline", 0.3 * 20 + 0.1 * 15);
    DEMAND_MS.put("post-storage", 0.9 * 5 + 0.1 * 5);
    // compose: 10 + unique-id 1 + text 64 + media 1 + user 2 + post-storage 5 + user-tl 15 + home-tl 28
    DEMAND_MS.put("compose-post", 0.1 * 126);
    DEMAND_MS.put("text", 0.1 * 64);
    DEMAND_MS.put("url-shorten", 0.1 * 2);
    DEMAND_MS.put("user-mention", 0.1 * 2);
    DEMAND_MS.put("unique-id", 0.1 * 1);
    DEMAND_MS.put("media", 0.1 * 1);
    DEMAND_MS.put("user", 0.1 * 2);
    DEMAND_MS.put("social-graph", 0.1 * 3);
  }

  private Capacity() {}

  /** Workers per service for {@code rps} mixed requests per second. */
  static Map<String, Integer> workersFor(double rps) {
    Map<String, Integer> w = new LinkedHashMap<>();
    DEMAND_MS.forEach((s, ms) -> w.put(s,
        Math.max(MIN_WORKERS, (int) Math.ceil(rps * ms / 1000 / TARGET_UTILISATION))));
    return w;
  }

  /** VMs (whole) that carry {@code rps}, at {@code rpsPerVm} each. */
  static int vms(double rps, double rpsPerVm) {
    return Math.max(1, (int) Math.ceil(rps / rpsPerVm - 1e-9));
  }
}
