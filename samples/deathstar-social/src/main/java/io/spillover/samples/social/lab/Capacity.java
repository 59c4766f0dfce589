package io.spillover.samples.social.lab;

import static io.spillover.samples.social.spill.ServiceTimes.micros;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes the VM worker pools for a request rate of the mixed workload, and prices them. A
 * service's demand is the time its workers are busy per mixed request: its own service time plus
 * the nested calls it waits for, weighted by the workload's 60/30/10 mix.
 */
final class Capacity {
  /** Busy worker-milliseconds per mixed request, per service. */
  static final Map<String, Double> DEMAND_MS = new LinkedHashMap<>();
  /** Pools are sized so that their rate runs them at this utilisation. */
  static final double TARGET_UTILISATION = 0.8;
  /** No pool is smaller than this. */
  static final int MIN_WORKERS = 2;

  static {
    double readHome = ms("home-timeline") + ms("post-storage");
    double readUser = ms("user-timeline") + ms("post-storage");
    double writeHome = ms("home-timeline") + ms("social-graph");
    double text = ms("text") + ms("url-shorten") + ms("user-mention");
    double compose = ms("compose-post") + ms("unique-id") + text + ms("media") + ms("user")
        + ms("post-storage") + ms("user-timeline") + writeHome;
    DEMAND_MS.put("home-timeline", Workload.HOME * readHome + Workload.COMPOSE * writeHome);
    DEMAND_MS.put("user-timeline", Workload.USER * readUser + Workload.COMPOSE * ms("user-timeline"));
    DEMAND_MS.put("post-storage", ms("post-storage"));
    DEMAND_MS.put("compose-post", Workload.COMPOSE * compose);
    DEMAND_MS.put("text", Workload.COMPOSE * text);
    for (String leaf : new String[] {"url-shorten", "user-mention", "unique-id", "media", "user",
        "social-graph"}) {
      DEMAND_MS.put(leaf, Workload.COMPOSE * ms(leaf));
    }
  }

  private Capacity() {}

  private static double ms(String service) {
    return micros(service) / 1000.0;
  }

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
