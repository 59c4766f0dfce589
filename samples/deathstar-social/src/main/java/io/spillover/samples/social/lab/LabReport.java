package io.spillover.samples.social.lab;

import io.spillover.samples.social.spill.ServiceTimes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lab's summary: the readable table and {@code summary.json}. Besides each setup's figures it
 * prices the whole window in trace time (for {@code --long}, the whole trace): the cost per hour
 * times the window's hours, plus the one-off pre-warming of the twin for the setups that spill,
 * and gives p99 per trace minute.
 */
final class LabReport {
  private final LabOptions o;
  private final Arrivals a;
  private final int base;
  private final int peak;
  private final double boot;
  private final Map<String, SetupResult> results;
  private final Map<String, Object> failover;
  private final double prewarmUsd;
  private final double prewarmBilledHereUsd;

  LabReport(LabOptions o, Arrivals a, int base, int peak, double boot,
      Map<String, SetupResult> results, Map<String, Object> failover, double prewarmUsd,
      double prewarmBilledHereUsd) {
    this.prewarmBilledHereUsd = prewarmBilledHereUsd;
    this.o = o;
    this.a = a;
    this.base = base;
    this.peak = peak;
    this.boot = boot;
    this.results = results;
    this.failover = failover;
    this.prewarmUsd = prewarmUsd;
  }

  /** Trace hours the window stands for. */
  private double windowHours() {
    return o.windowSeconds() / 3600.0;
  }

  /** What the setup costs over the whole window in trace time, in USD. */
  double windowCostUsd(SetupResult r) {
    return r.costPerHour() * windowHours() + r.functions().prewarmUsd();
  }

  Map<String, Object> summary() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> setups = new LinkedHashMap<>();
    results.forEach((n, r) -> {
      Map<String, Object> m = r.json(a.secondsCeil());
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("trace_hours", SetupResult.round4(windowHours()));
      w.put("vm_usd", SetupResult.round4(r.vmCostPerHour() * windowHours()));
      w.put("function_usd", SetupResult.round9(r.functionCostPerHour() * windowHours()));
      w.put("prewarm_usd", SetupResult.round9(r.functions().prewarmUsd()));
      w.put("total_usd", SetupResult.round4(windowCostUsd(r)));
      m.put("window_cost", w);
      m.put("p99_ms_per_trace_minute", perMinute(r));
      setups.put(n, m);
    });
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
    run.put("rps_per_vm", SetupResult.round(Capacity.RPS_PER_VM));
    run.put("vms_at_beta", base);
    run.put("vms_at_peak", peak);
    run.put("vm_price_per_hour_usd", o.vmPricePerHour());
    run.put("autoscale_boot_s", SetupResult.round(boot));
    run.put("prewarm_usd", SetupResult.round9(prewarmUsd));
    run.put("prewarm_billed_here_usd", SetupResult.round9(prewarmBilledHereUsd));
    run.put("slo_ms", o.sloMs());
    run.put("service_time_us", ServiceTimes.all());
    root.put("run", run);
    return root;
  }

  /** p99 of the requests due in each trace minute (NaN-free: minutes without requests skipped). */
  private List<Double> perMinute(SetupResult r) {
    List<Double> out = new ArrayList<>();
    double secondsPerMinute = 60 / a.compression;
    int minutes = (int) Math.ceil(o.windowSeconds() / 60.0);
    for (int m = 0; m < minutes; m++) {
      double v = r.series().p99Millis((int) Math.floor(m * secondsPerMinute),
          (int) Math.floor((m + 1) * secondsPerMinute));
      out.add(Double.isNaN(v) ? null : SetupResult.round(v));
    }
    return out;
  }

  void print(PrintStream p) {
    p.printf("%n  %-20s %8s %7s %7s %6s %5s %5s %7s %8s %8s %5s %8s %9s%n", "setup", "requests",
        "local", "spilled", "share", "rej", "lost", "p50 ms", "p99 ms", "p99.9 ms", "VMs",
        "USD/h", "USD/window");
    results.forEach((n, r) -> p.printf(
        "  %-20s %8d %7d %7d %5.1f%% %5d %5d %7.1f %8.1f %8.1f %5.2f %8.4f %9.4f%n", n,
        r.requests(), r.local(), r.spilled(), 100 * r.spilledShare(), r.rejected() + r.errors(),
        r.lost(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.meanVms(), r.costPerHour(),
        windowCostUsd(r)));
    p.printf("  (window: %d trace seconds = %.2f h priced in trace time; spilled by service: %s)%n",
        o.windowSeconds(), windowHours(), spilledByService());
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
    SetupResult flare = results.get("spillover_autoscale");
    SetupResult auto = results.get("autoscale");
    SetupResult spill = results.get("spillover");
    if (flare != null && auto != null && spill != null) {
      p.printf("%n  spillover_autoscale: p99 %.1f ms vs autoscale %.1f ms; %.4f USD over the"
          + " window vs spillover (fixed VMs) %.4f USD%n", flare.p99Ms(), auto.p99Ms(),
          windowCostUsd(flare), windowCostUsd(spill));
    }
  }

  private Map<String, Map<String, Long>> spilledByService() {
    Map<String, Map<String, Long>> m = new LinkedHashMap<>();
    results.forEach((n, r) -> {
      if (!r.spilledByService().isEmpty()) {
        m.put(n, r.spilledByService());
      }
    });
    return m;
  }

  void write(JsonMapper mapper) throws IOException {
    Files.createDirectories(o.out());
    mapper.writeValue(o.out().resolve("summary.json").toFile(), summary());
  }
}
