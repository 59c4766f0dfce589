package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillover.internal.SpillMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hysteresis, pre-warming, scale advice and events, driven by the manual clock and tick(). */
class AroundTheCallPathTest {
  private final List<String> events = new ArrayList<>();
  private final SpillwayFixture f = new SpillwayFixture(SpilloverRegistry.builder()
      .listener(new SpillwayListener() {
        @Override
        public void onSpillMode(String s, boolean spilling) {
          events.add("mode:" + spilling);
        }

        @Override
        public void onAdvice(String s, int replicas) {
          events.add("advice:" + replicas);
        }

        @Override
        public void onPrewarm(String s, int instances) {
          events.add("prewarm:" + instances);
        }
      }));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void spillModeEndsOnlyAfterHeadroomHeldForTheCoolDown() {
    SpillMode mode = new SpillMode(0.25, Duration.ofSeconds(5).toNanos());
    assertThat(mode.threshold(8)).isEqualTo(8);
    assertThat(mode.overloaded()).isTrue();
    assertThat(mode.threshold(8)).isEqualTo(6);
    long t = 1_000;
    assertThat(mode.observe(3, 8, t)).isFalse();
    assertThat(mode.observe(3, 8, t + Duration.ofSeconds(4).toNanos())).isFalse();
    assertThat(mode.observe(6, 8, t + Duration.ofSeconds(4).toNanos())).isFalse(); // no headroom
    long t2 = t + Duration.ofSeconds(5).toNanos();
    assertThat(mode.observe(2, 8, t2)).isFalse(); // headroom starts again here
    assertThat(mode.observe(2, 8, t2 + Duration.ofSeconds(5).toNanos())).isTrue();
    assertThat(mode.spilling()).isFalse();
  }

  @Test
  void whileSpillingLocalAdmissionStaysBelowTheLimit() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .limit(io.spillover.limit.Limits.fixed(4))
        .spillHysteresis(0.25, Duration.ofSeconds(5)).build());
    f.fill(sw, 4);
    assertThat(sw.call(Echo.of("a"), e -> e).text).isEqualTo("fn:a");
    assertThat(events).contains("mode:true");
    f.blocker.release();
    await().until(() -> sw.metrics().inflightLocal() == 0);
    // in spill mode 3 of 4 permits: hold 3, the 4th call spills although a permit is free
    f.blocker.close();
    try (SpillwayFixture.HeldCalls held = SpillwayFixture.hold(sw, 3)) {
      assertThat(sw.call(Echo.of("b"), e -> e).text).isEqualTo("fn:b");
    }
    await().until(() -> sw.metrics().inflightLocal() == 0);
    f.registry.tick();
    f.clock.advance(Duration.ofSeconds(5));
    f.registry.tick();
    assertThat(sw.metrics().spilling()).isFalse();
    assertThat(events).containsSubsequence("mode:true", "mode:false");
  }

  @Test
  void preWarmingPingsTheTwinAboveTheUtilisationThreshold() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .limit(io.spillover.limit.Limits.fixed(2))
        .prewarm(3, 0.5, Duration.ofSeconds(30)).build());
    f.registry.tick();
    assertThat(f.provider.invocations).isEmpty();
    f.fill(sw, 1); // 1 of 2 = 50 %
    f.registry.tick();
    await().until(() -> f.provider.invocations.size() == 3);
    assertThat(f.provider.invocations).allSatisfy(inv -> assertThat(inv.warmup()).isTrue());
    assertThat(f.twinRuns).hasValue(0);
    await().until(() -> sw.metrics().coldStarts() == 1);
    f.registry.tick(); // within the period: no new round
    assertThat(sw.metrics().prewarmPings()).isEqualTo(3);
    f.clock.advance(Duration.ofSeconds(30));
    f.registry.tick();
    assertThat(sw.metrics().prewarmPings()).isEqualTo(6);
    assertThat(events).contains("prewarm:3");
  }

  @Test
  void scaleAdviceIsTheSpillRateOverTheLocalRate() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .limit(io.spillover.limit.Limits.fixed(1)).adviceWindow(Duration.ofSeconds(10)).build());
    f.registry.tick();
    for (int second = 0; second < 10; second++) {
      for (int i = 0; i < 2; i++) {
        sw.call(Echo.of("l"), e -> e); // 2 local calls a second
      }
      try (SpillwayFixture.HeldCalls held = SpillwayFixture.hold(sw, 1)) {
        for (int i = 0; i < 5; i++) {
          sw.call(Echo.of("s"), e -> e); // 5 spilled calls a second
        }
      }
      await().until(() -> sw.metrics().inflightLocal() == 0);
      f.clock.advance(Duration.ofSeconds(1));
      f.registry.tick();
    }
    // 5 spills/s over 3 local/s (2 + the held call) -> 2 replicas
    assertThat(sw.metrics().spillRatePerSecond()).isEqualTo(5.0);
    assertThat(sw.metrics().advisedReplicas()).isEqualTo(2);
    assertThat(events).contains("advice:2");
  }
}
