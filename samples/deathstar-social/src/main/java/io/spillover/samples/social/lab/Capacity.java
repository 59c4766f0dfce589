package io.spillover.samples.social.lab;

import static io.spillover.samples.social.spill.ServiceTimes.micros;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's VM: one worker of every logic service (as a DeathStarBench VM runs one container of
 * each), so N VMs give every service's pool N workers and capacity grows in proportion to what is
 * paid. A service's demand is the time its worker is busy per mixed request: its own service time
 * plus the nested calls it waits for, weighted by the workload's 60/30/10 mix. The busiest service
 * (home-timeline) sets what one VM carries: {@link #RPS_PER_VM} mixed requests/s at
 * {@link #TARGET_UTILISATION}.
 */
final class Capacity {
  /** Busy worker-milliseconds per mixed request, per service. */
  static final Map<String, Double> DEMAND_MS;
  /** Busy worker-milliseconds of one call, per service (own time plus nested calls). */
  static final Map<String, Double> CALL_MS;
  /** A VM is sized to run its busiest worker at this utilisation. */
  static final double TARGET_UTILISATION = 0.8;
  /** Mixed requests/s one VM carries at the target utilisation. */
  static final double RPS_PER_VM;

  static {
    Map<String, Double> call = new LinkedHashMap<>();
    double writeHome = ms("home-timeline") + ms("social-graph");
    double text = ms("text") + ms("url-shorten") + ms("user-mention");
    double compose = ms("compose-post") + ms("unique-id") + text + ms("media") + ms("user")
        + ms("post-storage") + ms("user-timeline") + writeHome;
    call.put("home-timeline", ms("home-timeline") + ms("post-storage"));
    call.put("user-timeline", ms("user-timeline") + ms("post-storage"));
    call.put("post-storage", ms("post-storage"));
    call.put("compose-post", compose);
    call.put("text", text);
    Map<String, Double> demand = new LinkedHashMap<>();
    demand.put("home-timeline", Workload.HOME * call.get("home-timeline")
        + Workload.COMPOSE * writeHome);
    demand.put("user-timeline", Workload.USER * call.get("user-timeline")
        + Workload.COMPOSE * ms("user-timeline"));
    demand.put("post-storage", ms("post-storage"));
    demand.put("compose-post", Workload.COMPOSE * compose);
    demand.put("text", Workload.COMPOSE * text);
    for (String leaf : new String[] {"url-shorten", "user-mention", "unique-id", "media", "user",
        "social-graph"}) {
      call.put(leaf, ms(leaf));
      demand.put(leaf, Workload.COMPOSE * ms(leaf));
    }
    CALL_MS = Collections.unmodifiableMap(call);
    DEMAND_MS = Collections.unmodifiableMap(demand);
    double busiest = demand.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    RPS_PER_VM = TARGET_UTILISATION * 1000 / busiest;
  }

  private Capacity() {}

  private static double ms(String service) {
    return micros(service) / 1000.0;
  }

  /** Workers per service on {@code vms} VMs. */
  static Map<String, Integer> workersFor(int vms) {
    Map<String, Integer> w = new LinkedHashMap<>();
    DEMAND_MS.keySet().forEach(s -> w.put(s, Math.max(1, vms)));
    return w;
  }

  /** VMs (whole, at least one) that carry {@code rps} at the target utilisation. */
  static int vmsFor(double rps) {
    return Math.max(1, (int) Math.ceil(rps / RPS_PER_VM - 1e-9));
  }
}
