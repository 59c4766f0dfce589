package io.spillover.samples.social.lab;

import io.spillover.samples.social.spill.ServiceTimes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The lab's summary: the readable table and {@code summary.json}. */
final class LabReport {
  private final LabOptions o;
  private final Arrivals a;
  private final double base;
  private final double boot;
  private final Map<String, SetupResult> results;
  private final Map<String, Object> failover;

  LabReport(LabOptions o, Arrivals a, double base, double boot, Map<String, SetupResult> results,
      Map<String, Object> failover, Map<String, SetupResult> failRuns) {
    this.o = o;
    this.a = a;
    this.base = base;
    this.boot = boot;
    this.results = results;
    this.failover = failover;
  }

  Map<String, Object> summary() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> setups = new LinkedHashMap<>();
    results.forEach((n, r) -> setups.put(n, r.json()));
    root.put("setups", setups);
    if (failover != null) {
      root.put("failover", failover);
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("trace", o.trace().getFileName().toString());
    run.put("window_start_s", o.windowStart());
    run.put("window_s", o.windowSeconds());
    run.put("compression", SetupResult.round(a.compression));
    run.put("duration_s", a.seconds);
    run.put("mean_rps", o.meanRps());
    run.put("peak_rps", a.peakRps);
    run.put("beta", o.beta());
    run.put("vm_capacity_rps", base);
    run.put("autoscale_boot_s", SetupResult.round(boot));
    run.put("slo_ms", o.sloMs());
    run.put("service_time_us", ServiceTimes.all());
    run.put("pools_at_beta", Capacity.workersFor(base));
    run.put("pools_at_peak", Capacity.workersFor(a.peakRps));
    root.put("run", run);
    return root;
  }

  void print(PrintStream p) {
    p.printf("%n  %-16s %8s %8s %8s %8s %6s %5s %8s %8s %9s %9s  %s%n", "setup", "requests",
        "local", "spilled", "rejected", "errors", "lost", "p50 ms", "p99 ms", "p99.9 ms", "USD/h",
        "spilled by service");
    results.forEach((n, r) -> p.printf("  %-16s %8d %8d %8d %8d %6d %5d %8.1f %8.1f %9.1f %9.4f  %s%n",
        n, r.requests(), r.local(), r.spilled(), r.rejected(), r.errors(), r.lost(), r.p50Ms(),
        r.p99Ms(), r.p999Ms(), r.costPerHour(), r.spilledByService()));
    if (failover != null) {
      p.printf("%n  failover: %.0f%% of the VM capacity lost at %s s, replacement after %s s;"
          + " p99 back under %.0f ms after:%n", 100 * Failover.LOSS, failover.get("fail_at_s"),
          failover.get("replacement_after_s"), o.sloMs());
      for (String n : new String[] {"vm_only", "spillover"}) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) failover.get(n);
        p.printf("    %-10s %3s s (%s s of trace time)  p99 %s ms, rejected %s, lost %s%n", n,
            m.get("seconds_to_p99_under_slo"), m.get("trace_seconds_to_p99_under_slo"),
            m.get("p99_ms"), m.get("rejected"), m.get("lost"));
      }
    }
    SetupResult over = results.get("overprovisioned");
    SetupResult spill = results.get("spillover");
    if (over != null && spill != null && over.costPerHour() > 0) {
      p.printf("%n  spillover: p99 %.1f ms vs overprovisioned %.1f ms, at %.0f%% of its cost%n",
          spill.p99Ms(), over.p99Ms(), 100 * spill.costPerHour() / over.costPerHour());
    }
  }

  void write(JsonMapper mapper) throws IOException {
    Files.createDirectories(o.out());
    mapper.writeValue(o.out().resolve("summary.json").toFile(), summary());
  }
}
