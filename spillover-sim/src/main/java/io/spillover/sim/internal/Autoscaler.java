package io.spillover.sim.internal;

import java.util.ArrayDeque;

/**
 * Target tracking in whole VMs, as the spike lab's autoscaler does it (an EC2 Auto Scaling
 * policy or a Kubernetes HPA): {@code desired = ceil(running x utilisation / target)} over a
 * window of samples taken since the fleet last changed; with {@code advice}, also
 * {@code ceil(running x (1 + extra replicas))} from Spillover's scale advice. Ordered VMs serve
 * after the boot time and count as capacity on the way; scale-in takes the highest
 * recommendation of the scale-in window. Times are in the run's seconds.
 */
public final class Autoscaler {
  /**
   * @param advice read Spillover's advice besides utilisation (spillover_autoscale)
   */
  public record Spec(boolean advice, int minVms, int maxVms, double bootSeconds,
      double windowSeconds, double warmupSeconds, double scaleInSeconds, double target) {}

  private final Spec s;
  private final ArrayDeque<double[]> samples = new ArrayDeque<>();
  private final ArrayDeque<double[]> recommendations = new ArrayDeque<>();
  private final ArrayDeque<Double> booting = new ArrayDeque<>();
  private double sum;
  private int running;
  private double changedAt;

  public Autoscaler(Spec spec, int initialVms, double now) {
    this.s = spec;
    this.running = Math.max(spec.minVms(), Math.min(spec.maxVms(), initialVms));
    this.changedAt = now;
  }

  /** One step at {@code now}; returns the VMs serving after it. */
  public int step(double now, double busy, double extraReplicas) {
    while (!booting.isEmpty() && booting.peekFirst() <= now) {
      booting.pollFirst();
      running++;
      changedAt = now;
    }
    samples.addLast(new double[] {now, busy});
    sum += busy;
    while (samples.peekFirst()[0] < Math.max(now - s.windowSeconds(), changedAt)) {
      sum -= samples.pollFirst()[1];
    }
    int desired = running;
    if (now - changedAt >= s.warmupSeconds() && !samples.isEmpty()) {
      desired = (int) Math.ceil(running * (sum / samples.size()) / s.target() - 1e-9);
    }
    if (s.advice() && extraReplicas > 0) {
      desired = Math.max(desired, (int) Math.ceil(running * (1 + extraReplicas) - 1e-9));
    }
    desired = Math.max(s.minVms(), Math.min(s.maxVms(), desired));
    recommendations.addLast(new double[] {now, desired});
    while (recommendations.peekFirst()[0] < now - s.scaleInSeconds()) {
      recommendations.pollFirst();
    }
    int ordered = running + booting.size();
    if (desired > ordered) {
      for (int i = ordered; i < desired; i++) {
        booting.addLast(now + s.bootSeconds());
      }
    } else if (booting.isEmpty() && desired < running && now - changedAt >= s.scaleInSeconds()) {
      int stable = 0;
      for (double[] r : recommendations) {
        stable = Math.max(stable, (int) r[1]);
      }
      if (stable < running) {
        running = stable;
        changedAt = now;
      }
    }
    return running;
  }

  public int running() {
    return running;
  }

  /** Ordered and still booting: billed, not serving. */
  public int booting() {
    return booting.size();
  }
}
