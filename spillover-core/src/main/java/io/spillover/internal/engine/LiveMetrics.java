package io.spillover.internal.engine;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverClock;
import io.spillover.SpillwayMetrics;
import io.spillover.limit.AdmissionLimiter;

/**
 * The live view behind {@code Spillway.metrics()}: reads the counters and the parts that count,
 * each handed in, never the spillway itself.
 */
final class LiveMetrics implements SpillwayMetrics {
  private final SpilloverClock clock;
  private final AdmissionLimiter limiter;
  private final SpillMode mode;
  private final CallCounters counters;
  private final CostMeter cost;
  private final ScaleAdvisor advisor;
  private final SpillPath<?> spill;

  LiveMetrics(SpilloverClock clock, AdmissionLimiter limiter, SpillMode mode,
      CallCounters counters, CostMeter cost, ScaleAdvisor advisor, SpillPath<?> spill) {
    this.clock = clock;
    this.limiter = limiter;
    this.mode = mode;
    this.counters = counters;
    this.cost = cost;
    this.advisor = advisor;
    this.spill = spill;
  }

  @Override public int limit() { return limiter.limit(); }
  @Override public int inflightLocal() { return limiter.inflight(); }
  @Override public int inflightSpills() { return spill == null ? 0 : spill.inflight(); }
  @Override public int waiting() { return limiter.waiting(); }
  @Override public boolean spilling() { return mode.spilling(); }
  @Override public long calls(Route route, Outcome outcome) { return counters.calls(route, outcome); }
  @Override public long rejections(Reason reason) { return counters.rejections(reason); }
  @Override public long fallbacks() { return counters.fallbacks.sum(); }
  @Override public long coldStarts() { return counters.coldStarts.sum(); }
  @Override public long tamperedReplies() { return counters.tamperedReplies.sum(); }
  @Override public long prewarmPings() { return counters.prewarmPings.sum(); }
  @Override public double spendUsd() { return cost.totalUsd(); }
  @Override public double coldStartSpendUsd() { return cost.coldStartUsd(); }
  @Override public double prewarmSpendUsd() { return cost.prewarmUsd(); }
  @Override public double spendLastHourUsd() { return cost.lastHourUsd(clock.nanoTime()); }
  @Override public double spillRatePerSecond() { return advisor.spillRate(); }
  @Override public int advisedReplicas() { return advisor.replicas(); }
  @Override public double extraReplicas() { return advisor.extraReplicas(); }
  @Override public double demandReplicas() { return advisor.demandReplicas(); }
  @Override public long throttledSpills() { return counters.throttledSpills.sum(); }
  @Override public int spillLimit() { return spill == null ? 0 : spill.spillLimit(); }
  @Override public boolean fleetStoreStale() {
    return cost.fleetStale() || (spill != null && spill.fleetLeaseStale());
  }
  @Override public String breakerState() { return spill == null ? "NONE" : spill.breakerState(); }
}
