package io.spillover.limit;

/** The built-in limit algorithms. */
public final class Limits {
  private Limits() {}

  /**
   * Exactly {@code n} concurrent local calls; reads no clock. Each spillway gets its own limit,
   * which nothing changes (a settable one that is never set).
   */
  public static LimitFactory fixed(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a fixed limit must be >= 1, was " + n);
    }
    return slo -> new SettableLimit(n);
  }

  /**
   * A limit the application changes at run time with {@link SettableLimit#set}, starting at
   * {@code n}; every spillway built from it shares it. For capacity known from outside (workers
   * added or lost), where an adaptive limit would have to rediscover it.
   */
  public static SettableLimit settable(int n) {
    return new SettableLimit(n);
  }

  /** The default adaptive limit: {@link #gradient()} with its defaults. */
  public static LimitFactory adaptive() {
    return gradient().build();
  }

  /**
   * A latency-gradient limit (after TCP Vegas and Netflix's Gradient2): it compares a short-term
   * average latency with a slow long-term baseline and shrinks the limit when latency rises above
   * the baseline, growing it by a small queue allowance otherwise.
   */
  public static GradientLimit.Builder gradient() {
    return GradientLimit.builder();
  }

  /**
   * Additive increase, multiplicative decrease on SLO violations: each call slower than the
   * spillway's latency SLO (or dropped) cuts the limit by the backoff ratio, at most once per
   * limit's worth of calls; each window of successful calls adds one.
   */
  public static AimdLimit.Builder aimd() {
    return AimdLimit.builder();
  }
}
