package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpillwayRoutingTest {
  private final SpillwayFixture f = new SpillwayFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void runsLocallyWhileAPermitIsFree() {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    assertThat(sw.call(Echo.of("a"), e -> Echo.of("local:" + e.text)).text).isEqualTo("local:a");
    assertThat(sw.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(1);
    assertThat(f.provider.invocations).isEmpty();
    assertThat(sw.metrics().inflightLocal()).isZero();
  }

  @Test
  void spillsTheExcessToTheFunctionTwin() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    Echo r = sw.call(Echo.of("b"), e -> Echo.of("local:" + e.text));
    assertThat(r.text).isEqualTo("fn:b");
    assertThat(sw.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(1);
    assertThat(sw.metrics().spilling()).isTrue();
    assertThat(f.provider.invocations).singleElement()
        .satisfies(inv -> assertThat(inv.service()).isEqualTo("svc"));
    assertThat(sw.metrics().coldStarts()).isEqualTo(1);
    assertThat(sw.metrics().spendUsd()).isGreaterThan(0);
  }

  @Test
  void withoutAFunctionAnOverloadedCallWaitsThenIsRejected() throws Exception {
    Spillway<Echo, Echo> sw = f.registry.spillway("svc",
        SpillwayConfig.custom().limit(io.spillover.limit.Limits.fixed(1))
            .maxWait(Duration.ofMillis(20)).build(), Echo.class, Echo.class);
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("c"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_FUNCTION))
        .hasMessageContaining("no permit within 20 ms");
    assertThat(sw.metrics().rejections(Reason.NO_FUNCTION)).isEqualTo(1);
  }

  @Test
  void aWaitingCallRunsLocallyWhenAPermitFrees() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .overloadAction(Priority.NORMAL, OverloadAction.WAIT).maxWait(Duration.ofSeconds(10))
        .build());
    f.fill(sw, 1);
    Future<Echo> waiting = f.blocker.submit(() -> sw.call(Echo.of("w"), e -> Echo.of("local")));
    org.awaitility.Awaitility.await().until(() -> sw.metrics().waiting() == 1);
    f.blocker.release();
    assertThat(waiting.get(10, TimeUnit.SECONDS).text).isEqualTo("local");
    assertThat(f.provider.invocations).isEmpty();
  }

  @Test
  void priorityClassesDecideBetweenSpillWaitAndShed() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .overloadAction(Priority.BATCH, OverloadAction.SHED).build());
    f.fill(sw, 1);
    CallOptions batch = CallOptions.builder().priority(Priority.BATCH).build();
    assertThatThrownBy(() -> sw.call(Echo.of("x"), batch, e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SHED));
    CallOptions critical = CallOptions.builder().priority(Priority.CRITICAL).build();
    assertThat(sw.call(Echo.of("y"), critical, e -> e).text).isEqualTo("fn:y");
    assertThat(f.provider.invocations).hasSize(1);
  }

  @Test
  void batchCallsWaitByDefaultAndNeverSpill() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    CallOptions batch = CallOptions.builder().priority(Priority.BATCH).build();
    assertThatThrownBy(() -> sw.call(Echo.of("x"), batch, e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_REACHED));
    assertThat(f.provider.invocations).isEmpty();
  }

  @Test
  void anOversizeCallStaysLocal() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().maxPayloadBytes(1024).build());
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("z".repeat(2000)), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE));
    assertThat(f.provider.invocations).isEmpty();
  }

  @Test
  void theTargetsOwnPayloadLimitAlsoApplies() throws Exception {
    f.provider.maxRequestBytes(600);
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("z".repeat(200)), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE));
  }

  @Test
  void aThrottledSpillFallsBackToALocalPermitBeforeTheDeadline() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    CompletableFuture<byte[]> pending = new CompletableFuture<>();
    f.provider.then(inv -> pending);
    Future<Echo> call = f.blocker.submit(() -> sw.call(Echo.of("t"), e -> Echo.of("local")));
    org.awaitility.Awaitility.await().until(() -> f.provider.invocations.size() == 1);
    f.blocker.release(); // the held local call ends: its permit is free for the fallback
    org.awaitility.Awaitility.await().until(() -> sw.metrics().inflightLocal() == 0);
    pending.completeExceptionally(new FunctionThrottledException("429"));
    assertThat(call.get(10, TimeUnit.SECONDS).text).isEqualTo("local");
    assertThat(sw.metrics().fallbacks()).isEqualTo(1);
    assertThat(sw.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(2);
    assertThat(sw.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isZero();
  }

  @Test
  void aFailedSpillWithNoLocalPermitBeforeTheDeadlineIsRejectedWithTheCause() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    f.provider.thenFail(new FunctionTransportException("reset", false, null));
    CallOptions shortDeadline = CallOptions.builder().timeout(Duration.ofMillis(100)).build();
    // the manual clock does not move, so the wait runs out on the real timer of the deadline
    assertThatThrownBy(() -> sw.call(Echo.of("t"), shortDeadline, e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SPILL_FAILED);
          assertThat(e.getCause()).isInstanceOf(FunctionTransportException.class);
        });
  }

  @Test
  void aHandlerErrorOnTheTwinIsTheCallsAnswerAndDoesNotRunLocally() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("boom"), e -> Echo.of("local")))
        .isInstanceOfSatisfying(FunctionErrorException.class, e -> {
          assertThat(e.type()).isEqualTo("HANDLER_ERROR");
          assertThat(e.getMessage()).contains("IllegalStateException: twin failed")
              .doesNotContain("at io.spillover");
        });
    assertThat(sw.metrics().calls(Route.FUNCTION, Outcome.ERROR)).isEqualTo(1);
    assertThat(sw.metrics().fallbacks()).isZero();
  }

  @Test
  void idempotentCallsAreRetriedOnTheFunctionWithTheSameRequestId() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().idempotent(true)
        .retry(3, Duration.ofMillis(1)).build());
    f.fill(sw, 1);
    f.provider.thenFail(new FunctionTimeoutException("slow"))
        .thenFail(new FunctionTransportException("reset", true, null));
    assertThat(sw.call(Echo.of("r"), e -> e).text).isEqualTo("fn:r");
    assertThat(f.provider.invocations).hasSize(3)
        .extracting(io.spillover.function.Invocation::requestId).containsOnly(
            f.provider.invocations.get(0).requestId());
    assertThat(f.twinRuns).hasValue(1);
  }

  @Test
  void aCallThatMayHaveRunIsNotRetriedUnlessIdempotent() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .retry(3, Duration.ofMillis(1)).build());
    f.fill(sw, 1);
    f.provider.thenFail(new FunctionTransportException("refused", false, null)) // not run: retried
        .thenFail(new FunctionTimeoutException("slow"));       // may have run: not retried
    CallOptions shortDeadline = CallOptions.builder().timeout(Duration.ofMillis(100)).build();
    assertThatThrownBy(() -> sw.call(Echo.of("r"), shortDeadline, e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.getCause()).isInstanceOf(FunctionTimeoutException.class));
    assertThat(f.provider.invocations).hasSize(2);
  }

  @Test
  void anOpenBreakerKeepsCallsLocal() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.registry.circuitBreakerRegistry().circuitBreaker("scripted:twin").transitionToOpenState();
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("o"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CIRCUIT_OPEN));
    assertThat(sw.metrics().breakerState()).isEqualTo("OPEN");
    assertThat(f.provider.invocations).isEmpty();
  }

  @Test
  void failuresOpenTheBreaker() throws Exception {
    f.registry.close();
    var breakers = io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.of(
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .slidingWindowSize(2).minimumNumberOfCalls(2).build());
    try (SpillwayFixture g = new SpillwayFixture(
        SpilloverRegistry.builder().circuitBreakerRegistry(breakers))) {
      Spillway<Echo, Echo> sw = g.spillway(SpillwayFixture.config()
          .maxWait(Duration.ZERO).build());
      g.fill(sw, 1);
      CallOptions quick = CallOptions.builder().timeout(Duration.ofMillis(50)).build();
      for (int i = 0; i < 2; i++) {
        g.provider.thenFail(new FunctionTransportException("500", false, null));
        assertThatThrownBy(() -> sw.call(Echo.of("f"), quick, e -> e))
            .isInstanceOf(SpillRejectedException.class);
      }
      assertThat(sw.metrics().breakerState()).isEqualTo("OPEN");
    }
  }

  @Test
  void theSpillBudgetCapsConcurrentSpills() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().maxConcurrentSpills(1).build());
    f.fill(sw, 1);
    CompletableFuture<byte[]> pending = new CompletableFuture<>();
    f.provider.then(inv -> pending);
    f.blocker.submit(() -> sw.call(Echo.of("p"), e -> e));
    org.awaitility.Awaitility.await().until(() -> sw.metrics().inflightSpills() == 1);
    assertThatThrownBy(() -> sw.call(Echo.of("q"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SPILL_CONCURRENCY_FULL));
    pending.complete(f.app.dispatch(f.provider.invocations.get(0).payload()));
    org.awaitility.Awaitility.await().until(() -> sw.metrics().inflightSpills() == 0);
  }

  @Test
  void theSpillRateCapRefillsWithTime() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().maxSpillsPerSecond(2).build());
    f.fill(sw, 1);
    sw.call(Echo.of("1"), e -> e);
    sw.call(Echo.of("2"), e -> e);
    assertThatThrownBy(() -> sw.call(Echo.of("3"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SPILL_RATE_LIMITED));
    f.clock.advance(Duration.ofMillis(500));
    assertThat(sw.call(Echo.of("4"), e -> e).text).isEqualTo("fn:4");
  }

  @Test
  void theSpendCapStopsSpillingUntilTheHourRollsOn() throws Exception {
    // one invocation of 256 MB for 1 ms costs about 2.04e-7 USD; the first is a cold start,
    // whose modelled init (1 s at 256 MB) adds about 4.17e-6 USD
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().spendCapPerHour(4.5e-6).build());
    f.fill(sw, 1);
    sw.call(Echo.of("1"), e -> e);
    sw.call(Echo.of("2"), e -> e);
    assertThatThrownBy(() -> sw.call(Echo.of("3"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SPEND_CAP_REACHED));
    f.clock.advance(Duration.ofMinutes(61));
    assertThat(sw.call(Echo.of("4"), e -> e).text).isEqualTo("fn:4");
    assertThat(sw.metrics().spendLastHourUsd()).isLessThan(sw.metrics().spendUsd());
  }

  @Test
  void anExpiredDeadlineIsRejectedWithoutRunning() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .overloadAction(Priority.NORMAL, OverloadAction.WAIT).build());
    f.fill(sw, 1);
    CallOptions tiny = CallOptions.builder().timeout(Duration.ofNanos(1)).build();
    // the deadline is computed from the manual clock and has passed once it moves
    f.clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> sw.call(Echo.of("d"), tiny, e -> e))
        .isInstanceOf(SpillRejectedException.class);
  }

  @Test
  void aFullWaitQueueRejectsAtOnce() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .overloadAction(Priority.NORMAL, OverloadAction.WAIT).maxWaiting(0).build());
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("q"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WAIT_QUEUE_FULL));
  }

  @Test
  void nullRequestsAreRefusedWithATypedError() {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    assertThatThrownBy(() -> sw.call(null, e -> e)).isInstanceOf(NullPointerException.class)
        .hasMessage("request");
    assertThat(sw.metrics().inflightLocal()).isZero();
  }

  @Test
  void localExceptionsPropagateAndReleaseThePermit() {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    assertThatThrownBy(() -> sw.call(Echo.of("e"), e -> {
      throw new IllegalArgumentException("bad");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
    assertThat(sw.metrics().inflightLocal()).isZero();
    assertThat(sw.metrics().calls(Route.LOCAL, Outcome.ERROR)).isEqualTo(1);
  }

  @Test
  void callAsyncSpillsAndRunsLocallyLikeCall() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    Echo local = sw.callAsync(Echo.of("a"), e -> CompletableFuture.completedFuture(Echo.of("l")))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(local.text).isEqualTo("l");
    f.fill(sw, 1);
    Echo spilled = sw.callAsync(Echo.of("b"), e -> CompletableFuture.completedFuture(e))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(spilled.text).isEqualTo("fn:b");
  }

  @Test
  void decorateWrapsAFunction() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    java.util.function.Function<Echo, Echo> fn = sw.decorate(e -> Echo.of("d:" + e.text));
    assertThat(fn.apply(Echo.of("x")).text).isEqualTo("d:x");
  }
}
