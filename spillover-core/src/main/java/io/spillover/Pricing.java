package io.spillover;

/**
 * How a function platform bills an invocation: memory x billed duration (rounded up to the
 * billing granularity) x price per GB-second, plus a price per request.
 */
public final class Pricing {
  /** AWS Lambda x86 list price per GB-second (us-east-1). */
  public static final double LAMBDA_GB_SECOND_USD = 0.0000166667;
  /** AWS Lambda list price per request ($0.20 per million). */
  public static final double LAMBDA_REQUEST_USD = 0.20 / 1_000_000;

  private final double perGbSecond;
  private final double perRequest;
  private final int memoryMb;
  private final int granularityMillis;

  private Pricing(double perGbSecond, double perRequest, int memoryMb, int granularityMillis) {
    if (perGbSecond < 0 || perRequest < 0) {
      throw new IllegalArgumentException("prices must be >= 0");
    }
    if (memoryMb < 1 || granularityMillis < 1) {
      throw new IllegalArgumentException("memoryMb and granularityMillis must be >= 1");
    }
    this.perGbSecond = perGbSecond;
    this.perRequest = perRequest;
    this.memoryMb = memoryMb;
    this.granularityMillis = granularityMillis;
  }

  /** AWS Lambda list prices for a function of {@code memoryMb}, billed per 1 ms. */
  public static Pricing awsLambda(int memoryMb) {
    return new Pricing(LAMBDA_GB_SECOND_USD, LAMBDA_REQUEST_USD, memoryMb, 1);
  }

  public static Pricing of(double perGbSecond, double perRequest, int memoryMb,
      int granularityMillis) {
    return new Pricing(perGbSecond, perRequest, memoryMb, granularityMillis);
  }

  /** The price in USD of one invocation that ran {@code millis} (at least one granule is billed). */
  public double priceOf(long millis) {
    long granules = Math.max(1, (millis + granularityMillis - 1) / granularityMillis);
    double billedSeconds = granules * granularityMillis / 1000.0;
    return memoryMb / 1024.0 * billedSeconds * perGbSecond + perRequest;
  }

  public int memoryMb() {
    return memoryMb;
  }

  @Override
  public String toString() {
    return "Pricing[" + perGbSecond + " USD/GB-s, " + perRequest + " USD/request, " + memoryMb
        + " MB, " + granularityMillis + " ms]";
  }
}
