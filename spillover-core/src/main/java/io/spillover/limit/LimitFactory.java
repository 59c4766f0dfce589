package io.spillover.limit;

import java.time.Duration;

/**
 * Creates one {@link Limit} per spillway. A {@code SpillwayConfig} holds a factory, not a limit,
 * because configs are shared and immutable while a limit carries per-service state.
 */
@FunctionalInterface
public interface LimitFactory {

  /** @param latencySlo the spillway's latency objective, which SLO-driven limits react to */
  Limit create(Duration latencySlo);
}
