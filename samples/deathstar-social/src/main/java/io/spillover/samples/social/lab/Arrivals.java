package io.spillover.samples.social.lab;

import io.spillover.plan.Trace;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The open-loop schedule of a trace window: time-compressed (a trace second lasts
 * {@code 1/compression} s) and rate-scaled (counts multiplied so the window's mean is
 * {@code meanRps} per compressed second); arrivals within a trace second are spread uniformly at
 * random (seeded, so every setup gets the same schedule).
 */
final class Arrivals {
  final long[] offsetsNanos;
  final double compression;
  final double meanRps;
  final double peakRps;
  final double seconds;

  private Arrivals(long[] offsetsNanos, double compression, double meanRps, double peakRps,
      double seconds) {
    this.offsetsNanos = offsetsNanos;
    this.compression = compression;
    this.meanRps = meanRps;
    this.peakRps = peakRps;
    this.seconds = seconds;
  }

  /**
   * @param start first trace second of the window
   * @param length trace seconds in the window (clipped to the trace)
   * @param duration compressed length in seconds
   */
  static Arrivals of(Trace trace, int start, int length, double duration, double meanRps) {
    long[] all = trace.perSecond();
    if (start < 0 || start >= all.length) {
      throw new IllegalArgumentException("window start " + start + " is outside the trace ("
          + all.length + " s)");
    }
    long[] window = Arrays.copyOfRange(all, start, Math.min(all.length, start + length));
    long total = Arrays.stream(window).sum();
    if (total == 0) {
      throw new IllegalArgumentException("the trace window holds no requests");
    }
    double compression = window.length / duration;
    double scale = meanRps * duration / total;
    double secPer = 1.0 / compression;
    SplittableRandom r = new SplittableRandom(42);
    long[] out = new long[(int) Math.ceil(total * scale) + window.length];
    int n = 0;
    double carry = 0;
    for (int s = 0; s < window.length; s++) {
      double want = window[s] * scale + carry;
      int k = (int) want;
      carry = want - k;
      double[] at = new double[k];
      for (int j = 0; j < k; j++) {
        at[j] = (s + r.nextDouble()) * secPer;
      }
      Arrays.sort(at);
      for (double t : at) {
        out[n++] = (long) (t * 1e9);
      }
    }
    long[] offsets = Arrays.copyOf(out, n);
    return new Arrivals(offsets, compression, meanRps, peak(offsets, duration), duration);
  }

  /** Constant-rate Poisson arrivals (the failover scenario). */
  static Arrivals constant(double rps, double duration) {
    SplittableRandom r = new SplittableRandom(7);
    long[] out = new long[(int) (rps * duration * 2) + 16];
    int n = 0;
    double t = 0;
    while (n < out.length && (t += -Math.log(1 - r.nextDouble()) / rps) < duration) {
      out[n++] = (long) (t * 1e9);
    }
    long[] offsets = Arrays.copyOf(out, n);
    return new Arrivals(offsets, 1, rps, peak(offsets, duration), duration);
  }

  /** The highest arrival count in any whole compressed second. */
  private static double peak(long[] offsets, double duration) {
    int[] perSecond = new int[(int) Math.ceil(duration) + 1];
    for (long o : offsets) {
      perSecond[(int) (o / 1_000_000_000L)]++;
    }
    return Arrays.stream(perSecond).max().orElse(0);
  }

  int secondsCeil() {
    return (int) Math.ceil(seconds);
  }
}
