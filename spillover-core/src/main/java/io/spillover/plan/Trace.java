package io.spillover.plan;

import io.spillover.plan.internal.TraceParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A request-arrival trace as whole-second counts: {@code perSecond()[i]} requests arrived in
 * second {@code i}. Immutable.
 *
 * <p>{@link #read(Path)} accepts two CSV formats, told apart by the first line:
 * <ul>
 *   <li>per-second counts, header {@code second,count}: seconds are whole numbers in increasing
 *       order; seconds left out count zero requests;</li>
 *   <li>raw arrivals, one request per row, first column a timestamp
 *       {@code 2023-11-16 18:17:03.9799600} (a {@code T} may separate date and time; 0 to 9
 *       fractional digits; no time zone; further columns are ignored), under a header whose first
 *       column is {@code TIMESTAMP} or with no header. Arrivals are counted per whole second from
 *       the start of the second holding the earliest one.</li>
 * </ul>
 * A malformed file raises {@link TraceFormatException} naming the line.
 */
public final class Trace {
  private final long[] perSecond;
  private final long[] sorted;
  /** suffix[i] = sorted[i] + ... + sorted[n-1], so the excess over any capacity is O(log n). */
  private final long[] suffix;
  private final long total;

  private Trace(long[] perSecond) {
    if (perSecond.length == 0) {
      throw new IllegalArgumentException("a trace needs at least one second");
    }
    long sum = 0;
    for (int i = 0; i < perSecond.length; i++) {
      if (perSecond[i] < 0) {
        throw new IllegalArgumentException("negative count " + perSecond[i] + " at second " + i);
      }
      sum = Math.addExact(sum, perSecond[i]);
    }
    this.perSecond = perSecond;
    this.sorted = perSecond.clone();
    Arrays.sort(sorted);
    this.suffix = new long[sorted.length + 1];
    for (int i = sorted.length - 1; i >= 0; i--) {
      suffix[i] = suffix[i + 1] + sorted[i];
    }
    this.total = sum;
  }

  /** A trace of the given per-second counts (copied; each &gt;= 0, at least one second). */
  public static Trace ofCounts(long... perSecond) {
    Objects.requireNonNull(perSecond, "perSecond");
    return new Trace(perSecond.clone());
  }

  /** Reads a CSV trace in either format (UTF-8). */
  public static Trace read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    }
  }

  /** Parses a CSV trace in either format; {@code source} names it in error messages. */
  public static Trace parse(Reader in, String source) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    return new Trace(TraceParser.parse(in, source));
  }

  /** The per-second counts (a copy). */
  public long[] perSecond() {
    return perSecond.clone();
  }

  /** How many seconds the trace spans (the number of counts). */
  public int seconds() {
    return perSecond.length;
  }

  /** The span of the trace: {@link #seconds()} seconds. */
  public Duration duration() {
    return Duration.ofSeconds(perSecond.length);
  }

  /** Requests over the whole trace. */
  public long total() {
    return total;
  }

  /** The highest per-second count (requests/s). */
  public long peak() {
    return sorted[sorted.length - 1];
  }

  /** Mean requests per second over the whole span, empty seconds included. */
  public double mean() {
    return (double) total / perSecond.length;
  }

  /**
   * The {@code p}-th percentile of the per-second rate, by nearest rank over every second of the
   * trace (empty seconds included): the smallest count that at least {@code p} % of the seconds
   * do not exceed. {@code percentile(100)} is {@link #peak()}; {@code percentile(0)} the minimum.
   */
  public long percentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
    }
    // p * n first keeps whole-number ranks exact; the epsilon absorbs p's decimal representation
    int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** Requests above {@code capacity} per second, summed over the trace (fluid: fractions count). */
  public double excessOver(double capacity) {
    if (!(capacity >= 0)) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    int first = firstAbove(capacity);
    return suffix[first] - (sorted.length - first) * capacity;
  }

  /** How many seconds carry more than {@code capacity} requests. */
  public int secondsAbove(double capacity) {
    if (!(capacity >= 0)) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    return sorted.length - firstAbove(capacity);
  }

  /** The index of the first sorted count strictly above {@code capacity}. */
  private int firstAbove(double capacity) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] > capacity) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return "Trace[" + perSecond.length + " s, " + total + " requests, peak " + peak() + "/s]";
  }
}
