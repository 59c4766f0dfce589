package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.FunctionThrottledException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A platform's throttling is back-pressure: it lowers the spill limit, never opens the breaker. */
class ThrottledSpillTest {
  /** A breaker that opens after two failures out of two calls. */
  private static SpilloverRegistry.Builder touchyBreaker() {
    return SpilloverRegistry.builder().circuitBreakerRegistry(CircuitBreakerRegistry.of(
        CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2).build()));
  }

  private static SpillwayConfig.Builder config() {
    return SpillwayFixture.config().maxWait(Duration.ZERO).retry(3, Duration.ofMillis(1))
        .maxConcurrentSpills(50);
  }

  @Test
  void throttlesNeitherOpenTheBreakerNorAreRetried() throws Exception {
    try (SpillwayFixture f = new SpillwayFixture(touchyBreaker())) {
      Spillway<Echo, Echo> sw = f.spillway(config().build());
      f.fill(sw, 1);
      for (int i = 0; i < 5; i++) {
        f.clock.advance(Duration.ofSeconds(5)); // past the pause a lone throttle starts
        f.provider.thenFail(new FunctionThrottledException("429"));
        Echo request = Echo.of("t" + i);
        assertThatThrownBy(() -> sw.call(request, e -> e))
            .isInstanceOfSatisfying(SpillRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SPILL_FAILED))
            .hasCauseInstanceOf(FunctionThrottledException.class);
      }
      assertThat(sw.metrics().breakerState()).isEqualTo("CLOSED");
      assertThat(f.provider.invocations).as("one attempt each: no retry into a full platform")
          .hasSize(5);
      assertThat(sw.metrics().throttledSpills()).isEqualTo(5);
      f.clock.advance(Duration.ofSeconds(5));
      assertThat(sw.call(Echo.of("ok"), e -> e).text).isEqualTo("fn:ok");
    }
  }

  @Test
  void aThrottleLowersTheSpillLimitSoTheNextExcessWaitsForALocalPermitInstead() throws Exception {
    try (SpillwayFixture f = new SpillwayFixture()) {
      Spillway<Echo, Echo> sw = f.spillway(config().build());
      f.fill(sw, 1);
      assertThat(sw.metrics().spillLimit()).isEqualTo(50);
      f.provider.thenFail(new FunctionThrottledException("429"));
      assertThatThrownBy(() -> sw.call(Echo.of("t"), e -> e))
          .isInstanceOf(SpillRejectedException.class);
      assertThat(sw.metrics().spillLimit()).as("three quarters of the one in flight, at least 1")
          .isEqualTo(1);
      assertThatThrownBy(() -> sw.call(Echo.of("r"), e -> e))
          .as("nothing in flight, but a lone spill was throttled: spills pause for a round trip")
          .isInstanceOfSatisfying(SpillRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.SPILL_CONCURRENCY_FULL));
      assertThat(f.provider.invocations).hasSize(1);
      f.clock.advance(Duration.ofSeconds(1));
      java.util.concurrent.CompletableFuture<byte[]> pending =
          new java.util.concurrent.CompletableFuture<>();
      f.provider.then(inv -> pending);
      f.blocker.submit(() -> sw.call(Echo.of("p"), e -> e));
      org.awaitility.Awaitility.await().until(() -> sw.metrics().inflightSpills() == 1);
      assertThatThrownBy(() -> sw.call(Echo.of("q"), e -> e))
          .isInstanceOfSatisfying(SpillRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.SPILL_CONCURRENCY_FULL));
      pending.complete(f.app.dispatch(f.provider.invocations.get(1).payload()));
      org.awaitility.Awaitility.await().until(() -> sw.metrics().inflightSpills() == 0);
    }
  }

  @Test
  void turnedOffTheSpillConcurrencyStaysWhereItIsConfigured() throws Exception {
    try (SpillwayFixture f = new SpillwayFixture(touchyBreaker())) {
      Spillway<Echo, Echo> sw = f.spillway(config().adaptiveSpillConcurrency(false).build());
      f.fill(sw, 1);
      for (int i = 0; i < 3; i++) {
        f.provider.thenFail(new FunctionThrottledException("429"));
        assertThatThrownBy(() -> sw.call(Echo.of("t"), e -> e))
            .isInstanceOf(SpillRejectedException.class);
      }
      assertThat(sw.metrics().spillLimit()).isEqualTo(50);
      assertThat(sw.metrics().breakerState()).isEqualTo("CLOSED");
      assertThat(sw.config().adaptiveSpillConcurrency()).isFalse();
      assertThat(SpillwayConfig.custom().build().adaptiveSpillConcurrency()).isTrue();
    }
  }
}
