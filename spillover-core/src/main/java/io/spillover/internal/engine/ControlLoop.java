package io.spillover.internal.engine;

import io.spillover.Route;
import io.spillover.SpilloverClock;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayListener;
import io.spillover.limit.AdmissionLimiter;

/**
 * The spillway's periodic control loop (not a time source): limit events, spill-mode hysteresis,
 * scale advice and pre-warming, run by the registry's scheduler (or by tests, by hand). It gets
 * exactly the collaborators it steers, not the spillway.
 */
final class ControlLoop {
  private final String name;
  private final SpillwayConfig.Prewarm prewarm;
  private final SpilloverClock clock;
  private final AdmissionLimiter limiter;
  private final SpillMode mode;
  private final CallCounters counters;
  private final ScaleAdvisor advisor;
  private final SpillPath<?> spill;
  private final SpillwayListener listener;
  private int lastLimit;
  private long lastPrewarm = Long.MIN_VALUE;

  ControlLoop(String name, SpillwayConfig.Prewarm prewarm, SpilloverClock clock,
      AdmissionLimiter limiter, SpillMode mode, CallCounters counters, ScaleAdvisor advisor,
      SpillPath<?> spill, SpillwayListener listener) {
    this.name = name;
    this.prewarm = prewarm;
    this.clock = clock;
    this.limiter = limiter;
    this.mode = mode;
    this.counters = counters;
    this.advisor = advisor;
    this.spill = spill;
    this.listener = listener;
    this.lastLimit = limiter.limit();
  }

  synchronized void tick() {
    long now = clock.nanoTime();
    int limit = limiter.limit();
    if (limit != lastLimit) {
      lastLimit = limit;
      listener.onLimitChanged(name, limit);
    }
    if (mode.observe(limiter.inflight(), limit, now)) {
      listener.onSpillMode(name, false);
    }
    if (advisor.sample(counters.routed(Route.FUNCTION), counters.routed(Route.LOCAL),
        limiter.inflight(), limit, now)) {
      listener.onAdvice(name, advisor.replicas());
    }
    prewarm(now, limit);
  }

  private void prewarm(long now, int limit) {
    SpillwayConfig.Prewarm p = prewarm;
    if (p == null || spill == null) {
      return;
    }
    boolean hot = mode.spilling() || limiter.inflight() >= p.utilisation() * limit;
    if (!hot || (lastPrewarm != Long.MIN_VALUE && now - lastPrewarm < p.period().toNanos())) {
      return;
    }
    lastPrewarm = now;
    for (int i = 0; i < p.instances(); i++) {
      counters.prewarmPings.increment();
      spill.ping().whenComplete((cold, e) -> {
        if (Boolean.TRUE.equals(cold)) {
          counters.coldStarts.increment();
          listener.onColdStart(name);
        }
      });
    }
    listener.onPrewarm(name, p.instances());
  }
}
