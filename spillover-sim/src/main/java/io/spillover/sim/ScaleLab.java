package io.spillover.sim;

import io.spillover.plan.Trace;
import io.spillover.sim.internal.Calibration;
import io.spillover.sim.internal.PlatformSpec;
import io.spillover.sim.internal.Plots;
import io.spillover.sim.internal.RunSpec;
import io.spillover.sim.internal.ScaleRunner;
import io.spillover.sim.internal.Scenarios;
import io.spillover.sim.internal.ServiceGraph;
import io.spillover.sim.internal.SetupResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale lab: the spike lab's setups at scales two cores cannot run for real, simulated on a
 * virtual clock. Every admission, spill, wait, budget and advice decision is made by real
 * spillways of a real {@code SpilloverRegistry}; the VM pools, the function platform and the
 * arrivals are simulated. See docs/scale.md.
 *
 * <pre>{@code
 * ScaleLab.simulate(ScaleLab.Options.defaults(List.of(1.0, 10.0, 100.0), Path.of("out")), new java.io.PrintWriter(System.out, true));
 * }</pre>
 */
public final class ScaleLab {
  /** The spike lab's mean rate at 1x, requests per second. */
  public static final double BASE_RPS = 20;
  static final String TRACE = "azure_llm_2023_combined_per_second.csv";

  private ScaleLab() {}

  /**
   * @param scales load factors (1 = the spike lab's 20 requests/s mean over the whole trace)
   * @param out directory for summary.json and the plots
   * @param trace a per-second trace CSV, or null for the bundled Azure trace
   * @param snapStart the function's cold starts are SnapStart restores
   * @param accountConcurrency the platform's account concurrency limit
   * @param jitter coefficient of variation of service times
   * @param seed the seed of arrivals, mix and service times
   * @param fleet also run the fleet setup (one registry per VM, one shared function)
   * @param threads setups run side by side on this many threads
   */
  public record Options(List<Double> scales, Path out, Path trace, boolean snapStart,
      int accountConcurrency, double jitter, long seed, boolean fleet, int threads) {
    public Options {
      Objects.requireNonNull(scales, "scales");
      Objects.requireNonNull(out, "out");
      if (scales.isEmpty() || scales.stream().anyMatch(s -> !(s > 0)) || accountConcurrency < 1
          || jitter < 0 || threads < 1) {
        throw new IllegalArgumentException("scales must be positive, and the account"
            + " concurrency and threads at least 1, jitter at least 0");
      }
    }

    public static Options defaults(List<Double> scales, Path out) {
      return new Options(scales, out, null, false, 1000, 0.1, 42, true,
          Runtime.getRuntime().availableProcessors());
    }
  }

