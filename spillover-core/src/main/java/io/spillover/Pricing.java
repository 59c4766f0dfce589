package io.spillover;

/**
 * How a function platform bills an invocation: memory x billed duration (rounded up to the
 * billing granularity) x price per GB-second, plus a price per request; and what a cold start's
 * init phase adds (AWS Lambda bills the INIT phase of on-demand functions since August 2025).
 */
public final class Pricing {
  /** AWS Lambda x86 list price per GB-second (us-east-1). */
  public static final double LAMBDA_GB_SECOND_USD = 0.0000166667;
  /** AWS Lambda list price per request ($0.20 per million). */
  public static final double LAMBDA_REQUEST_USD = 0.20 / 1_000_000;
  /** The billed init duration {@link #awsLambda} assumes per cold start, in ms. */
  public static final long LAMBDA_JAVA_INIT_MILLIS = 1000;

  private final double perGbSecond;
  private final double perRequest;
  private final int memoryMb;
  private final int granularityMillis;
  private final long initMillis;

  private Pricing(double perGbSecond, double perRequest, int memoryMb, int granularityMillis,
      long initMillis) {
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
    this.initMillis = initMillis;
  }

  /**
   * AWS Lambda list prices for a function of {@code memoryMb}, billed per 1 ms, with a billed
   * init of {@value #LAMBDA_JAVA_INIT_MILLIS} ms per cold start (a modelled figure for a small
   * Java handler; set yours from the "Init Duration" of the function's REPORT log lines with
   * {@link #withInit}).
   */
  public static Pricing awsLambda(int memoryMb) {
    return new Pricing(LAMBDA_GB_SECOND_USD, LAMBDA_REQUEST_USD, memoryMb, 1,
        LAMBDA_JAVA_INIT_MILLIS);
  }

  /** A custom model; cold starts add nothing until {@link #withInit} says what they bill. */
  public static Pricing of(double perGbSecond, double perRequest, int memoryMb,
      int granularityMillis) {
    return new Pricing(perGbSecond, perRequest, memoryMb, granularityMillis, 0);
  }

  /** This model with {@code init} billed (at the duration price) for each cold start. */
  public Pricing withInit(java.time.Duration init) {
    if (init == null || init.isNegative()) {
      throw new IllegalArgumentException("init must be >= 0, was " + init);
    }
    return new Pricing(perGbSecond, perRequest, memoryMb, granularityMillis, init.toMillis());
  }

  /** The price in USD of one cold start's init phase (no request fee: the invocation pays it). */
  public double priceOfInit() {
    if (initMillis == 0) {
      return 0;
    }
    long granules = (initMillis + granularityMillis - 1) / granularityMillis;
    return memoryMb / 1024.0 * granules * granularityMillis / 1000.0 * perGbSecond;
  }

  /** The billed init duration per cold start, in ms. */
  public long initMillis() {
    return initMillis;
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
        + " MB, " + granularityMillis + " ms, init " + initMillis + " ms]";
  }
}
