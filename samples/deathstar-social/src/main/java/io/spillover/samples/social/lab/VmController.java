package io.spillover.samples.social.lab;

import io.spillover.samples.social.vm.VmCapacity;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Changes the VM capacity during a run and prices it: the autoscaler (capacity follows the
 * arrival rate after a boot delay, and shrinks when the load stays low) and the loss of part of
 * the VMs (back after a replacement boots). VM cost is integrated over the run.
 */
final class VmController {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private final Setup setup;
  private final Map<String, VmCapacity> pools;
  private final Arrivals arrivals;
  private final long start;
  private final LabEnvironment env;
  private final Series series;
  private volatile double provisioned;
  private double vmSecondsPrice;
  private double bootDueAt = -1;
  private double bootTarget;
  private int lowSeconds;
  private int lastSecond = -1;
  private boolean failed;
  private boolean replaced;
  private Thread thread;

  VmController(Setup setup, Map<String, VmCapacity> pools, Arrivals arrivals,
      Driver driver, long start, LabEnvironment env) {
    this.setup = setup;
    this.pools = pools;
    this.arrivals = arrivals;
    this.start = start;
    this.env = env;
    this.series = driver.series();
    this.provisioned = setup.provisionedRps();
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

  /** VM-seconds times the VM price per second, so far. */
  synchronized double vmSecondsTimesPrice() {
    return vmSecondsPrice;
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
      synchronized (this) {
        vmSecondsPrice += (now - last) / 1e9 * env.vmPricePerHour() / 3600
            * Capacity.vms(provisioned, env.rpsPerVm());
      }
      last = now;
      double at = (now - start) / 1e9;
      if (at < 0 || at > arrivals.seconds) {
        continue;
      }
      if (setup.autoscaleBootSeconds() > 0) {
        autoscale(at);
      }
      if (setup.failAtSeconds() > 0) {
        failover(at);
      }
    }
  }

  private void autoscale(double at) {
    if (bootDueAt >= 0 && at >= bootDueAt) {
      provisioned = Math.max(provisioned, bootTarget);
      resize(provisioned, 1);
      bootDueAt = -1;
    }
    int second = (int) at - 1;
    if (second < 0 || second == lastSecond) {
      return;
    }
    lastSecond = second;
    double rate = series.arrivals.get(second);
    if (rate > provisioned && bootDueAt < 0) {
      bootDueAt = at + setup.autoscaleBootSeconds();
      bootTarget = Math.min(arrivals.peakRps, rate * 1.2);
    }
    lowSeconds = rate < 0.5 * provisioned ? lowSeconds + 1 : 0;
    if (lowSeconds >= 3 && provisioned > setup.provisionedRps() && bootDueAt < 0) {
      provisioned = Math.max(setup.provisionedRps(), rate * 1.2);
      resize(provisioned, 1);
      lowSeconds = 0;
    }
  }

  private void failover(double at) {
    if (!failed && at >= setup.failAtSeconds()) {
      failed = true;
      resize(provisioned, 1 - setup.lossFraction());
    }
    if (failed && !replaced && at >= setup.failAtSeconds() + setup.replaceAfterSeconds()) {
      replaced = true;
      resize(provisioned, 1);
    }
  }

  private void resize(double rps, double share) {
    Capacity.workersFor(rps).forEach((s, w) ->
        pools.get(s).resize(Math.max(1, (int) Math.round(w * share))));
  }
}