  /**
   * Runs the whole trace at every scale and writes {@code out/summary.json} and the plots.
   *
   * @return the summary as written
   * @throws IOException when the trace cannot be read or the output not written
   */
  public static Map<String, Object> simulate(Options o, PrintWriter progress)
      throws IOException, InterruptedException {
    long[] trace = trace(o.trace()).perSecond();
    ServiceGraph graph = new ServiceGraph(o.jitter());
    Map<Double, Map<String, SetupResult>> byScale = new LinkedHashMap<>();
    Map<String, Object> scales = new LinkedHashMap<>();
    for (double factor : o.scales()) {
      RunSpec spec = spec(trace, 1, BASE_RPS * factor, o, factor);
      progress.printf("  scale %sx: %.0f requests/s mean, peak second %.0f, %d s of trace,"
          + " %d VMs at beta%n", label(factor), spec.meanRps(), spec.peakRps(), trace.length,
          Scenarios.vmsFor(Scenarios.BETA * spec.meanRps(), graph));
      progress.flush();
      long start = System.nanoTime();
      Map<String, SetupResult> results = ScaleRunner.run(spec,
          Scenarios.setups(spec, graph, o.fleet()), o.threads(), progress);
      double wall = (System.nanoTime() - start) / 1e9;
      byScale.put(factor, results);
      Map<String, Object> setups = new LinkedHashMap<>();
      results.forEach((n, r) -> setups.put(n, r.toMap()));
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("mean_rps", spec.meanRps());
      one.put("peak_rps", Math.round(spec.peakRps()));
      one.put("spill_budget", spec.spillBudget());
      one.put("setups", setups);
      one.put("wall_seconds", Math.round(wall * 10) / 10.0);
      scales.put(label(factor), one);
      progress.printf("  scale %sx done in %.1f s%n", label(factor), wall);
      progress.flush();
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("run", runInfo(o, trace.length, graph));
    summary.put("scales", scales);
    write(summary, o.out().resolve("summary.json"));
    Plots.write(byScale, o.out());
    return summary;
  }

  /**
   * Runs the spike lab's own scenarios (its two-spike window and its whole trace, at its load
   * and compression) and compares p99 and spilled share with a lab run's summary.json files.
   *
   * @param labWindow the lab's default-window summary.json (or null to skip that row set)
   * @param labLong the lab's {@code --long} summary.json (or null)
   * @return the calibration table as written to {@code out/calibration.json}
   */
  public static Map<String, Object> calibrate(Options o, Path labWindow, Path labLong,
      PrintWriter progress) throws IOException, InterruptedException {
    long[] trace = trace(o.trace()).perSecond();
    Map<String, Object> table = Calibration.run(trace, o, labWindow, labLong, progress);
    write(table, o.out().resolve("calibration.json"));
    return table;
  }

  /** The run's settings at load {@code factor}; compression 1 is the trace's own time. */
  public static RunSpec spec(long[] perSecond, double compression, double meanRps, Options o,
      double factor) {
    PlatformSpec p = (o.snapStart() ? PlatformSpec.lambdaSnapStart() : PlatformSpec.lambdaJava())
        .withAccountConcurrency(o.accountConcurrency());
    // the lab pre-warms 10 twin instances and lets 10 spills run at once at 1x; in proportion
    int perScale = (int) Math.min(o.accountConcurrency(), Math.ceil(10 * factor));
    return new RunSpec(perSecond, compression, meanRps, o.jitter(), p.withPrewarmed(perScale),
        perScale, 500, (int) Math.max(5000, 5000 * factor), 0.096, 30, o.seed());
  }

  static String label(double factor) {
    return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
  }

  private static Map<String, Object> runInfo(Options o, int traceSeconds, ServiceGraph graph) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trace", o.trace() == null ? TRACE : o.trace().getFileName().toString());
    m.put("trace_seconds", traceSeconds);
    m.put("base_rps", BASE_RPS);
    m.put("rps_per_vm", Math.round(Scenarios.rpsPerVm(graph) * 100) / 100.0);
    m.put("beta", Scenarios.BETA);
    m.put("vm_price_per_hour_usd", 0.096);
    m.put("autoscale_boot_s", Scenarios.BOOT_TRACE_SECONDS);
    m.put("function", o.snapStart() ? "lambda java snapstart" : "lambda java");
    m.put("account_concurrency", o.accountConcurrency());
    m.put("jitter_cv", o.jitter());
    m.put("seed", o.seed());
    return m;
  }

  /** The bundled Azure trace, or {@code file}. */
  public static Trace trace(Path file) throws IOException {
    if (file != null) {
      return Trace.read(file);
    }
    try (InputStream in = ScaleLab.class.getResourceAsStream("data/" + TRACE)) {
      if (in == null) {
        throw new IOException("the bundled trace " + TRACE + " is missing from the classpath");
      }
      return Trace.parse(new InputStreamReader(in, StandardCharsets.UTF_8), TRACE);
    }
  }

  static void write(Map<String, Object> json, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
        .writeValueAsString(json) + "\n");
  }
}
