package io.spillover.samples.social.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capacity-change scenario (Elastic CVM): steady load on the VMs sized at beta; a third of
 * the way in the VM loses half its CPU (every pool keeps half its workers) without a restart, and
 * a third later it gets it back. Each spillway's limit is the core's adaptive AIMD limit in front
 * of the pool, so it has to find the change from latency alone: it falls while calls queue for the
 * fewer workers, the spill covers the gap, and it grows back (and the spill stops) once the
 * workers return. Run on the VMs alone and with Spillover; writes its own summary and plots.
 */
final class CapacityChange {
  static final double LOSS = 0.5;

  private CapacityChange() {}

  static Map<String, Object> run(LabOptions o, PrintStream p) throws Exception {
    double load = o.beta() * o.meanRps();
    int vms = Capacity.vmsFor(load);
    double seconds = o.capacitySeconds();
    double lostAt = Math.floor(seconds / 3);
    double backAt = Math.floor(2 * seconds / 3);
    Arrivals steady = Arrivals.constant(load, seconds);
    p.printf("Spillover capacity change (Elastic CVM): %.0f req/s on %d VMs; at %.0f s the VM loses"
        + " %.0f%% of its CPU (every pool keeps half its workers), at %.0f s it gets it back%n",
        load, vms, lostAt, 100 * LOSS, backAt);
    Map<String, SetupResult> runs = new LinkedHashMap<>();
    try (LabEnvironment env = new LabEnvironment(o, 1)) {
      SetupRunner runner = new SetupRunner(env, p);
      p.println("  starting the local function platform and warming the twin (not measured) ...");
      new SetupRunner(env, new PrintStream(OutputStream.nullOutputStream())).run(
          Setup.of("warmup", vms, true), Arrivals.constant(2 * load, 4));
      for (String name : new String[] {"vm_only", "spillover"}) {
        Setup s = Setup.of("capacity_" + name, vms, name.equals("spillover")).adaptive()
            .losing(new Setup.Loss(lostAt, LOSS, backAt - lostAt));
        runs.put(name, runner.run(s, steady));
      }
    }
    Map<String, Object> summary = summary(o, load, vms, lostAt, backAt, runs);
    print(p, summary);
    Files.createDirectories(o.out());
    JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
        .writeValue(o.out().resolve("summary.json").toFile(), summary);
    plots(o, (int) Math.ceil(seconds), lostAt, backAt, runs);
    p.println("  wrote " + o.out().resolve("summary.json") + " and PNG plots in " + o.out());
    return summary;
  }

  private static Map<String, Object> summary(LabOptions o, double load, int vms, double lostAt,
      double backAt, Map<String, SetupResult> runs) {
    int end = (int) Math.floor(o.capacitySeconds());
    int lost = (int) lostAt;
    int back = (int) backAt;
    int settled = Math.max(1, lost / 3); // a fresh VM side's first seconds are its JIT warm-up
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("load_rps", load);
    c.put("vms", vms);
    c.put("cpu_lost_at_s", lostAt);
    c.put("cpu_back_at_s", backAt);
    c.put("cpu_lost", LOSS);
    c.put("watched_service", VmController.WATCHED);
    c.put("before_from_s", settled);
    c.put("limit", "AIMD (core), SLO twice the service's unloaded call time + 10 ms, in front of"
        + " the worker pool");
    runs.forEach((n, r) -> {
      Series s = r.series();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("requests", r.requests());
      m.put("spilled", r.spilled());
      m.put("rejected", r.rejected());
      m.put("errors", r.errors());
      m.put("lost", r.lost());
      m.put("p99_ms", SetupResult.round(r.p99Ms()));
      m.put("p99_ms_before", SetupResult.round(s.p99Millis(settled, lost)));
      m.put("p99_ms_while_lost", SetupResult.round(s.p99Millis(lost, back)));
      m.put("p99_ms_after", SetupResult.round(s.p99Millis(back, end)));
      m.put("spilled_calls_before", sum(s.functionCalls, settled, lost));
      m.put("spilled_calls_while_lost", sum(s.functionCalls, lost, back));
      m.put("spilled_calls_after", sum(s.functionCalls, back, end));
      m.put("spilled_calls_last_third_of_after", sum(s.functionCalls,
          back + 2 * (end - back) / 3, end));
      m.put("limit_mean_before", mean(s.limit, settled, lost));
      m.put("limit_mean_while_lost", mean(s.limit, lost, back));
      m.put("limit_mean_after", mean(s.limit, back, end));
      m.put("workers_before", s.workers.get(Math.max(0, lost - 1)));
      m.put("workers_while_lost", s.workers.get(Math.min(back - 1, s.seconds - 1)));
      m.put("limit_over_time", Series.list(s.limit, end));
      m.put("workers_over_time", Series.list(s.workers, end));
      m.put("spilled_calls_over_time", Series.list(s.functionCalls, end));
      c.put(n, m);
    });
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("capacity", c);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("duration_s", o.capacitySeconds());
    run.put("slo_ms", o.sloMs());
    run.put("function_concurrency", o.functionConcurrency());
    root.put("run", run);
    return root;
  }

