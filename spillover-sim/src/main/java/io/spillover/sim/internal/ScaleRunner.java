package io.spillover.sim.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every setup of a scenario, each on its own event loop; setups are independent, so they
 * run side by side on {@code threads} threads, and each one's result depends on its seed only.
 */
public final class ScaleRunner {
  private ScaleRunner() {}

  /** Results by setup name, in the order of {@code setups}. */
  public static Map<String, SetupResult> run(RunSpec spec, List<Setup> setups, int threads,
      PrintWriter progress) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "sim-setup");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SetupResult>> futures = new ArrayList<>();
      for (Setup s : setups) {
        futures.add(pool.submit(() -> {
          SetupResult r = new SetupRun(spec, s).run();
          synchronized (progress) {
            progress.printf("    %-20s %9d requests  spilled %5.1f %%  p99 %8.1f ms  %7.3f USD/h"
                + "  lost %d  throttled %d  (%.1f s, %.1f M events)%n", r.name(), r.requests(),
                100 * r.spilledShare(), r.p99Ms(), r.costPerHourUsd(), r.lost(), r.throttled(),
                r.wallSeconds(), r.events() / 1e6);
            progress.flush();
          }
          return r;
        }));
      }
      Map<String, SetupResult> out = new LinkedHashMap<>();
      for (Future<SetupResult> f : futures) {
        SetupResult r = f.get();
        out.put(r.name(), r);
      }
      return out;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
    } finally {
      pool.shutdownNow();
    }
  }
}
