package io.spillover.samples.social.lab;

import io.spillover.plan.Trace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spike lab as a fleet ({@code ./spillover demo --vm-processes N}): the VM side as N JVM
 * processes ({@link FleetVm}), the driver spreading the trace's load over them, one storage tier
 * and one twin on the local platform (capped below the fleet's demand) shared by all, and one
 * embedded ZooKeeper on loopback that every VM's starter joins for the fleet-wide budgets.
 * Writes {@code summary.json} in the lab's schema, with the fleet's figures added to each setup.
 */
final class FleetLab {
  private FleetLab() {}

  /**
   * Runs the fleet's setups and returns the summary. {@code o.functionConcurrency()} is the
   * platform's cap ({@code f.platformCap()}).
   */
  static Map<String, Object> run(LabOptions o, FleetOptions f, PrintStream p) throws Exception {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true"); // as SpikeLab.run says why
    }
    Arrivals a = Arrivals.of(Trace.read(o.trace()), o.windowStart(), o.windowSeconds(),
        o.durationSeconds(), o.meanRps());
    double c = a.compression;
    int peak = Capacity.vmsFor(a.peakRps);
    p.printf("Spillover spike lab, fleet mode: %d VM processes, trace %s%n", f.vms(),
        o.trace().getFileName());
    p.printf("  window %d s from second %d, compressed %.1fx into %.0f s; %d requests, mean %.0f/s,"
        + " peak %.0f/s; a VM carries %.1f req/s at %.0f%% utilisation%n", o.windowSeconds(),
        o.windowStart(), c, a.seconds, a.offsetsNanos.length, o.meanRps(), a.peakRps,
        Capacity.RPS_PER_VM, 100 * Capacity.TARGET_UTILISATION);
    p.printf("  one twin on the local platform capped at %d concurrent invocations; each VM may"
        + " spill %d at once (fleet demand %d); fleet spend cap %s, fleet in-flight cap %s%n",
        f.platformCap(), f.spillsPerVm(), f.vms() * f.spillsPerVm(),
        f.fleetSpendCapUsd() == null ? "none" : f.fleetSpendCapUsd() + " USD/h per service",
        f.fleetMaxConcurrentSpills() == null ? "none" : f.fleetMaxConcurrentSpills());
    Map<String, SetupResult> results = new LinkedHashMap<>();
    Map<String, Map<String, Object>> extras = new LinkedHashMap<>();
    Map<String, Object> summary;
    try (TestingServer zk = zooKeeper(); LabEnvironment env = new LabEnvironment(o, c)) {
      p.printf("  ZooKeeper on %s; social graph loaded: %d users; warming %d twin instances"
          + " (not measured) ...%n", zk.getConnectString(), env.users(), f.platformCap());
      env.startPlatform();
      FleetRun runner = new FleetRun(env, f, zk.getConnectString(), p);
      for (FleetOptions.Run run : f.setups()) {
        Map<String, Object> extra = new LinkedHashMap<>();
        results.put(run.name(), runner.run(run, a, o.out().resolve("fleet-logs"), extra));
        extras.put(run.name(), extra);
      }
      LabReport report = new LabReport(o, a, f.vms(), peak, 0, results, null, env.prewarmUsd(),
          env.prewarmBilledUsd());
      summary = report.summary();
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> setups =
          (Map<String, Map<String, Object>>) summary.get("setups");
      extras.forEach((name, extra) -> setups.get(name).putAll(extra));
      summary.put("fleet", fleetJson(f));
      report.print(p);
      print(p, results, extras, f);
      Files.createDirectories(o.out());
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
          .writeValue(o.out().resolve("summary.json").toFile(), summary);
      new LabPlots(o, a, results, Map.of()).write();
      p.println("  wrote " + o.out().resolve("summary.json") + " and PNG plots in " + o.out());
    }
    return summary;
  }

  private static Map<String, Object> fleetJson(FleetOptions f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vm_processes", f.vms());
    m.put("platform_cap", f.platformCap());
    m.put("max_concurrent_spills_per_vm", f.spillsPerVm());
    m.put("fleet_spend_cap_usd_per_hour_per_service", f.fleetSpendCapUsd());
    m.put("fleet_max_concurrent_spills", f.fleetMaxConcurrentSpills());
    m.put("coordination", "embedded ZooKeeper (Curator TestingServer) on 127.0.0.1");
    return m;
  }

  private static void print(PrintStream p, Map<String, SetupResult> results,
      Map<String, Map<String, Object>> extras, FleetOptions f) {
    p.printf("%n  %-20s %8s %8s %10s %9s %7s %6s %5s %9s%n", "fleet", "spilled", "throttled",
        "thr/spill", "breakers", "errors", "lost", "f/o", "spend USD");
    results.forEach((n, r) -> {
      Map<String, Object> e = extras.get(n);
      p.printf("  %-20s %8d %8s %9.2f%% %9s %7d %6d %5s %9.6f%n", n, r.spilled(),
          e.get("throttled"), 100 * (Double) e.get("throttled_share_of_spilled"),
          e.get("breaker_opened"), r.errors(), r.lost(), e.get("failed_over"),
          (Double) e.get("fleet_spend_usd"));
    });
    if (f.fleetSpendCapUsd() != null) {
      results.keySet().forEach(n -> p.printf("  %-20s fleet spend of its top service %.6f USD"
          + " vs the cap %.6f USD per hour and service%n", n,
          (Double) extras.get(n).get("fleet_spend_max_service_usd"), f.fleetSpendCapUsd()));
    }
  }

  /** A real ZooKeeper server on 127.0.0.1 only (an ephemeral port, no admin web server). */
  static TestingServer zooKeeper() throws Exception {
    System.setProperty("zookeeper.admin.enableServer", "false");
    InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1", "admin.enableServer", "false"), "127.0.0.1");
    return new TestingServer(spec, true);
  }
}
