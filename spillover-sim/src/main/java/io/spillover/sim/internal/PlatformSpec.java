package io.spillover.sim.internal;

/**
 * The published behaviour of the simulated function platform (AWS Lambda's by default; see
 * docs/scale.md for the sources and for which numbers are assumptions).
 *
 * @param accountConcurrency concurrent executions of the account (Lambda: 1000 by default,
 *     raised on request to tens of thousands); beyond it invocations are throttled (429)
 * @param burstPer10s new instances a function may add per 10 s (Lambda since late 2023: 1000)
 * @param coldMedianMillis median init (or SnapStart restore) time of a new instance
 * @param coldSigma log-normal shape of that time (0.35 puts p99 at 2.3x the median)
 * @param overheadMillis invoke round trip outside the handler (API, network)
 * @param keepAliveSeconds an idle instance is reclaimed after this (not published; an estimate)
 * @param memoryMb memory size, which sets the GB-second price
 * @param prewarmed instances initialised before the run starts
 */
public record PlatformSpec(int accountConcurrency, int burstPer10s, double coldMedianMillis,
    double coldSigma, double overheadMillis, double keepAliveSeconds, int memoryMb,
    int prewarmed) {

  public PlatformSpec {
    if (accountConcurrency < 1 || burstPer10s < 1 || coldMedianMillis < 0 || coldSigma < 0
        || overheadMillis < 0 || keepAliveSeconds <= 0 || memoryMb < 128 || prewarmed < 0) {
      throw new IllegalArgumentException("bad platform spec " + this);
    }
  }

  /** Lambda, Java 17 without SnapStart: init of a plain Java handler, 256 MB as in the lab. */
  public static PlatformSpec lambdaJava() {
    return new PlatformSpec(1000, 1000, 1000, 0.35, 10, 600, 256, 0);
  }

  /** Lambda, Java with SnapStart: the snapshot is restored instead of initialised. */
  public static PlatformSpec lambdaSnapStart() {
    return new PlatformSpec(1000, 1000, 200, 0.4, 10, 600, 256, 0);
  }

  public PlatformSpec withAccountConcurrency(int n) {
    return new PlatformSpec(n, burstPer10s, coldMedianMillis, coldSigma, overheadMillis,
        keepAliveSeconds, memoryMb, prewarmed);
  }

  public PlatformSpec withPrewarmed(int n) {
    return new PlatformSpec(accountConcurrency, burstPer10s, coldMedianMillis, coldSigma,
        overheadMillis, keepAliveSeconds, memoryMb, n);
  }

  public PlatformSpec withOverheadMillis(double ms) {
    return new PlatformSpec(accountConcurrency, burstPer10s, coldMedianMillis, coldSigma, ms,
        keepAliveSeconds, memoryMb, prewarmed);
  }
}
