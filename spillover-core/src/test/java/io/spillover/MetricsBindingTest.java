package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spillover.micrometer.SpilloverMetrics;
import org.junit.jupiter.api.Test;

class MetricsBindingTest {
  @Test
  void metersFollowTheSpillwaysCounters() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SpilloverMetrics metrics = SpilloverMetrics.of(meters);
    try (SpillwayFixture f = new SpillwayFixture(SpilloverRegistry.builder().listener(metrics))) {
      metrics.bindTo(f.registry);
      Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
      sw.call(Echo.of("l"), e -> e);
      f.fill(sw, 1);
      sw.call(Echo.of("s"), e -> e);
      assertThat(meters.get("spillover.calls").tags("spillway", "svc", "route", "local",
          "outcome", "success").functionCounter().count()).isEqualTo(1);
      assertThat(meters.get("spillover.calls").tags("route", "function").functionCounter()
          .count()).isEqualTo(1);
      assertThat(meters.get("spillover.call.duration").tags("route", "function").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("spillover.limit").gauge().value()).isEqualTo(1);
      assertThat(meters.get("spillover.inflight").tags("route", "local").gauge().value())
          .isEqualTo(1);
      assertThat(meters.get("spillover.spend").functionCounter().count()).isPositive();
      assertThat(meters.get("spillover.function.cold.starts").functionCounter().count())
          .isEqualTo(1);
      assertThat(meters.get("spillover.advice.replicas").gauge().value()).isZero();
      assertThat(meters.get("spillover.advice.demand").gauge().getId().getBaseUnit())
          .isEqualTo("replicas");
      assertThat(meters.get("spillover.spilling").gauge().value()).isEqualTo(1);
      assertThat(meters.get("spillover.sealed.tampered").functionCounter().count()).isZero();
    }
  }

  @Test
  void metersOutliveAGarbageCollection() {
    // Micrometer holds the objects behind gauges and function counters weakly: the spillway must
    // hand out one metrics view for its life, or the meters read NaN after the next collection
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SpilloverMetrics metrics = SpilloverMetrics.of(meters);
    try (SpillwayFixture f = new SpillwayFixture(SpilloverRegistry.builder().listener(metrics))) {
      metrics.bindTo(f.registry);
      Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
      assertThat(sw.metrics()).isSameAs(sw.metrics());
      sw.call(Echo.of("l"), e -> e);
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      assertThat(meters.get("spillover.calls").tags("spillway", "svc", "route", "local",
          "outcome", "success").functionCounter().count()).isEqualTo(1);
      assertThat(meters.get("spillover.limit").gauge().value()).isEqualTo(1);
    }
  }
}
