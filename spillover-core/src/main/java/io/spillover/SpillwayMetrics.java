package io.spillover;

/** A live, read-only view of a spillway, for metrics adapters, endpoints and tests. */
public interface SpillwayMetrics {

  /** The local concurrency limit now. */
  int limit();

  int inflightLocal();

  int inflightSpills();

  /** Calls waiting for a local permit now. */
  int waiting();

  /** Whether the spillway is in spill mode (see the config's hysteresis). */
  boolean spilling();

  /** Calls that ended on {@code route} with {@code outcome}, since start. */
  long calls(Route route, Outcome outcome);

  /** Calls that ended rejected for {@code reason}, since start. */
  long rejections(SpillRejectedException.Reason reason);

  /** Spilled calls that failed and then ran locally. */
  long fallbacks();

  /** Function replies that reported a cold start (pre-warm pings included). */
  long coldStarts();

  /** Replies to sealed calls that were not authentic: forged, altered, or plain (tampering). */
  long tamperedReplies();

  /** Pre-warm pings sent. */
  long prewarmPings();

  /**
   * The modelled spend on the function platform since start, in USD: spilled calls, the init
   * phase of cold starts and pre-warm pings, as the config's pricing bills them.
   */
  double spendUsd();

  /** The part of {@link #spendUsd()} billed for the init phase of cold starts. */
  double coldStartSpendUsd();

  /** The part of {@link #spendUsd()} billed for pre-warm pings (their cold starts excluded). */
  double prewarmSpendUsd();

  /** The modelled spend of the last hour, in USD (what the spend cap compares). */
  double spendLastHourUsd();

  /** Spilled calls per second, averaged over the advice window. */
  double spillRatePerSecond();

  /**
   * Extra replicas of this replica's size that would carry the sustained spill (scale advice):
   * the highest demand of the advice cool-down over the limit, minus one, never below 0. Rises
   * at the first tick that shows more demand, falls only after the cool-down. See
   * docs/autoscaling/README.md for the math.
   */
  double extraReplicas();

  /** {@link #extraReplicas()} rounded up to whole replicas. */
  int advisedReplicas();

  /**
   * The offered load, local and spilled, in replicas of this one, averaged over the advice
   * window and not held: 1.0 means the load needs exactly this replica's limit. The input for
   * target-tracking autoscalers (their own stabilisation replaces the hold).
   */
  double demandReplicas();

  /**
   * Spill attempts the function platform refused for lack of capacity (429s, throttling). They
   * lower the spill limit and never count as breaker failures.
   */
  default long throttledSpills() {
    return 0;
  }

  /**
   * The spilled calls allowed in flight now: {@code maxConcurrentSpills}, or less while the
   * adaptive spill concurrency has learnt that the platform has less room (0 without a function).
   */
  default int spillLimit() {
    return 0;
  }

  /**
   * Whether this spillway keeps to a static share of a fleet-wide cap because its fleet store has
   * not answered for longer than its stale-after setting: spills are then limited to {@code cap /
   * last known fleet size} per VM, never more than the fleet would allow. False without a fleet
   * cap. It clears at the store's next good synchronisation.
   */
  default boolean fleetStoreStale() {
    return false;
  }

  /** The target's circuit breaker state name (CLOSED, OPEN, HALF_OPEN, ...), or "NONE". */
  String breakerState();
}
