package io.spillover.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spillover.Pricing;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.TargetCheckMode;
import io.spillover.function.FunctionApp;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The simulated function platform behind a real spillway on virtual time: a cold start, a warm
 * instance reused, throttling at the account's concurrency and at the burst rate, per-ms billing.
 * The spillway's one local permit is held, so every further call spills.
 */
class FunctionPlatformTest {
  private static final long EXEC_NANOS = 100_200_000L; // 100.2 ms of handler time
  private final EventLoop loop = new EventLoop();
  private FunctionPlatform platform;
  private Spillway<SimCall, SimCall> sw;

  private void start(int accountConcurrency, int burst, double keepAliveSeconds, int prewarmed) {
    FunctionApp app = FunctionApp.builder().clock(loop)
        .handle("svc", SimCall.class, SimCall.class, q -> q).build();
    // a fixed 1 s init (sigma 0), 10 ms of invoke overhead, 1 GB
    PlatformSpec spec = new PlatformSpec(accountConcurrency, burst, 1000, 0, 10, keepAliveSeconds,
        1024, prewarmed);
    platform = new FunctionPlatform(loop, spec, app, (s, r) -> EXEC_NANOS, 1);
    SpilloverRegistry registry = SpilloverRegistry.builder().clock(loop).scheduler(loop)
        .asyncExecutor(Runnable::run).tickInterval(Duration.ZERO)
        .targetCheck(TargetCheckMode.OFF, Duration.ofSeconds(1)).provider(platform).build();
    sw = registry.spillway("svc", SpillwayConfig.custom().limit(Limits.fixed(1))
        .function(VmSide.TWIN).retry(1, Duration.ofMillis(1)).maxWait(Duration.ofMillis(100))
        // the platform is under test here: a spill limit learnt from its 429s would keep the
        // calls that test its burst rate from being sent at all
        .adaptiveSpillConcurrency(false)
        .build(), SimCall.class, SimCall.class);
    sw.callAsync(new SimCall(1), q -> new CompletableFuture<>()); // holds the local permit
  }

  private CompletableFuture<SimCall> spill() {
    return sw.callAsync(new SimCall(1), q -> CompletableFuture.completedFuture(q))
        .toCompletableFuture();
  }

  /** Runs the loop until {@code f} completes and returns the virtual ms that took. */
  private double millisUntilDone(CompletableFuture<?> f) {
    long start = loop.nanoTime();
    while (!f.isDone()) {
      loop.runUntil(loop.nanoTime() + 100_000); // 0.1 ms steps
    }
    return (loop.nanoTime() - start) / 1e6;
  }

  @Test
  void aNewInstanceStartsColdAndAnIdleOneIsReusedWarm() {
    start(10, 10, 600, 0);

    double cold = millisUntilDone(spill());
    double warm = millisUntilDone(spill());

    // overhead 10 + init 1000 + handler 100.2 ms; then overhead + handler only
    assertThat(cold).isCloseTo(1110.2, within(0.2));
    assertThat(warm).isCloseTo(110.2, within(0.2));
    assertThat(platform.coldStarts()).isEqualTo(1);
    assertThat(platform.invocations()).isEqualTo(2);
  }

  @Test
  void anIdleInstancePastTheKeepAliveIsGoneAndTheNextCallStartsCold() {
    start(10, 10, 60, 0);
    millisUntilDone(spill());
    loop.runUntil(loop.nanoTime() + 61_000_000_000L);

    assertThat(millisUntilDone(spill())).isCloseTo(1110.2, within(0.2));
    assertThat(platform.coldStarts()).isEqualTo(2);
  }

  @Test
  void aCallBeyondTheAccountConcurrencyIsThrottledAndTheSpillwayRejectsIt() {
    start(1, 10, 600, 1);
    CompletableFuture<SimCall> first = spill();
    CompletableFuture<SimCall> second = spill();

    millisUntilDone(second);
    millisUntilDone(first);

    assertThat(first).isCompleted();
    assertThat(platform.throttled()).isEqualTo(1);
    assertThat(second).isCompletedExceptionally();
    Throwable cause = second.handle((r, e) -> e instanceof CompletionException ? e.getCause() : e)
        .join();
    assertThat(cause).isInstanceOf(SpillRejectedException.class);
    assertThat(((SpillRejectedException) cause).reason())
        .isEqualTo(SpillRejectedException.Reason.SPILL_FAILED);
  }

  @Test
  void newInstancesBeyondTheBurstRateAreThrottledUntilTheRateAllowsMore() {
    start(100, 2, 600, 0);
    spill();
    spill();
    CompletableFuture<SimCall> third = spill();
    millisUntilDone(third);
    assertThat(platform.throttled()).isEqualTo(1);

    loop.runUntil(loop.nanoTime() + 5_000_000_000L); // half of 10 s: one new instance allowed
    spill();
    spill();
    spill();
    loop.runUntil(loop.nanoTime() + 5_000_000_000L);

    // the two idle warm instances take two calls; the third needs a new instance: a token is back
    assertThat(platform.coldStarts()).isEqualTo(3);
    assertThat(platform.throttled()).isEqualTo(1);
  }

  @Test
  void billingIsPerMillisecondOfHandlerTimePlusTheInitOfEachStartAndTheRequestFee() {
    start(10, 10, 600, 1);
    millisUntilDone(spill());

    double gbSecond = Pricing.LAMBDA_GB_SECOND_USD;
    double request = Pricing.LAMBDA_REQUEST_USD;
    // pre-warmed: 1 s init and a 1 ms invocation; the call: 100.2 ms billed as 101 ms at 1 GB
    double expected = 1.0 * gbSecond + (0.001 * gbSecond + request) + 0.101 * gbSecond + request;
    assertThat(platform.billedUsd()).isCloseTo(expected, within(1e-12));
    assertThat(platform.coldStarts()).isZero();
  }
}
