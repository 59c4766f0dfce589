package io.spillover.internal;

import io.spillover.Route;
import io.spillover.SpillwayConfig;

/** The periodic work of a spillway, run by the registry's scheduler (or by tests, by hand). */
final class Ticker {
  private final DefaultSpillway<?, ?> sw;
  private int lastLimit;
  private long lastPrewarm = Long.MIN_VALUE;

  Ticker(DefaultSpillway<?, ?> sw) {
    this.sw = sw;
    this.lastLimit = sw.limiter.limit();
  }

  synchronized void tick() {
    long now = sw.clock.nanoTime();
    int limit = sw.limiter.limit();
    if (limit != lastLimit) {
      lastLimit = limit;
      sw.listener.onLimitChanged(sw.name, limit);
    }
    if (sw.mode.observe(sw.limiter.inflight(), limit, now)) {
      sw.listener.onSpillMode(sw.name, false);
    }
    if (sw.advisor.sample(sw.counters.routed(Route.FUNCTION), sw.counters.routed(Route.LOCAL),
        sw.limiter.inflight(), limit, now)) {
      sw.listener.onAdvice(sw.name, sw.advisor.replicas());
    }
    prewarm(now, limit);
  }

  private void prewarm(long now, int limit) {
    SpillwayConfig.Prewarm p = sw.config.prewarm();
    if (p == null || sw.spill == null) {
      return;
    }
    boolean hot = sw.mode.spilling() || sw.limiter.inflight() >= p.utilisation() * limit;
    if (!hot || (lastPrewarm != Long.MIN_VALUE && now - lastPrewarm < p.period().toNanos())) {
      return;
    }
    lastPrewarm = now;
    for (int i = 0; i < p.instances(); i++) {
      sw.counters.prewarmPings.increment();
      sw.spill.ping().whenComplete((cold, e) -> {
        if (Boolean.TRUE.equals(cold)) {
          sw.counters.coldStarts.increment();
          sw.listener.onColdStart(sw.name);
        }
      });
    }
    sw.listener.onPrewarm(sw.name, p.instances());
  }
}
