package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.spillover.internal.engine.SpillMode;
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
  void scaleAdviceIsTheSpillOverWhatABusyPermitCompletes() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .limit(io.spillover.limit.Limits.fixed(1)).adviceWindow(Duration.ofSeconds(10)).build());
    f.registry.tick();
    for (int second = 0; second < 12; second++) { // the first second leaves the 10-s window
      for (int i = 0; i < 2; i++) {
        sw.call(Echo.of("l"), e -> e); // 2 local calls a second
      }
      try (SpillwayFixture.HeldCalls held = SpillwayFixture.hold(sw, 1)) {
        for (int i = 0; i < 5; i++) {
          sw.call(Echo.of("s"), e -> e); // 5 spilled calls a second
        }
        f.clock.advance(Duration.ofSeconds(1));
        f.registry.tick(); // the held call keeps the one permit busy all second
      }
      await().until(() -> sw.metrics().inflightLocal() == 0);
    }
    // the busy permit completes 3 calls/s (2 + the held one), so 5 spills/s need 5/3 more
    // permits: demand 8/3 of the limit of 1, extra 5/3, rounded up to 2 replicas
    assertThat(sw.metrics().spillRatePerSecond()).isEqualTo(5.0);
    assertThat(sw.metrics().demandReplicas()).isCloseTo(8.0 / 3, within(1e-9));
    assertThat(sw.metrics().extraReplicas()).isCloseTo(5.0 / 3, within(1e-9));
    assertThat(sw.metrics().advisedReplicas()).isEqualTo(2);
    assertThat(events).contains("advice:2");
  }

  @Test
  void coldStartsAndPreWarmPingsAreBilledWithTheSpill() throws Exception {
    Pricing pricing = Pricing.awsLambda(256).withInit(Duration.ofMillis(800));
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().pricing(pricing)
        .prewarm(2, 0.5, Duration.ofSeconds(30)).build());
    f.fill(sw, 1);
    f.registry.tick(); // 1 of 1 busy: two pings, the first instance starts cold
    // the meter keeps nano-USD: each figure is exact to 1e-9 USD
    await().until(() -> sw.metrics().prewarmPings() == 2
        && sw.metrics().prewarmSpendUsd() >= 2 * pricing.priceOf(1) - 2e-9);
    assertThat(sw.metrics().coldStarts()).isEqualTo(1);
    assertThat(sw.metrics().coldStartSpendUsd()).isCloseTo(pricing.priceOfInit(), within(1e-9));
    assertThat(pricing.priceOfInit()).isCloseTo(0.25 * 0.8 * Pricing.LAMBDA_GB_SECOND_USD,
        within(1e-15));
    double beforeCall = sw.metrics().spendUsd();
    sw.call(Echo.of("s"), e -> e); // a warm spill: the call alone, no init
    double call = sw.metrics().spendUsd() - beforeCall;
    assertThat(call).isGreaterThanOrEqualTo(pricing.priceOf(1) - 1e-9)
        .isLessThan(pricing.priceOf(1) + pricing.priceOfInit());
    assertThat(sw.metrics().spendUsd() - sw.metrics().coldStartSpendUsd()
        - sw.metrics().prewarmSpendUsd()).isCloseTo(call, within(1e-15));
  }
}
