package io.spillover.internal;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpillwayMetrics;

/** The live view behind {@code Spillway.metrics()}. */
final class Metrics implements SpillwayMetrics {
  private final DefaultSpillway<?, ?> sw;

  Metrics(DefaultSpillway<?, ?> sw) {
    this.sw = sw;
  }

  @Override public int limit() { return sw.limiter.limit(); }
  @Override public int inflightLocal() { return sw.limiter.inflight(); }
  @Override public int inflightSpills() { return sw.spill == null ? 0 : sw.spill.inflight(); }
  @Override public int waiting() { return sw.limiter.waiting(); }
  @Override public boolean spilling() { return sw.mode.spilling(); }
  @Override public long calls(Route route, Outcome outcome) { return sw.counters.calls(route, outcome); }
  @Override public long rejections(Reason reason) { return sw.counters.rejections(reason); }
  @Override public long fallbacks() { return sw.counters.fallbacks.sum(); }
  @Override public long coldStarts() { return sw.counters.coldStarts.sum(); }
  @Override public long tamperedReplies() { return sw.counters.tamperedReplies.sum(); }
  @Override public long prewarmPings() { return sw.counters.prewarmPings.sum(); }
  @Override public double spendUsd() { return sw.cost.totalUsd(); }
  @Override public double coldStartSpendUsd() { return sw.cost.coldStartUsd(); }
  @Override public double prewarmSpendUsd() { return sw.cost.prewarmUsd(); }
  @Override public double spendLastHourUsd() { return sw.cost.lastHourUsd(sw.clock.nanoTime()); }
  @Override public double spillRatePerSecond() { return sw.advisor.spillRate(); }
  @Override public int advisedReplicas() { return sw.advisor.replicas(); }
  @Override public double extraReplicas() { return sw.advisor.extraReplicas(); }
  @Override public double demandReplicas() { return sw.advisor.demandReplicas(); }
  @Override public long throttledSpills() { return sw.counters.throttledSpills.sum(); }
  @Override public int spillLimit() { return sw.spill == null ? 0 : sw.spill.spillLimit(); }
  @Override public String breakerState() { return sw.spill == null ? "NONE" : sw.spill.breakerState(); }
}
