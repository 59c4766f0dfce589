package io.spillover.samples.social.lab;

import io.spillover.plan.Trace;
import io.spillover.samples.social.BundledData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spike lab ({@code ./spillover demo}): replays a trace open-loop against the socialNetwork
 * in five setups (VM only, overprovisioned, autoscaling, Spillover on fixed VMs, Spillover with
 * the autoscaler fed by its advice) and a failover scenario, or runs the capacity-change scenario
 * (Elastic CVM), and writes {@code summary.json} and plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Spike lab: replay a trace against the socialNetwork with and without Spillover.")
public final class SpikeLab implements Callable<Integer> {
  /** The default window of the built-in trace: two spikes. */
  static final int DEFAULT_WINDOW_START = 540;
  static final int DEFAULT_WINDOW = 600;
  /** Trace seconds per second of a run, unless --duration says otherwise. */
  static final double COMPRESSION = 15;
  @Option(names = "--trace", description = "second,count CSV or raw timestamp CSV (default: the"
      + " Azure LLM inference 2023 trace, code and conversation per second, bundled).")
  Path trace;
  @Option(names = "--window-start", description = "First trace second replayed (default: 540 on"
      + " the built-in trace, 0 with --trace or --long).")
  Integer windowStart;
  @Option(names = "--window", description = "Trace seconds replayed, or 'full' for the rest of the"
      + " trace (default: 600 on the built-in trace, full with --trace or --long).")
  String window;
  @Option(names = "--long", description = "The whole trace, time-compressed 15x, in the five"
      + " setups (no failover; default out: target/demo-long).")
  boolean longRun;
  @Option(names = "--scenario", defaultValue = "spikes", description = "spikes (the setups over the"
      + " trace) or capacity (the VM loses half its CPU and gets it back) (default: ${DEFAULT-VALUE}).")
  String scenario;
  @Option(names = "--duration", description = "Seconds each setup replays the window in (default:"
      + " the window compressed 15x, 40 s for the default window).")
  Double duration;
  @Option(names = "--mean-rps", description = "Mean request rate the window is scaled to (default:"
      + " 20; with --vm-processes N, what N VMs carry at --beta).")
  Double meanRps;
  @Option(names = "--beta", defaultValue = "1.3", description = "VM capacity as a multiple of the mean rate (default: ${DEFAULT-VALUE}).")
  double beta;
  @Option(names = "--boot-seconds", defaultValue = "45", description = "VM boot time in trace seconds (default: ${DEFAULT-VALUE}).")
  double bootSeconds;
  @Option(names = "--slo-ms", defaultValue = "500", description = "p99 objective (default: ${DEFAULT-VALUE}).")
  double sloMs;
  @Option(names = "--function-concurrency", defaultValue = "10", description = "Function instances at most; with"
      + " --vm-processes, each VM's cap on spills in flight (default: ${DEFAULT-VALUE}).")
  int functionConcurrency;
  @Option(names = "--vm-price", defaultValue = "0.096", description = "USD per VM hour (default: ${DEFAULT-VALUE}, m5.large).")
  double vmPrice;
  @Option(names = "--no-failover", description = "Skip the failover scenario.")
  boolean noFailover;
  @Option(names = "--failover-duration", defaultValue = "20", description = "Seconds of each failover run (default: ${DEFAULT-VALUE}).")
  double failoverSeconds;
  @Option(names = "--capacity-duration", defaultValue = "30", description = "Seconds of each capacity-change run (default: ${DEFAULT-VALUE}).")
  double capacitySeconds;
  @Option(names = "--graph-dir", description = "A directory holding socfb-Reed98/socfb-Reed98.nodes"
      + " and .edges in DeathStarBench's format (default: the bundled copy).")
  Path graphDir;
  @Option(names = "--vm-processes", description = "Fleet mode: the VM side as N JVM processes"
      + " (Spring Boot, the starter) sharing one storage tier, one twin and one embedded ZooKeeper;"
      + " runs vm_only, spillover and spillover_vm_killed (a VM process killed mid-spike)"
      + " (default: the in-process lab).")
  Integer vmProcesses;
  @Option(names = "--platform-cap", description = "Fleet mode: the function platform's"
      + " concurrency cap, shared by every VM (default: 2 x --vm-processes); each VM may spill"
      + " --function-concurrency at once.")
  Integer platformCap;
  @Option(names = "--fleet-spend-cap-usd", description = "Fleet mode: the fleet's spend cap in"
      + " USD per hour and service (spillover.fleet.zookeeper; default: none).")
  Double fleetSpendCapUsd;
  @Option(names = "--fleet-max-concurrent-spills", description = "Fleet mode: the fleet's cap on"
      + " spills in flight per service, leased through ZooKeeper (default: none).")
  Integer fleetMaxConcurrentSpills;
  @Option(names = "--out", description = "Output directory (default: target/demo, target/demo-long"
      + " with --long, target/demo-capacity with --scenario capacity, target/demo-fleet with"
      + " --vm-processes).")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SpikeLab()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path t = trace != null ? trace : BundledData.trace();
    Path datasets = graphDir != null ? graphDir : BundledData.graphs();
    if (!Files.isDirectory(datasets.resolve(BundledData.GRAPH))) {
      System.err.println("demo: the social graph is missing: "
          + datasets.resolve(BundledData.GRAPH));
      return 2;
    }
    if (!Files.isReadable(t)) {
      System.err.println("demo: cannot read the trace " + t);
      return 2;
    }
    try {
      LabOptions o = options(t, datasets, Trace.read(t).perSecond().length);
      if (vmProcesses != null) {
        FleetLab.run(o, fleetOptions(), System.out);
      } else {
        run(o, System.out);
      }
      return 0;
    } catch (IllegalArgumentException | java.io.IOException | java.io.UncheckedIOException e) {
      System.err.println("demo: " + e.getMessage());
      return 2;
    }
  }

  /** The options with this command's defaults: a user's trace or --long replays it whole. */
  LabOptions options(Path t, Path datasets, int traceSeconds) {
    boolean whole = longRun || trace != null;
    int start = windowStart != null ? windowStart : whole ? 0 : DEFAULT_WINDOW_START;
    int length;
    if (window == null) {
      length = whole ? Math.max(1, traceSeconds - start) : DEFAULT_WINDOW;
    } else if (window.equalsIgnoreCase("full")) {
      length = Math.max(1, traceSeconds - start);
    } else {
      try {
        length = Integer.parseInt(window.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--window takes a number of seconds or 'full', was "
            + window);
      }
    }
    length = Math.min(length, Math.max(1, traceSeconds - start));
    double seconds = duration != null ? duration : Math.max(1, length / COMPRESSION);
    LabOptions.Scenario sc = switch (scenario.toLowerCase(java.util.Locale.ROOT)) {
      case "spikes" -> LabOptions.Scenario.SPIKES;
      case "capacity" -> LabOptions.Scenario.CAPACITY;
      default -> throw new IllegalArgumentException("--scenario is spikes or capacity, was "
          + scenario);
    };
    Path dir = out != null ? out : Path.of(sc == LabOptions.Scenario.CAPACITY
        ? "target/demo-capacity" : longRun ? "target/demo-long" : "target/demo");
    if (vmProcesses != null) {
      if (sc != LabOptions.Scenario.SPIKES) {
        throw new IllegalArgumentException("--vm-processes runs the spikes scenario only");
      }
      fleetOptions(); // validates
      // each VM process is one lab VM: the mean is what the fleet carries at beta; the platform
      // is capped at --platform-cap (the twins the VMs share), each VM's spills by the option
      double mean = meanRps != null ? meanRps : vmProcesses * Capacity.RPS_PER_VM / beta;
      return new LabOptions(t, start, length, seconds, mean, beta, bootSeconds, sloMs,
          platformCap(), vmPrice, false, failoverSeconds, sc, capacitySeconds, datasets,
          BundledData.GRAPH, 2000, out != null ? out : Path.of("target/demo-fleet"));
    }
    return new LabOptions(t, start, length, seconds, meanRps != null ? meanRps : 20, beta,
        bootSeconds, sloMs, functionConcurrency, vmPrice, !noFailover && !longRun,
        failoverSeconds, sc, capacitySeconds, datasets, BundledData.GRAPH, 2000, dir);
  }

  private int platformCap() {
    return platformCap != null ? platformCap : FleetOptions.defaultPlatformCap(vmProcesses);
  }

  /** The fleet mode's settings (with --vm-processes). */
  FleetOptions fleetOptions() {
    return new FleetOptions(vmProcesses, platformCap(), functionConcurrency, fleetSpendCapUsd,
        fleetMaxConcurrentSpills, FleetOptions.DEFAULT_RUNS);
  }

  /** Runs the lab and returns the summary (also written to {@code out/summary.json}). */
  public static Map<String, Object> run(LabOptions o, PrintStream p) throws Exception {
    // the storage server is a JDK HttpServer made before the local platform's: without this,
    // Nagle and delayed ACKs add ~40 ms to every storage call of a twin
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (o.scenario() == LabOptions.Scenario.CAPACITY) {
      return CapacityChange.run(o, p);
    }
    Arrivals a = Arrivals.of(Trace.read(o.trace()), o.windowStart(), o.windowSeconds(),
        o.durationSeconds(), o.meanRps());
    int base = Capacity.vmsFor(o.beta() * o.meanRps());
    int peak = Capacity.vmsFor(a.peakRps);
    double c = a.compression;
    double boot = o.bootSeconds() / c;
    // the autoscaler on the trace's clock: utilisation over a minute, 15 s of warm-up for new
    // VMs, scale-in after three minutes of lower recommendations
    Autoscaler.Settings scaling = new Autoscaler.Settings(Autoscaler.Input.UTILISATION, 1,
        2 * Math.max(base, peak), boot, 60 / c, 15 / c, 180 / c, Capacity.TARGET_UTILISATION);
    p.printf("Spillover spike lab: DeathStarBench socialNetwork, trace %s%n", o.trace().getFileName());
    p.printf("  window %d s from second %d, compressed %.1fx into %.0f s; %d requests, mean %.0f/s,"
        + " peak %.0f/s (1-s buckets)%n", o.windowSeconds(), o.windowStart(), c, a.seconds,
        a.offsetsNanos.length, o.meanRps(), a.peakRps);
    p.printf("  a VM runs one worker of every service and carries %.1f req/s at %.0f%%"
        + " utilisation; beta = %.2f x mean = %d VMs; overprovisioned = peak = %d VMs;"
        + " autoscalers boot VMs in %.0f s / %.1f = %.1f s%n", Capacity.RPS_PER_VM,
        100 * Capacity.TARGET_UTILISATION, o.beta(), base, peak, o.bootSeconds(), c, boot);
    Map<String, Object> summary;
    try (LabEnvironment env = new LabEnvironment(o, c)) {
      p.printf("  social graph %s loaded: %d users; %d posts seeded%n", o.graph(), env.users(),
          o.seedPosts());
      SetupRunner runner = new SetupRunner(env, p);
      p.println("  starting the local function platform and warming the twin (not measured) ...");
      new SetupRunner(env, new PrintStream(OutputStream.nullOutputStream())).run(
          Setup.of("warmup", base, true), Arrivals.constant(Math.max(a.peakRps,
              2 * o.beta() * o.meanRps()), 4));
      List<Setup> setups = List.of(
          Setup.of("vm_only", base, false),
          Setup.of("overprovisioned", peak, false),
          Setup.of("autoscale", base, false).autoscaled(scaling),
          Setup.of("spillover", base, true),
          Setup.of("spillover_autoscale", base, true)
              .autoscaled(scaling.reading(Autoscaler.Input.ADVICE)));
      Map<String, SetupResult> results = new LinkedHashMap<>();
      for (Setup s : setups) {
        results.put(s.name(), runner.run(s, a));
      }
      Map<String, Object> failover = null;
      Map<String, SetupResult> failRuns = new LinkedHashMap<>();
      if (o.failover()) {
        Failover f = new Failover(o, base, boot, c);
        failover = f.run(runner, failRuns, p);
      }
      LabReport report = new LabReport(o, a, base, peak, boot, results, failover,
          env.prewarmUsd(), env.prewarmBilledUsd());
      summary = report.summary();
      report.print(p);
      report.write(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());
      new LabPlots(o, a, results, failRuns).write();
      p.println("  wrote " + o.out().resolve("summary.json") + " and PNG plots in " + o.out());
    }
    return summary;
  }
}
