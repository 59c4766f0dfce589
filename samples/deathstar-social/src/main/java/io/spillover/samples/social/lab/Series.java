package io.spillover.samples.social.lab;

import io.spillover.Route;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Per-second series of one run (seconds since the run started): arrivals by intended send time,
 * service calls that ran on the VM and in the function twin by completion time, the latency
 * of the requests due in each second (from their intended send time), and the VM controller's
 * samples (VMs serving, the watched service's workers and limit).
 */
final class Series {
  final int seconds;
  final AtomicLongArray arrivals;
  final AtomicLongArray vmCalls;
  final AtomicLongArray functionCalls;
  /** VMs serving, the watched service's workers and its spillway's limit, sampled each second. */
  final AtomicLongArray vms;
  final AtomicLongArray workers;
  final AtomicLongArray limit;
  private final Histogram[] latencyMicros;

  Series(int seconds) {
    this.seconds = seconds;
    arrivals = new AtomicLongArray(seconds);
    vmCalls = new AtomicLongArray(seconds);
    functionCalls = new AtomicLongArray(seconds);
    vms = new AtomicLongArray(seconds);
    workers = new AtomicLongArray(seconds);
    limit = new AtomicLongArray(seconds);
    latencyMicros = new Histogram[seconds];
    for (int i = 0; i < seconds; i++) {
      latencyMicros[i] = new ConcurrentHistogram(3);
    }
  }

  private int bucket(long sinceStartNanos) {
    return (int) Math.min(seconds - 1, Math.max(0, sinceStartNanos / 1_000_000_000L));
  }

  void arrival(long dueOffset) {
    arrivals.incrementAndGet(bucket(dueOffset));
  }

  void call(Route route, long sinceStartNanos) {
    if (route == Route.LOCAL) {
      vmCalls.incrementAndGet(bucket(sinceStartNanos));
    } else if (route == Route.FUNCTION) {
      functionCalls.incrementAndGet(bucket(sinceStartNanos));
    }
  }

  /** {@code n} calls on {@code route} (a fleet VM's count since its last report). */
  void calls(Route route, long sinceStartNanos, long n) {
    if (n <= 0) {
      return;
    }
    AtomicLongArray to = route == Route.LOCAL ? vmCalls : route == Route.FUNCTION
        ? functionCalls : null;
    if (to != null) {
      to.addAndGet(bucket(sinceStartNanos), n);
    }
  }

  void latency(long dueOffset, long micros) {
    latencyMicros[bucket(dueOffset)].recordValue(Math.max(0, micros));
  }

  /** The p99 in ms of the requests due in second {@code s}, or NaN when none was due. */
  double p99Millis(int s) {
    Histogram h = latencyMicros[s];
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
  }

  /** The p99 in ms of the requests due in seconds [{@code from}, {@code to}), or NaN. */
  double p99Millis(int from, int to) {
    Histogram all = new Histogram(3);
    for (int s = Math.max(0, from); s < Math.min(seconds, to); s++) {
      all.add(latencyMicros[s]);
    }
    return all.getTotalCount() == 0 ? Double.NaN : all.getValueAtPercentile(99) / 1000.0;
  }

  /** Each second's value of {@code values} up to {@code length}, as a list (for summary.json). */
  static java.util.List<Long> list(AtomicLongArray values, int length) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(length, values.length()); i++) {
      out.add(values.get(i));
    }
    return out;
  }

  /**
   * Seconds from {@code from} until p99 stays at or under {@code sloMs} for every later second up
   * to {@code until} (exclusive); {@code until - from} when it never settles.
   */
  int secondsUntilUnder(int from, int until, double sloMs) {
    int settled = from;
    for (int s = from; s < until; s++) {
      double p = p99Millis(s);
      if (!Double.isNaN(p) && p > sloMs) {
        settled = s + 1;
      }
    }
    return settled - from;
  }
}
