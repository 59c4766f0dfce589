package io.spillover.samples.social.lab;

import io.spillover.Spillway;
import io.spillover.SpillwayMetrics;
import io.spillover.samples.social.vm.VmCapacity;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Changes a setup's VM capacity during its run and prices it, ten times a second: the autoscaler
 * (fed with the busiest service's utilisation and, in {@code spillover_autoscale}, Spillover's
 * scale advice), and a share of every pool lost and given back (a failed VM and its replacement,
 * or CPU taken from the VM and returned). VMs are billed from the moment they are ordered, boot
 * included. Each second it records the VMs serving and the watched service's limit and workers.
 */
final class VmController {
  /** The service whose limit and workers the series record (the busiest). */
  static final String WATCHED = "home-timeline";
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private final Setup setup;
  private final Map<String, VmCapacity> pools;
  private final Map<String, Spillway<?, ?>> spillways;
  private final long start;
  private final double seconds;
  private final LabEnvironment env;
  private final Series series;
  private final Autoscaler autoscaler;
  private double share = 1;
  private int serving;
  private boolean lost;
  private boolean back;
  private double billedVmSeconds;
  private double servingVmSeconds;
  private double controlledSeconds;
  private Thread thread;

  VmController(Setup setup, Map<String, VmCapacity> pools, Map<String, Spillway<?, ?>> spillways,
      double seconds, Series series, long start, LabEnvironment env) {
    this.setup = setup;
    this.pools = pools;
    this.spillways = spillways;
    this.seconds = seconds;
    this.series = series;
    this.start = start;
    this.env = env;
    this.serving = setup.vms();
    this.autoscaler = setup.scaling() == null ? null
        : new Autoscaler(setup.scaling(), setup.vms(), 0);
    for (int i = 0; i < series.seconds; i++) {
      series.vms.set(i, setup.vms()); // until the first tick of each second overwrites it
    }
  }

  void start() {
    thread = new Thread(this::loop, "lab-vm-controller");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }

  /** The mean VMs serving over the run so far (drain included, as in the cost). */
  synchronized double meanServingVms() {
    return controlledSeconds == 0 ? serving : servingVmSeconds / controlledSeconds;
  }

  /** The VMs billed on average over the run so far (booting ones included), times the price. */
  synchronized double vmCostPerHour() {
    double vms = controlledSeconds == 0 ? setup.vms() : billedVmSeconds / controlledSeconds;
    return vms * env.vmPricePerHour();
  }

  private void loop() {
    long last = System.nanoTime();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TICK_NANOS));
      } catch (InterruptedException e) {
        break;
      }
      long now = System.nanoTime();
      int billed = autoscaler == null ? setup.vms() : autoscaler.running() + autoscaler.booting();
      synchronized (this) {
        double dt = (now - last) / 1e9;
        billedVmSeconds += dt * billed;
        servingVmSeconds += dt * serving;
        controlledSeconds += dt;
      }
      last = now;
      double at = (now - start) / 1e9;
      if (at < 0) {
        continue;
      }
      if (at <= seconds) {
        if (autoscaler != null) {
          autoscale(at);
        }
        if (setup.loss() != null) {
          loss(at);
        }
      }
      record(at);
    }
  }

  private void autoscale(double at) {
    double busy = 0;
    double extra = 0;
    for (Spillway<?, ?> s : spillways.values()) {
      SpillwayMetrics m = s.metrics();
      busy = Math.max(busy, Math.min(1.0, m.inflightLocal() / (double) Math.max(1, m.limit())));
      extra = Math.max(extra, m.extraReplicas());
    }
    int vms = autoscaler.step(at, busy, extra);
    if (vms != serving) {
      serving = vms;
      resize();
    }
  }

  private void loss(double at) {
    Setup.Loss l = setup.loss();
    if (!lost && at >= l.atSeconds()) {
      lost = true;
      share = 1 - l.fraction();
      resize();
    }
    if (lost && !back && at >= l.atSeconds() + l.forSeconds()) {
      back = true;
      share = 1;
      resize();
    }
  }

  private void resize() {
    Capacity.workersFor(serving).forEach((s, w) ->
        pools.get(s).resize(Math.max(1, (int) Math.round(w * share))));
  }

  private void record(double at) {
    int second = (int) at;
    if (second >= series.seconds) {
      return;
    }
    series.vms.set(second, serving);
    VmCapacity pool = pools.get(WATCHED);
    Spillway<?, ?> watched = spillways.get(WATCHED);
    if (pool != null && watched != null) {
      series.workers.set(second, pool.workers());
      series.limit.set(second, watched.metrics().limit());
    }
  }
}
