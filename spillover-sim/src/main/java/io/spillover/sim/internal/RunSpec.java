package io.spillover.sim.internal;

/**
 * What every setup of one scenario shares.
 *
 * @param perSecond requests per trace second (the window replayed)
 * @param compression trace seconds per second of the run (1: real time; the spike lab runs 15)
 * @param meanRps the window's mean arrival rate per second of the run
 * @param jitter coefficient of variation of service times (0: the lab's fixed pauses)
 * @param platform the function platform
 * @param spillBudget concurrent spills a registry allows to the function (its spill budget)
 * @param sloMs the spillways' latency SLO
 * @param maxWaiting calls that may wait for a local permit, per spillway
 * @param vmPricePerHour price of one VM
 * @param drainSeconds the run continues this long after the last arrival; what is unfinished
 *     then is lost
 */
public record RunSpec(long[] perSecond, double compression, double meanRps, double jitter,
    PlatformSpec platform, int spillBudget, double sloMs, int maxWaiting, double vmPricePerHour,
    double drainSeconds, long seed) {

  /** Length of the run in its own seconds. */
  public double seconds() {
    return perSecond.length / compression;
  }

  /** Trace seconds per arrival-rate unit: counts are multiplied by this to reach meanRps. */
  public double rateScale() {
    long total = 0;
    for (long c : perSecond) {
      total += c;
    }
    return meanRps * seconds() / Math.max(1, total);
  }

  /** The most arrivals in one whole second of the run (the overprovisioned fleet's target). */
  public double peakRps() {
    double scale = rateScale();
    int buckets = (int) Math.ceil(seconds());
    double[] per = new double[buckets + 1];
    for (int s = 0; s < perSecond.length; s++) {
      per[(int) (s / compression)] += perSecond[s] * scale;
    }
    double max = 0;
    for (double p : per) {
      max = Math.max(max, p);
    }
    return max;
  }
}
