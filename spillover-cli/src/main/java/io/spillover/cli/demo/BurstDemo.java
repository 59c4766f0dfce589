package io.spillover.cli.demo;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayMetrics;
import io.spillover.cli.demo.DemoService.Digest;
import io.spillover.cli.demo.DemoService.Job;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.local.load.OpenLoopDriver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One setup of the demo: the same burst against a "VM" of {@code cores} worker threads, with or
 * without a function twin to take the excess.
 */
final class BurstDemo {
  private final int cores;
  private final long serviceMillis;
  private final Duration timeout;

  BurstDemo(int cores, long serviceMillis, Duration timeout) {
    this.cores = cores;
    this.serviceMillis = serviceMillis;
    this.timeout = timeout;
  }

  Map<String, Object> run(boolean spill, long[] schedule) throws InterruptedException {
    DemoService service = new DemoService(serviceMillis);
    ExecutorService vm = Executors.newFixedThreadPool(cores, daemon("vm-core"));
    InProcessProvider functions = InProcessProvider.create().deploy("demo-twin",
        FunctionApp.builder().handle("digest", Job.class, Digest.class, service::handle).build());
    SpillwayConfig.Builder config = SpillwayConfig.custom()
        .limit(Limits.fixed(cores))
        .timeout(timeout)
        .maxWait(timeout)
        .maxWaiting(100_000);
    if (spill) {
      config.function(FunctionRef.of("in-process", "demo-twin")).maxConcurrentSpills(1000);
    }
    try (SpilloverRegistry registry = SpilloverRegistry.builder().provider(functions).build()) {
      Spillway<Job, Digest> digest = registry.spillway("digest", config.build(), Job.class,
          Digest.class);
      OpenLoopDriver driver = new OpenLoopDriver(e -> e instanceof SpillRejectedException);
      driver.run(schedule, i -> digest.callAsync(new Job(i, "payload-" + i),
          job -> CompletableFuture.supplyAsync(() -> service.handle(job), vm)),
          timeout.multipliedBy(2));
      return summary(driver, digest.metrics());
    } finally {
      vm.shutdownNow();
      vm.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Map<String, Object> summary(OpenLoopDriver d, SpillwayMetrics m) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("requests", d.sent());
    s.put("local", m.calls(Route.LOCAL, Outcome.SUCCESS) + m.calls(Route.LOCAL, Outcome.ERROR));
    s.put("spilled", m.calls(Route.FUNCTION, Outcome.SUCCESS)
        + m.calls(Route.FUNCTION, Outcome.ERROR));
    s.put("rejected", d.rejected());
    s.put("errors", d.errors());
    s.put("lost", d.lost());
    s.put("p50_ms", round(d.percentileMillis(50)));
    s.put("p99_ms", round(d.percentileMillis(99)));
    s.put("p999_ms", round(d.percentileMillis(99.9)));
    s.put("fallbacks", m.fallbacks());
    s.put("cost_usd", m.spendUsd());
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
