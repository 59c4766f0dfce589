package io.spillover.samples.social.lab;

import io.spillover.Route;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Per-second series of one run (seconds since the run started): arrivals by intended send time,
 * service calls that ran on the VM and in the function twin by completion time, and the latency
 * of the requests due in each second (from their intended send time).
 */
final class Series {
  final int seconds;
  final AtomicLongArray arrivals;
  final AtomicLongArray vmCalls;
  final AtomicLongArray functionCalls;
  final AtomicLongArray vmWorkers;
  private final Histogram[] latencyMicros;

  Series(int seconds) {
    this.seconds = seconds;
    arrivals = new AtomicLongArray(seconds);
    vmCalls = new AtomicLongArray(seconds);
    functionCalls = new AtomicLongArray(seconds);
    vmWorkers = new AtomicLongArray(seconds);
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

  void latency(long dueOffset, long micros) {
    latencyMicros[bucket(dueOffset)].recordValue(Math.max(0, micros));
  }

  /** The p99 in ms of the requests due in second {@code s}, or NaN when none was due. */
  double p99Millis(int s) {
    Histogram h = latencyMicros[s];
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
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
