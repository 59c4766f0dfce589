package io.spillover.cli.simulate;

import io.spillover.cli.common.CommandFailedException;
import io.spillover.sim.ScaleLab;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;

/**
 * {@code spillover simulate}: the scale lab. The spike lab's setups over the whole Azure trace
 * at loads two cores cannot run for real, on a virtual clock, with real spillways making every
 * decision (docs/scale.md).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate the spike lab's setups over the whole Azure trace at each scale"
        + " (1 = the lab's 20 requests/s mean): real spillways on a virtual clock, simulated VM"
        + " pools and function platform.",
        "Writes DIR/summary.json, DIR/cost-vs-scale.png, DIR/unit-cost-vs-scale.png and"
        + " DIR/p99-vs-scale.png; with --calibrate, DIR/calibration.json instead."})
public final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--scales", split = ",", defaultValue = "1,10,100", paramLabel = "FACTOR",
      description = "Load factors (default: ${DEFAULT-VALUE}).")
  List<Double> scales;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/scale",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "A per-second trace CSV (default: the bundled Azure LLM trace, combined).")
  Path trace;

  @Option(names = "--snapstart",
      description = "The function's cold starts are SnapStart restores (default: plain Java).")
  boolean snapStart;

  @Option(names = "--account-concurrency", defaultValue = "1000", paramLabel = "N",
      description = "The function platform's account concurrency limit (default:"
          + " ${DEFAULT-VALUE}, Lambda's default quota).")
  int accountConcurrency;

  @Option(names = "--jitter", defaultValue = "0.1", paramLabel = "CV",
      description = "Coefficient of variation of service times; 0 = fixed (default:"
          + " ${DEFAULT-VALUE}).")
  double jitter;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-fleet", description = "Leave out the fleet setup (one registry per VM).")
  boolean noFleet;

  @Option(names = "--threads", paramLabel = "N",
      description = "Setups run side by side on N threads (default: the available processors).")
  Integer threads;

  @Option(names = "--calibrate", description = "Run the spike lab's own scenarios instead and"
      + " compare with a lab run (--lab-window, --lab-long).")
  boolean calibrate;

  @Option(names = "--lab-window", paramLabel = "FILE", defaultValue = "docs/results/summary.json",
      description = "The lab's summary.json of its default window (default: ${DEFAULT-VALUE}).")
  Path labWindow;

  @Option(names = "--lab-long", paramLabel = "FILE",
      defaultValue = "docs/results/long/summary.json",
      description = "The lab's summary.json of its --long run (default: ${DEFAULT-VALUE}).")
  Path labLong;

  @Override
  public Integer call() throws InterruptedException {
    ScaleLab.Options o;
    try {
      o = new ScaleLab.Options(scales, out, trace, snapStart, accountConcurrency, jitter, seed,
          !noFleet, threads != null ? threads : Runtime.getRuntime().availableProcessors());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    // spill failures are counted in the summary (call_rejections, spill_fallbacks); logged, a
    // fleet of registries on virtual time would print thousands of lines
    System.setProperty("org.slf4j.simpleLogger.log.io.spillover.SpillFailure", "off");
    PrintWriter w = spec.commandLine().getOut();
    long start = System.nanoTime();
    try {
      if (calibrate) {
        ScaleLab.calibrate(o, labWindow, labLong, w);
        w.printf("wrote %s%n", out.resolve("calibration.json"));
      } else {
        w.printf("Spillover scale lab: the whole trace at scales %s%n", scales);
        ScaleLab.simulate(o, w);
        w.printf("wrote %s and the plots in %s (%.0f s)%n", out.resolve("summary.json"), out,
            (System.nanoTime() - start) / 1e9);
      }
    } catch (IOException | JacksonException e) {
      throw CommandFailedException.because("simulate failed", e);
    }
    w.flush();
    return 0;
  }
}
