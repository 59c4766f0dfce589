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

  /** The modelled spend on the function platform since start, in USD. */
  double spendUsd();

  /** The modelled spend of the last hour, in USD (what the spend cap compares). */
  double spendLastHourUsd();

  /** Spilled calls per second, averaged over the advice window. */
  double spillRatePerSecond();

  /** Extra VM replicas that would carry the sustained spill (scale advice). */
  int advisedReplicas();

  /** The target's circuit breaker state name (CLOSED, OPEN, HALF_OPEN, ...), or "NONE". */
  String breakerState();
}
