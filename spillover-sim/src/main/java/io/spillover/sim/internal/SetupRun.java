package io.spillover.sim.internal;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException;
import io.spillover.Spillway;
import io.spillover.SpillwayMetrics;
import io.spillover.sim.internal.ServiceGraph.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.HdrHistogram.Histogram;

/**
 * One setup over one scenario, open loop on the event loop: arrivals of the trace window
 * (rate-scaled and time-compressed as the spike lab does it, spread uniformly within each trace
 * second by a seeded generator, so every setup of a scenario gets the same schedule and mix);
 * latency from each request's intended arrival to its reply; VMs billed from the moment they
 * are ordered.
 */
public final class SetupRun {
  private final RunSpec spec;
  private final Setup setup;
  private final ServiceGraph graph;
  private final EventLoop loop = new EventLoop();
  private final Histogram latency = new Histogram(3_600_000_000L, 3); // microseconds
  private final List<VmSide> sides = new ArrayList<>();
  private FunctionPlatform platform;
  private Autoscaler autoscaler;
  private long sent;
  private long ok;
  private long rejected;
  private long errors;
  private double vmSeconds;
  private double servingSeconds;
  private long nextSide;

  public SetupRun(RunSpec spec, Setup setup) {
    this.spec = spec;
    this.setup = setup;
    this.graph = new ServiceGraph(spec.jitter());
  }

  public SetupResult run() {
    long wallStart = System.nanoTime();
    if (setup.spill()) {
      Twin twin = new Twin(graph, loop);
      platform = new FunctionPlatform(loop, spec.platform(), twin.app(), twin, spec.seed() + 1);
    }
    int n = setup.registries();
    int workers = n == 1 ? setup.vms() : Math.max(1, setup.vms() / n);
    for (int i = 0; i < n; i++) {
      sides.add(new VmSide(loop, graph, spec, workers, platform, spec.seed() + 2 + i));
    }
    double c = spec.compression();
    long tick = (long) (1e9 / c); // one trace second
    if (setup.scaling() != null) {
      autoscaler = new Autoscaler(setup.scaling(), setup.vms(), 0);
    }
    SplittableRandom arrivals = new SplittableRandom(spec.seed());
    double scale = spec.rateScale();
    double[] carry = {0};
    for (int s = 0; s < spec.perSecond().length; s++) {
      final int second = s;
      // each trace second's arrivals are drawn when it starts: the queue holds one second
      loop.at(s * tick, () -> {
        double want = spec.perSecond()[second] * scale + carry[0];
        int k = (int) want;
        carry[0] = want - k;
        for (int j = 0; j < k; j++) {
          long at = (long) ((second + arrivals.nextDouble()) * tick);
          Service entry = graph.entry(arrivals);
          loop.at(at, () -> arrive(at, entry));
        }
      });
    }
    long end = (long) (spec.seconds() * 1e9);
    for (long t = tick; t <= end; t += tick) {
      loop.at(t, this::everyTraceSecond);
    }
    loop.runUntil(end + (long) (spec.drainSeconds() * 1e9));
    sides.forEach(VmSide::close);
    return result((System.nanoTime() - wallStart) / 1e9);
  }

  private void arrive(long intended, Service entry) {
    sent++;
    VmSide side = sides.get((int) (nextSide++ % sides.size()));
    side.call(entry).whenComplete((r, e) -> {
      if (e == null) {
        ok++;
        latency.recordValue(Math.max(0, (loop.nanoTime() - intended) / 1000));
      } else if ((e instanceof CompletionException ? e.getCause() : e)
          instanceof SpillRejectedException) {
        rejected++;
      } else {
        errors++;
      }
    });
  }

  /** The periodic work: the registries' tick, the autoscaler, the VM bill. */
  private void everyTraceSecond() {
    double dt = 1 / spec.compression();
    double now = loop.nanoTime() / 1e9;
    double busy = 0;
    double extra = 0;
    for (VmSide side : sides) {
      side.tick();
      busy = Math.max(busy, side.busiest());
      extra = Math.max(extra, side.extraReplicas());
    }
    int serving = setup.vms();
    int ordered = serving;
    if (autoscaler != null) {
      int before = autoscaler.running();
      serving = autoscaler.step(now, busy, extra);
      ordered = serving + autoscaler.booting();
      if (serving != before) {
        sides.get(0).resize(serving);
      }
    }
    vmSeconds += ordered * dt;
    servingSeconds += serving * dt;
  }

  private SetupResult result(double wallSeconds) {
    long local = 0;
    long spilled = 0;
    long fallbacks = 0;
    Map<String, Long> rejections = new TreeMap<>();
    for (VmSide side : sides) {
      for (Spillway<SimCall, SimCall> sw : side.spillways()) {
        SpillwayMetrics m = sw.metrics();
        fallbacks += m.fallbacks();
        for (SpillRejectedException.Reason reason : SpillRejectedException.Reason.values()) {
          long n = m.rejections(reason);
          if (n > 0) {
            rejections.merge(reason.name(), n, Long::sum);
          }
        }
        local += m.calls(Route.LOCAL, Outcome.SUCCESS) + m.calls(Route.LOCAL, Outcome.ERROR);
        spilled += m.calls(Route.FUNCTION, Outcome.SUCCESS)
            + m.calls(Route.FUNCTION, Outcome.ERROR);
      }
    }
    double traceHours = spec.perSecond().length / 3600.0;
    // VMs are billed in trace time: a run-second of a compressed run stands for c trace seconds
    double vmUsd = vmSeconds * spec.compression() / 3600 * spec.vmPricePerHour();
    double fnUsd = platform == null ? 0 : platform.billedUsd() * spec.compression();
    return new SetupResult(setup.name(), sent, local, spilled, rejected, errors,
        sent - ok - rejected - errors, pct(50), pct(99), pct(99.9),
        servingSeconds / spec.seconds(), vmUsd, fnUsd, (vmUsd + fnUsd) / traceHours,
        platform == null ? 0 : platform.throttled(), platform == null ? 0 : platform.coldStarts(),
        platform == null ? 0 : platform.invocations(),
        platform == null ? 0 : platform.peakConcurrency(), rejections, fallbacks, loop.events(),
        wallSeconds);
  }

  private double pct(double p) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(p) / 1000.0;
  }
}
