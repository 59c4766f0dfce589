package io.spillover.samples.social.lab;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException;
import io.spillover.Spillway;
import io.spillover.SpillwayListener;
import io.spillover.local.load.OpenLoopDriver;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.limit.LimitFactory;
import io.spillover.limit.Limits;
import io.spillover.samples.social.vm.VmCapacity;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Runs one {@link Setup} over a schedule, open loop, and measures it. */
final class SetupRunner {
  private final LabEnvironment env;
  private final PrintStream progress;

  SetupRunner(LabEnvironment env, PrintStream progress) {
    this.env = env;
    this.progress = progress;
  }

  SetupResult run(Setup setup, Arrivals arrivals) throws InterruptedException {
    int seconds = arrivals.secondsCeil() + env.drainSeconds() + 1;
    Series series = new Series(seconds);
    Map<String, VmCapacity> pools = new LinkedHashMap<>();
    Capacity.workersFor(setup.vms()).forEach((s, w) -> pools.put(s, new VmCapacity(w)));
    Map<String, LimitFactory> limits = new LinkedHashMap<>();
    if (setup.adaptiveLimit()) {
      // the core's AIMD limit learns each pool's size from latency: a call slower than twice the
      // service's unloaded time (plus 10 ms of scheduling slack) is a sign of queueing
      pools.forEach((s, pool) -> limits.put(s, Limits.aimd().initial(pool.workers()).min(1)
          .max(4 * pool.workers()).slo(Duration.ofMillis(Math.round(
              2 * Capacity.CALL_MS.get(s) + 10))).build()));
    }
    // the schedule starts once the VM side is up: a context that starts slowly must not make the
    // first requests late (latency counts from each request's intended send time)
    AtomicLong startAt = new AtomicLong(Long.MAX_VALUE);
    Map<String, LongAdder> refused = new java.util.concurrent.ConcurrentHashMap<>();
    LongAdder fnNanos = new LongAdder();
    LongAdder fnCount = new LongAdder();
    Set<String> overloaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    SpillwayListener listener = new SpillwayListener() {
      @Override
      public void onSpillMode(String spillway, boolean spilling) {
        if (spilling) {
          overloaded.add(spillway); // a call found every worker of the pool busy
        }
      }

      @Override
      public void onCall(String spillway, Route route, Outcome outcome, long nanos) {
        series.call(route, System.nanoTime() - startAt.get());
        if (route == Route.FUNCTION && nanos > 0) {
          fnNanos.add(nanos);
          fnCount.increment();
        }
      }

      @Override
      public void onSpillRefused(String spillway, SpillRejectedException.Reason reason) {
        refused.computeIfAbsent(reason.name(), k -> new LongAdder()).increment();
      }

      @Override
      public void onSpillFailed(String spillway, Throwable cause, boolean fellBack) {
        refused.computeIfAbsent("FAILED:" + cause.getClass().getSimpleName(),
            k -> new LongAdder()).increment();
      }
    };
    if (setup.spill()) {
      env.startPlatform();
    }
    FunctionBill.Snapshot fnBefore = env.functionSnapshot();
    try (VmSide vm = VmSide.start(env, setup.spill(), pools, limits, listener)) {
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      startAt.set(start);
      Map<String, Spillway<?, ?>> spillways = new LinkedHashMap<>();
      pools.keySet().forEach(s -> spillways.put(s, vm.registry().find(s).orElseThrow()));
      SocialNetwork network = vm.network();
      OpenLoopDriver driver = new OpenLoopDriver(e -> e instanceof SpillRejectedException).listener(
          new OpenLoopDriver.Listener() {
            @Override
            public void arrival(long offsetNanos) {
              series.arrival(offsetNanos);
            }

            @Override
            public void done(long offsetNanos, long latencyMicros) {
              series.latency(offsetNanos, latencyMicros);
            }
          });
      VmController controller = new VmController(setup, pools, spillways, arrivals.seconds,
          series, start, env);
      Thread bar = progressBar(setup.name(), arrivals, driver, start);
      controller.start();
      driver.runBlocking(start, arrivals.offsetsNanos, i -> env.workload().run(network, i),
          Duration.ofSeconds(env.drainSeconds()));
      controller.stop();
      bar.interrupt();
      bar.join();
      if (!refused.isEmpty()) {
        progress.printf("    spills refused or failed: %s; mean spilled call %.1f ms; cold starts"
            + " so far %d%n", refused, fnNanos.sum() / 1e6 / Math.max(1, fnCount.sum()),
            env.coldStarts());
      }
      double wallSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> byService = new TreeMap<>();
      long local = 0;
      long spilled = 0;
      for (var e : spillways.entrySet()) {
        var m = e.getValue().metrics();
        local += m.calls(Route.LOCAL, Outcome.SUCCESS) + m.calls(Route.LOCAL, Outcome.ERROR);
        long f = m.calls(Route.FUNCTION, Outcome.SUCCESS) + m.calls(Route.FUNCTION, Outcome.ERROR);
        spilled += f;
        if (f > 0) {
          byService.put(e.getKey(), f);
        }
      }
      FunctionBill bill = FunctionBill.between(fnBefore, env.functionSnapshot(),
          setup.spill() ? env.prewarmUsd() : 0, spillways.values());
      return new SetupResult(setup.name(), driver.sent(), local, spilled, driver.rejected(),
          driver.errors(), driver.lost(), driver.percentileMillis(50), driver.percentileMillis(99),
          driver.percentileMillis(99.9), byService, new TreeSet<>(overloaded),
          controller.vmCostPerHour(),
          bill.billedUsd() / wallSeconds * 3600, bill, controller.meanServingVms(), series);
    }
  }

  private Thread progressBar(String name, Arrivals a, OpenLoopDriver d, long start) {
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        double at = Math.max(0, (System.nanoTime() - start) / 1e9);
        int width = 30;
        int done = (int) Math.min(width, width * at / a.seconds);
        progress.printf("\r  %-16s [%s%s] %5.1f/%.0f s  sent %6d  done %6d ", name,
            "#".repeat(done), ".".repeat(width - done), Math.min(at, a.seconds), a.seconds,
            d.sent(), d.finished());
        progress.flush();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          break;
        }
      }
      progress.printf("\r  %-16s [%s] done: %d requests%s%n", name, "#".repeat(30), d.sent(),
          " ".repeat(20));
    }, "lab-progress");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
