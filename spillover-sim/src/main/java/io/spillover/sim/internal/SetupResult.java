package io.spillover.sim.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one setup did. {@code local} and {@code spilled} count logic-service calls (several per
 * request), as the spike lab counts them. {@code unfinished} requests had no reply at the end of
 * the drain (the lab's "lost"); {@code lost} are all requests without a successful reply:
 * rejected, failed and unfinished. Latency percentiles are of the successful replies; money is
 * in trace time. {@code rejections} counts the spillways' rejected calls by reason (a request
 * fails with its first one); {@code fallbacks} the failed spills that then ran locally.
 */
public record SetupResult(String name, long requests, long local, long spilled, long rejected,
    long errors, long unfinished, double p50Ms, double p99Ms, double p999Ms, double meanVms,
    double vmUsd, double functionUsd, double costPerHourUsd, long throttled, long coldStarts,
    long invocations, int peakFunctionConcurrency, Map<String, Long> rejections, long fallbacks,
    long events, double wallSeconds) {

  /** Requests without a successful reply. */
  public long lost() {
    return rejected + errors + unfinished;
  }

  public double spilledShare() {
    return local + spilled == 0 ? 0 : spilled / (double) (local + spilled);
  }

  /** The summary's fields, in order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", requests);
    m.put("local", local);
    m.put("spilled", spilled);
    m.put("spilled_share", round(spilledShare(), 4));
    m.put("rejected", rejected);
    m.put("errors", errors);
    m.put("unfinished", unfinished);
    m.put("lost", lost());
    m.put("p50_ms", round(p50Ms, 2));
    m.put("p99_ms", round(p99Ms, 2));
    m.put("p999_ms", round(p999Ms, 2));
    m.put("mean_vms", round(meanVms, 2));
    m.put("vm_usd", round(vmUsd, 4));
    m.put("function_usd", round(functionUsd, 4));
    m.put("cost_per_hour_usd", round(costPerHourUsd, 4));
    m.put("throttled", throttled);
    m.put("cold_starts", coldStarts);
    m.put("invocations", invocations);
    m.put("peak_function_concurrency", peakFunctionConcurrency);
    m.put("call_rejections", rejections);
    m.put("spill_fallbacks", fallbacks);
    m.put("events", events);
    m.put("wall_seconds", round(wallSeconds, 2));
    return m;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
