package io.spillover.samples.social.lab;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The lab's autoscaler, in whole VMs, on the run's clock (seconds). Target tracking on
 * utilisation, as an EC2 Auto Scaling policy or a Kubernetes HPA does it: {@code desired =
 * ceil(running x utilisation / target)}, utilisation averaged over a window and only over samples
 * taken since the fleet last changed (the new VMs' warm-up). With {@link Input#ADVICE} it also
 * reads Spillover's scale advice, the extra replicas that would carry the sustained spill:
 * {@code desired >= ceil(running x (1 + extra))}. Utilisation cannot exceed 1, so on its own it
 * grows the fleet by at most {@code 1/target} per VM boot; the advice says at once how much load
 * the VMs are not seeing. New VMs serve after the boot time; VMs that are booting count as
 * capacity on the way, so nothing is ordered twice. Scale-in takes the highest recommendation of
 * the scale-in window (the HPA's stabilisation), never below the minimum.
 */
final class Autoscaler {
  /** What the autoscaler reads. */
  enum Input {
    /** Utilisation only (the {@code autoscale} setup). */
    UTILISATION,
    /** Utilisation and Spillover's advice (the {@code spillover_autoscale} setup). */
    ADVICE
  }

  /**
   * @param input what the autoscaler reads
   * @param minVms fewest VMs
   * @param maxVms most VMs
   * @param bootSeconds from ordering a VM until it serves
   * @param windowSeconds utilisation is averaged over this
   * @param warmupSeconds after the fleet changes, utilisation is read again only after this
   * @param scaleInSeconds scale-in waits until every recommendation of this window is lower
   * @param targetUtilisation the utilisation the fleet is sized for
   */
  record Settings(Input input, int minVms, int maxVms, double bootSeconds, double windowSeconds,
      double warmupSeconds, double scaleInSeconds, double targetUtilisation) {
    Settings {
      Objects.requireNonNull(input, "input");
      if (minVms < 1 || maxVms < minVms || bootSeconds < 0 || windowSeconds <= 0
          || warmupSeconds < 0 || scaleInSeconds < 0 || !(targetUtilisation > 0
          && targetUtilisation <= 1)) {
        throw new IllegalArgumentException("bad autoscaler settings " + this);
      }
    }

    Settings reading(Input other) {
      return new Settings(other, minVms, maxVms, bootSeconds, windowSeconds, warmupSeconds,
          scaleInSeconds, targetUtilisation);
    }
  }

  private static final int MAX_SAMPLES = 4096;
  private final Settings s;
  private final ArrayDeque<double[]> utilisation = new ArrayDeque<>();
  private final ArrayDeque<double[]> recommendations = new ArrayDeque<>();
  private final ArrayDeque<Double> booting = new ArrayDeque<>();
  private int running;
  private double changedAt;

  Autoscaler(Settings settings, int initialVms, double now) {
    this.s = Objects.requireNonNull(settings, "settings");
    this.running = Math.max(settings.minVms(), Math.min(settings.maxVms(), initialVms));
    this.changedAt = now;
  }

  /**
   * One step at {@code now}: VMs whose boot is over join, then the autoscaler decides.
   *
   * @param busy the utilisation of the busiest service now, in [0, 1]
   * @param extraReplicas Spillover's advice now (read only with {@link Input#ADVICE})
   * @return the VMs serving after this step
   */
  int step(double now, double busy, double extraReplicas) {
    while (!booting.isEmpty() && booting.peekFirst() <= now) {
      booting.pollFirst();
      running++;
      changedAt = now;
    }
    utilisation.addLast(new double[] {now, busy});
    while (utilisation.size() > MAX_SAMPLES || utilisation.peekFirst()[0] < now - s.windowSeconds()
        || utilisation.peekFirst()[0] < changedAt) {
      utilisation.pollFirst();
    }
    int desired = running;
    if (now - changedAt >= s.warmupSeconds() && !utilisation.isEmpty()) {
      double mean = utilisation.stream().mapToDouble(x -> x[1]).average().orElse(0);
      desired = (int) Math.ceil(running * mean / s.targetUtilisation() - 1e-9);
    }
    if (s.input() == Input.ADVICE && extraReplicas > 0) {
      desired = Math.max(desired, (int) Math.ceil(running * (1 + extraReplicas) - 1e-9));
    }
    desired = Math.max(s.minVms(), Math.min(s.maxVms(), desired));
    recommendations.addLast(new double[] {now, desired});
    while (recommendations.size() > MAX_SAMPLES
        || recommendations.peekFirst()[0] < now - s.scaleInSeconds()) {
      recommendations.pollFirst();
    }
    int ordered = running + booting.size();
    if (desired > ordered) {
      for (int i = ordered; i < desired; i++) {
        booting.addLast(now + s.bootSeconds());
      }
    } else if (booting.isEmpty() && desired < running) {
      int stable = (int) recommendations.stream().mapToDouble(x -> x[1]).max().orElse(running);
      if (stable < running && now - changedAt >= s.scaleInSeconds()) {
        running = stable;
        changedAt = now;
      }
    }
    return running;
  }

  /** VMs serving. */
  int running() {
    return running;
  }

  /** VMs ordered and still booting (billed, not serving). */
  int booting() {
    return booting.size();
  }
}
