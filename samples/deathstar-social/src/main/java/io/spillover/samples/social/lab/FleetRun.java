package io.spillover.samples.social.lab;

import io.spillover.Route;
import io.spillover.local.load.OpenLoopDriver;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * One run of the fleet mode: starts the VM processes, replays the schedule over them through
 * {@link FleetDriver} (killing one at the spike's peak when the run says so), stops them, and
 * adds up what the driver measured and what each VM reported.
 */
final class FleetRun {
  static final int WARM_SECONDS = 4;
  private final LabEnvironment env;
  private final FleetOptions f;
  private final String zookeeper;
  private final PrintStream p;

  FleetRun(LabEnvironment env, FleetOptions f, String zookeeper, PrintStream p) {
    this.env = env;
    this.f = f;
    this.zookeeper = zookeeper;
    this.p = p;
  }

  /** Runs {@code run} over {@code a}; puts the fleet's own figures in {@code extra}. */
  SetupResult run(FleetOptions.Run run, Arrivals a, java.nio.file.Path logs,
      Map<String, Object> extra) throws IOException, InterruptedException {
    int seconds = a.secondsCeil() + env.drainSeconds() + 1;
    Series series = new Series(seconds);
    AtomicLong startAt = new AtomicLong(Long.MAX_VALUE);
    Map<String, long[]> seen = new HashMap<>();
    FunctionBill.Snapshot before = env.functionSnapshot();
    int n = f.vms();
    double killAt = run.kill() ? FleetKill.second(a) : Double.NaN;
    String marker = "fleet-" + UUID.randomUUID();
    extra.put("process_marker", FleetVms.MARKER + "=" + marker);
    p.printf("  %-20s starting %d VM processes (Spring Boot, the starter, ZooKeeper) ...%n",
        run.name(), n);
    try (FleetVms vms = FleetVms.start(n, marker, i -> args(run),
        logs.resolve(run.name()), (vm, c) -> {
          long since = System.nanoTime() - startAt.get();
          synchronized (seen) {
            long[] last = seen.computeIfAbsent(vm.id, k -> new long[2]);
            long local = c.path("local").asLong();
            long spilled = c.path("spilled").asLong();
            if (since >= 0) {
              series.calls(Route.LOCAL, since, local - last[0]);
              series.calls(Route.FUNCTION, since, spilled - last[1]);
            }
            last[0] = local;
            last[1] = spilled;
          }
        })) {
      Map<String, JsonNode> baseline = warm(vms, a.meanRps);
      FleetDriver fleet = new FleetDriver(env.workload(), vms.all());
      OpenLoopDriver driver = new OpenLoopDriver(e -> e instanceof FleetDriver.Rejected)
          .listener(new OpenLoopDriver.Listener() {
            @Override
            public void arrival(long offsetNanos) {
              series.arrival(offsetNanos);
            }

            @Override
            public void done(long offsetNanos, long latencyMicros) {
              series.latency(offsetNanos, latencyMicros);
            }
          });
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      startAt.set(start);
      Thread killer = run.kill() ? FleetKill.at(vms, n - 1, start, killAt, p) : null;
      driver.runBlocking(start, a.offsetsNanos, fleet::call,
          Duration.ofSeconds(env.drainSeconds()));
      double wall = (System.nanoTime() - start) / 1e9;
      if (killer != null) {
        killer.join();
      }
      fleet.close();
      vms.close(); // the live VMs' last reports
      for (int s = 0; s < series.seconds; s++) {
        series.vms.set(s, run.kill() && s >= killAt ? n - 1 : n);
      }
      double meanVms = run.kill() ? (n * killAt + (n - 1) * (wall - killAt)) / wall : n;
      return result(run, driver, fleet, vms, baseline, before, wall, meanVms, series, killAt,
          extra);
    }
  }

  /**
   * Warms the new VM processes' JITs, not measured: {@value #WARM_SECONDS} s at the mean rate
   * (below the fleet's capacity), as the in-process lab warms its one JVM. Returns each VM's
   * counts after it, which the run's counts start from.
   */
  private Map<String, JsonNode> warm(FleetVms vms, double rps) throws InterruptedException {
    FleetDriver warm = new FleetDriver(env.workload(), vms.all());
    new OpenLoopDriver(e -> true).runBlocking(System.nanoTime(),
        Arrivals.constant(rps, WARM_SECONDS).offsetsNanos, i -> warm.call(-1 - i),
        Duration.ofSeconds(env.drainSeconds()));
    warm.close();
    Map<String, JsonNode> counts = new HashMap<>();
    for (FleetVms.Vm vm : vms.all()) {
      counts.put(vm.id, vms.countsNow(vm));
    }
    return counts;
  }

  private SetupResult result(FleetOptions.Run run, OpenLoopDriver driver, FleetDriver fleet,
      FleetVms vms, Map<String, JsonNode> baseline, FunctionBill.Snapshot before, double wall, double meanVms, Series series,
      double killAt, Map<String, Object> extra) {
    long local = 0;
    long spilled = 0;
    long throttled = 0;
    long breakers = 0;
    double spend = 0;
    Map<String, Long> byService = new TreeMap<>();
    Map<String, Double> spendByService = new TreeMap<>();
    List<Map<String, Object>> perVm = new ArrayList<>();
    for (int i = 0; i < vms.all().size(); i++) {
      FleetVms.Vm vm = vms.all().get(i);
      if (vm.last == null) {
        throw new IllegalStateException(vm.id + " never reported its counts");
      }
      JsonNode c = FleetVmCounts.minus(vm.last, baseline.get(vm.id));
      local += c.path("local").asLong();
      spilled += c.path("spilled").asLong();
      throttled += c.path("throttled").asLong();
      breakers += c.path("breaker_opened").size();
      spend += c.path("spend_usd").asDouble();
      c.path("spilled_by_service").properties().stream().filter(e -> e.getValue().asLong() > 0)
          .forEach(e -> byService.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      c.path("spend_by_service_usd").properties().forEach(e ->
          spendByService.merge(e.getKey(), e.getValue().asDouble(), Double::sum));
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", vm.id);
      v.put("requests", fleet.targets().get(i).requests.sum());
      v.put("errors", fleet.targets().get(i).errors.sum());
      v.put("served", c.path("served").asLong());
      v.put("rejected", c.path("rejected").asLong());
      v.put("spilled", c.path("spilled").asLong());
      v.put("throttled", c.path("throttled").asLong());
      v.put("breaker_opened", c.path("breaker_opened").size());
      v.put("killed", vm.killed);
      perVm.add(v);
    }
    FunctionBill.Snapshot after = env.functionSnapshot();
    FunctionBill bill = new FunctionBill(after.costUsd() - before.costUsd(),
        after.invocations() - before.invocations(), after.coldStarts() - before.coldStarts(),
        run.spill() ? env.prewarmUsd() : 0, spend, 0, 0);
    extra.put("throttled", throttled);
    extra.put("throttled_share_of_spilled", SetupResult.round4(
        spilled == 0 ? 0 : throttled / (double) spilled));
    extra.put("breaker_opened", breakers);
    extra.put("failed_over", fleet.failedOver());
    extra.put("killed_at_s", Double.isNaN(killAt) ? null : killAt);
    extra.put("fleet_spend_usd", SetupResult.round9(spend));
    extra.put("fleet_spend_by_service_usd", spendByService);
    // the cap is per service and hour, and each run is a fleet of its own (its own ZooKeeper root)
    extra.put("fleet_spend_max_service_usd", SetupResult.round9(spendByService.values().stream()
        .mapToDouble(Double::doubleValue).max().orElse(0)));
    extra.put("fleet_spend_cap_usd_per_hour_per_service", run.spill() ? f.fleetSpendCapUsd() : null);
    extra.put("vms", perVm);
    return new SetupResult(run.name(), driver.sent(), local, spilled, driver.rejected(),
        driver.errors(), driver.lost(), driver.percentileMillis(50), driver.percentileMillis(99),
        driver.percentileMillis(99.9), byService, new TreeSet<>(),
        meanVms * env.vmPricePerHour(), bill.billedUsd() / wall * 3600, bill, meanVms, series);
  }

  private List<String> args(FleetOptions.Run run) {
    List<String> a = new ArrayList<>(List.of("storage=" + env.storageUri(),
        "slo-ms=" + env.sloMs(), "compression=" + env.compression(),
        "function-concurrency=" + f.spillsPerVm(), "workers=1", "zookeeper=" + zookeeper,
        "fleet-size=" + f.vms(), "fleet-root=/spillover-lab/" + run.name()));
    if (run.spill()) {
      a.add("platform=" + env.platformEndpoint());
      if (f.fleetSpendCapUsd() != null) {
        a.add("fleet-spend-cap-usd=" + f.fleetSpendCapUsd());
      }
      if (f.fleetMaxConcurrentSpills() != null) {
        a.add("fleet-max-concurrent-spills=" + f.fleetMaxConcurrentSpills());
        // a block no larger than the cap's share of each VM, or one VM could hold it all
        a.add("lease-block=" + Math.max(1, f.fleetMaxConcurrentSpills() / f.vms()));
      }
    }
    return a;
  }
}