  private static long sum(java.util.concurrent.atomic.AtomicLongArray v, int from, int to) {
    long n = 0;
    for (int i = Math.max(0, from); i < Math.min(v.length(), to); i++) {
      n += v.get(i);
    }
    return n;
  }

  private static double mean(java.util.concurrent.atomic.AtomicLongArray v, int from, int to) {
    int lo = Math.max(0, from);
    int hi = Math.min(v.length(), to);
    return hi <= lo ? 0 : SetupResult.round(sum(v, lo, hi) / (double) (hi - lo));
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintStream p, Map<String, Object> summary) {
    Map<String, Object> c = (Map<String, Object>) summary.get("capacity");
    p.printf("%n  %-10s %8s %7s %5s %5s | %-26s | %-26s | %-20s%n", "run", "requests", "spilled",
        "rej", "lost", "p99 ms before/lost/after", "home-timeline limit b/l/a",
        "spilled calls b/l/a");
    for (String n : new String[] {"vm_only", "spillover"}) {
      Map<String, Object> m = (Map<String, Object>) c.get(n);
      p.printf("  %-10s %8s %7s %5s %5s | %7s %8s %8s  | %7s %8s %8s  | %5s %6s %6s%n", n,
          m.get("requests"), m.get("spilled"), m.get("rejected"), m.get("lost"),
          m.get("p99_ms_before"), m.get("p99_ms_while_lost"), m.get("p99_ms_after"),
          m.get("limit_mean_before"), m.get("limit_mean_while_lost"), m.get("limit_mean_after"),
          m.get("spilled_calls_before"), m.get("spilled_calls_while_lost"),
          m.get("spilled_calls_after"));
    }
  }

  private static void plots(LabOptions o, int secs, double lostAt, double backAt,
      Map<String, SetupResult> runs) throws IOException {
    for (var e : runs.entrySet()) {
      Series s = e.getValue().series();
      XYChart c = LabPlots.base("capacity change, " + e.getKey() + ": " + VmController.WATCHED
          + " workers and limit, calls on functions/s; p99 (right); CPU halved "
          + (int) lostAt + "-" + (int) backAt + " s", "workers, limit, calls/s");
      LabPlots.line(c, "workers (CPU)", secs, s.workers, 0);
      LabPlots.line(c, "adaptive limit", secs, s.limit, 0);
      LabPlots.line(c, "function calls/s", secs, s.functionCalls, 0);
      XYSeries p99 = LabPlots.p99(c, "p99 ms (right)", s, secs);
      if (p99 != null) {
        p99.setYAxisGroup(1);
        c.setYAxisGroupTitle(1, "p99 ms");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
      }
      LabPlots.save(c, o.out(), "capacity-" + e.getKey());
    }
    XYChart all = LabPlots.base("capacity change: p99 per second (CPU halved " + (int) lostAt
        + "-" + (int) backAt + " s, log scale)", "p99 ms");
    all.getStyler().setYAxisLogarithmic(true);
    runs.forEach((n, r) -> LabPlots.p99(all, n, r.series(), secs));
    LabPlots.save(all, o.out(), "capacity-p99");
  }
}
