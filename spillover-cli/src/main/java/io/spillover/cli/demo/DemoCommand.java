package io.spillover.cli.demo;

import io.spillover.local.load.OpenLoopDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code spillover burst}: a service with a small local limit takes a burst far above it, once on
 * its VM alone and once with Spillover sending the excess to function replicas (an in-process
 * twin, seconds). The main job, {@code ./spillover demo}, is the spike lab of the socialNetwork
 * sample; the launcher runs it from that sample's build.
 */
@Command(name = "burst", mixinStandardHelpOptions = true,
    description = "A quick burst against one service with and without Spillover (in-process twin).")
public final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", description = "Directory for summary.json (default: ${DEFAULT-VALUE}).",
      defaultValue = "target/burst")
  Path out;

  @Option(names = "--cores", description = "VM worker threads = local limit (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int cores;

  @Option(names = "--service-ms", description = "Service time per call (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  long serviceMillis;

  @Option(names = "--base-rps", description = "Steady load (default: ${DEFAULT-VALUE}).",
      defaultValue = "120")
  double baseRps;

  @Option(names = "--burst-rps", description = "Load during the burst (default: ${DEFAULT-VALUE}).",
      defaultValue = "800")
  double burstRps;

  @Option(names = "--burst-seconds", description = "Burst length (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  double burstSeconds;

  @Option(names = "--timeout-ms", description = "Deadline of each call (default: ${DEFAULT-VALUE}).",
      defaultValue = "3000")
  long timeoutMillis;

  @Override
  public Integer call() throws Exception {
    if (cores < 1 || serviceMillis < 1 || baseRps <= 0 || burstRps <= 0 || burstSeconds <= 0
        || timeoutMillis < 1) {
      throw new ParameterException(spec.commandLine(), "every option must be positive");
    }
    PrintWriter o = spec.commandLine().getOut();
    long[] schedule = OpenLoopDriver.schedule(new double[][] {
        {baseRps, 2}, {burstRps, burstSeconds}, {baseRps, 2}});
    double capacity = cores * 1000.0 / serviceMillis;
    o.printf("Spillover demo: a service of %d cores x %d ms per call (capacity %.0f req/s)%n",
        cores, serviceMillis, capacity);
    o.printf("Load: %.0f req/s, then %.0f req/s for %.0f s, then %.0f req/s (%d requests)%n%n",
        baseRps, burstRps, burstSeconds, baseRps, schedule.length);
    BurstDemo demo = new BurstDemo(cores, serviceMillis, Duration.ofMillis(timeoutMillis));
    o.println("warming up the JVM (not measured) ...");
    demo.run(true, OpenLoopDriver.schedule(new double[][] {{burstRps, 1}}));
    Map<String, Object> setups = new LinkedHashMap<>();
    o.println("running vm_only ...");
    setups.put("vm_only", demo.run(false, schedule));
    o.println("running spillover ...");
    setups.put("spillover", demo.run(true, schedule));
    print(o, setups);
    write(o, setups);
    o.flush();
    return 0;
  }

  private void print(PrintWriter o, Map<String, Object> setups) {
    o.printf("%n%-10s %9s %7s %8s %9s %7s %5s %9s %9s %9s%n", "setup", "requests", "local",
        "spilled", "rejected", "errors", "lost", "p50 ms", "p99 ms", "p99.9 ms");
    setups.forEach((name, v) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) v;
      o.printf("%-10s %9s %7s %8s %9s %7s %5s %9s %9s %9s%n", name, s.get("requests"),
          s.get("local"), s.get("spilled"), s.get("rejected"), s.get("errors"), s.get("lost"),
          s.get("p50_ms"), s.get("p99_ms"), s.get("p999_ms"));
    });
  }

  private void write(PrintWriter o, Map<String, Object> setups) throws IOException {
    Files.createDirectories(out);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("setups", setups);
    Path file = out.resolve("summary.json");
    JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
        .writeValue(file.toFile(), root);
    o.println("\nwrote " + file);
  }
}
