package io.spillover.samples.social.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The spike lab's settings (see {@link SpikeLab} for the command-line names and defaults).
 *
 * @param trace a {@code second,count} CSV or a raw timestamp CSV
 * @param windowStart first trace second replayed
 * @param windowSeconds trace seconds replayed
 * @param durationSeconds compressed length of each setup's run
 * @param meanRps mixed requests per second the window's mean is scaled to
 * @param beta VM capacity as a multiple of the mean rate
 * @param bootSeconds a VM's boot time in trace time (divided by the compression)
 * @param sloMs the p99 objective
 * @param functionConcurrency the local platform's concurrency cap (worker JVMs)
 * @param vmPricePerHour price of one VM
 * @param rpsPerVm mixed requests per second one VM carries
 * @param failover whether to run the failover scenario
 * @param failoverSeconds length of each failover run
 * @param datasets the directory holding the social graph
 * @param graph the graph's name
 * @param seedPosts posts composed before the runs so timelines have content
 * @param out where summary.json and the plots go
 */
public record LabOptions(Path trace, int windowStart, int windowSeconds, double durationSeconds,
    double meanRps, double beta, double bootSeconds, double sloMs, int functionConcurrency,
    double vmPricePerHour, double rpsPerVm, boolean failover, double failoverSeconds,
    Path datasets, String graph, int seedPosts, Path out) {

  /** Validates eagerly. */
  public LabOptions {
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(out, "out");
    if (windowStart < 0 || windowSeconds < 1 || durationSeconds < 1 || meanRps <= 0 || beta <= 0
        || bootSeconds < 0 || sloMs <= 0 || functionConcurrency < 1 || vmPricePerHour <= 0
        || rpsPerVm <= 0 || failoverSeconds < 6 || seedPosts < 0) {
      throw new IllegalArgumentException("every spike-lab option must be positive (window start,"
          + " boot and seed posts may be 0; failover runs need at least 6 s)");
    }
  }
}
