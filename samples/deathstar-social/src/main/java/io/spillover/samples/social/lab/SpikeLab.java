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
 * in four setups (VM only, overprovisioned, autoscaling, Spillover) and a failover scenario, and
 * writes {@code summary.json} and plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Spike lab: replay a trace against the socialNetwork with and without Spillover.")
public final class SpikeLab implements Callable<Integer> {
  @Option(names = "--trace", description = "second,count CSV or raw timestamp CSV (default: the"
      + " Azure LLM inference 2023 trace, code and conversation per second, bundled).")
  Path trace;
  @Option(names = "--window-start", defaultValue = "540", description = "First trace second replayed (default: ${DEFAULT-VALUE}).")
  int windowStart;
  @Option(names = "--window", defaultValue = "600", description = "Trace seconds replayed (default: ${DEFAULT-VALUE}).")
  int window;
  @Option(names = "--duration", defaultValue = "40", description = "Seconds each setup replays the window in (default: ${DEFAULT-VALUE}).")
  double duration;
  @Option(names = "--mean-rps", defaultValue = "20", description = "Mean request rate the window is scaled to (default: ${DEFAULT-VALUE}).")
  double meanRps;
  @Option(names = "--beta", defaultValue = "1.3", description = "VM capacity as a multiple of the mean rate (default: ${DEFAULT-VALUE}).")
  double beta;
  @Option(names = "--boot-seconds", defaultValue = "45", description = "VM boot time in trace seconds (default: ${DEFAULT-VALUE}).")
  double bootSeconds;
  @Option(names = "--slo-ms", defaultValue = "500", description = "p99 objective (default: ${DEFAULT-VALUE}).")
  double sloMs;
  @Option(names = "--function-concurrency", defaultValue = "10", description = "Function instances at most (default: ${DEFAULT-VALUE}).")
  int functionConcurrency;
  @Option(names = "--vm-price", defaultValue = "0.096", description = "USD per VM hour (default: ${DEFAULT-VALUE}, m5.large).")
  double vmPrice;
  @Option(names = "--rps-per-vm", defaultValue = "10", description = "Mixed requests/s one VM carries (default: ${DEFAULT-VALUE}).")
  double rpsPerVm;
  @Option(names = "--no-failover", description = "Skip the failover scenario.")
  boolean noFailover;
  @Option(names = "--failover-duration", defaultValue = "20", description = "Seconds of each failover run (default: ${DEFAULT-VALUE}).")
  double failoverSeconds;
  @Option(names = "--graph-dir", description = "A directory holding socfb-Reed98/socfb-Reed98.nodes"
      + " and .edges in DeathStarBench's format (default: the bundled copy).")
  Path graphDir;
  @Option(names = "--out", defaultValue = "target/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
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
      LabOptions o = new LabOptions(t, windowStart, window, duration, meanRps, beta, bootSeconds,
          sloMs, functionConcurrency, vmPrice, rpsPerVm, !noFailover, failoverSeconds, datasets,
          BundledData.GRAPH, 2000, out);
      run(o, System.out);
      return 0;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("demo: " + e.getMessage());
      return 2;
    }
  }

  /** Runs the lab and returns the summary (also written to {@code out/summary.json}). */
  public static Map<String, Object> run(LabOptions o, PrintStream p) throws Exception {
    // the storage server is a JDK HttpServer made before the local platform's: without this,
    // Nagle and delayed ACKs add ~40 ms to every storage call of a twin
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    Arrivals a = Arrivals.of(Trace.read(o.trace()), o.windowStart(), o.windowSeconds(),
        o.durationSeconds(), o.meanRps());
    double base = o.beta() * o.meanRps();
    double boot = o.bootSeconds() / a.compression;
    p.printf("Spillover spike lab: DeathStarBench socialNetwork, trace %s%n", o.trace().getFileName());
    p.printf("  window %d s from second %d, compressed %.1fx into %.0f s; %d requests, mean %.0f/s,"
        + " peak %.0f/s (1-s buckets)%n", o.windowSeconds(), o.windowStart(), a.compression,
        a.seconds, a.offsetsNanos.length, o.meanRps(), a.peakRps);
    p.printf("  VM capacity beta = %.2f x mean = %.0f req/s (%d VMs); overprovisioned = peak = %.0f"
        + " req/s (%d VMs); autoscale boot %.0f s / %.1f = %.1f s%n", o.beta(), base,
        Capacity.vms(base, o.rpsPerVm()), a.peakRps, Capacity.vms(a.peakRps, o.rpsPerVm()),
        o.bootSeconds(), a.compression, boot);
    p.printf("  pools at beta: %s%n", Capacity.workersFor(base));
    p.printf("  pools at peak: %s%n", Capacity.workersFor(a.peakRps));
    Map<String, Object> summary = new LinkedHashMap<>();
    try (LabEnvironment env = new LabEnvironment(o)) {
      p.printf("  social graph %s loaded: %d users; %d posts seeded%n", o.graph(), env.users(),
          o.seedPosts());
      SetupRunner runner = new SetupRunner(env, p);
      p.println("  starting the local function platform and warming the twin (not measured) ...");
      new SetupRunner(env, new PrintStream(OutputStream.nullOutputStream())).run(
          Setup.of("warmup", base, true), Arrivals.constant(Math.max(a.peakRps, base * 2), 4));
      List<Setup> setups = List.of(
          Setup.of("vm_only", base, false),
          Setup.of("overprovisioned", a.peakRps, false),
          Setup.of("autoscale", base, false).autoscaled(boot),
          Setup.of("spillover", base, true));
      Map<String, SetupResult> results = new LinkedHashMap<>();
      for (Setup s : setups) {
        results.put(s.name(), runner.run(s, a));
      }
      Map<String, Object> failover = null;
      Map<String, SetupResult> failRuns = new LinkedHashMap<>();
      if (o.failover()) {
        Failover f = new Failover(o, base, boot, a.compression);
        failover = f.run(runner, failRuns, p);
      }
      LabReport report = new LabReport(o, a, base, boot, results, failover, failRuns);
      summary = report.summary();
      report.print(p);
      report.write(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());
      new LabPlots(o, a, results, failRuns).write();
      p.println("  wrote " + o.out().resolve("summary.json") + " and PNG plots in " + o.out());
    }
    return summary;
  }
}
