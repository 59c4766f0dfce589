package io.spillover.samples.social.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The spike lab's settings (see {@link SpikeLab} for the command-line names and defaults).
 *
 * @param trace a {@code second,count} CSV or a raw timestamp CSV
 * @param windowStart first trace second replayed
 * @param windowSeconds trace seconds replayed (clipped to the trace)
 * @param durationSeconds compressed length of each setup's run
 * @param meanRps mixed requests per second the window's mean is scaled to
 * @param beta VM capacity as a multiple of the mean rate
 * @param bootSeconds a VM's boot time in trace time (divided by the compression)
 * @param sloMs the p99 objective
 * @param functionConcurrency the local platform's concurrency cap (worker JVMs)
 * @param vmPricePerHour price of one VM
 * @param failover whether to run the failover scenario after the setups
 * @param failoverSeconds length of each failover run
 * @param scenario what to run: the setups over the trace, or the capacity change
 * @param capacitySeconds length of each capacity-change run
 * @param datasets the directory holding the social graph
 * @param graph the graph's name
 * @param seedPosts posts composed before the runs so timelines have content
 * @param out where summary.json and the plots go
 */
public record LabOptions(Path trace, int windowStart, int windowSeconds, double durationSeconds,
    double meanRps, double beta, double bootSeconds, double sloMs, int functionConcurrency,
    double vmPricePerHour, boolean failover, double failoverSeconds, Scenario scenario,
    double capacitySeconds, Path datasets, String graph, int seedPosts, Path out) {

  /** What the lab runs. */
  public enum Scenario {
    /** The five setups over the trace window (and the failover scenario unless turned off). */
    SPIKES,
    /** The VM side loses half its CPU for a while and gets it back (Elastic CVM). */
    CAPACITY
  }

  /** Validates eagerly. */
  public LabOptions {
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(out, "out");
    if (windowStart < 0 || windowSeconds < 1 || durationSeconds < 1 || meanRps <= 0 || beta <= 0
        || bootSeconds < 0 || sloMs <= 0 || functionConcurrency < 1 || vmPricePerHour <= 0
        || failoverSeconds < 6 || capacitySeconds < 9 || seedPosts < 0) {
      throw new IllegalArgumentException("every spike-lab option must be positive (window start,"
          + " boot and seed posts may be 0; failover runs need at least 6 s, capacity runs 9 s)");
    }
  }
}
