package io.spillover.samples.social.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What one setup measured. */
record SetupResult(String name, long requests, long local, long spilled, long rejected,
    long errors, long lost, double p50Ms, double p99Ms, double p999Ms,
    Map<String, Long> spilledByService, Set<String> overloaded, double vmCostPerHour,
    double functionCostPerHour, FunctionBill functions, double meanVms, Series series) {

  double costPerHour() {
    return vmCostPerHour + functionCostPerHour;
  }

  /** Share of the logic-service calls that ran on the function twin. */
  double spilledShare() {
    return local + spilled == 0 ? 0 : spilled / (double) (local + spilled);
  }

  /** The summary.json entry (the core demo's keys plus the lab's). */
  Map<String, Object> json(int seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", requests);
    m.put("local", local);
    m.put("spilled", spilled);
    m.put("spilled_share", round4(spilledShare()));
    m.put("rejected", rejected);
    m.put("errors", errors);
    m.put("lost", lost);
    m.put("p50_ms", round(p50Ms));
    m.put("p99_ms", round(p99Ms));
    m.put("p999_ms", round(p999Ms));
    m.put("spilled_by_service", spilledByService);
    m.put("overloaded_services", overloaded);
    m.put("vm_cost_per_hour_usd", round4(vmCostPerHour));
    m.put("function_cost_per_hour_usd", round4(functionCostPerHour));
    m.put("cost_per_hour_usd", round4(costPerHour()));
    m.put("function_cost", functions.json());
    m.put("mean_vms", round(meanVms()));
    m.put("vms_over_time", Series.list(series.vms, seconds));
    return m;
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  static double round9(double v) {
    return Math.round(v * 1e9) / 1e9;
  }
}
