package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.limit.Limits;
import io.spillover.testing.ManualClock;
import io.spillover.testing.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounded wait for a local permit runs on the registry's scheduler, so the clock and scheduler
 * a registry is given decide when it ends (a simulation on a virtual clock, a test on a manual
 * one), not the JVM's own timer.
 */
class RegistryTimerTest {
  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final SpilloverRegistry registry = SpilloverRegistry.builder().clock(clock)
      .scheduler(scheduler).asyncExecutor(Runnable::run).tickInterval(Duration.ZERO).build();

  @AfterEach
  void close() {
    registry.close();
  }

  private Spillway<Echo, Echo> spillway() {
    // no function: a call at the limit waits for a local permit, at most maxWait
    return registry.spillway("svc", SpillwayConfig.custom().limit(Limits.fixed(1))
        .maxWait(Duration.ofSeconds(60)).timeout(Duration.ofSeconds(120)).build(),
        Echo.class, Echo.class);
  }

  @Test
  void theWaitForALocalPermitEndsWhenTheRegistrysSchedulerSaysSo() {
    Spillway<Echo, Echo> sw = spillway();
    CompletableFuture<Echo> held = new CompletableFuture<>();
    sw.callAsync(Echo.of("a"), e -> held);

    CompletionStage<Echo> waiting = sw.callAsync(Echo.of("b"),
        e -> CompletableFuture.completedFuture(e));
    scheduler.advance(Duration.ofSeconds(59));
    assertThat(waiting.toCompletableFuture()).isNotDone();

    scheduler.advance(Duration.ofSeconds(1));
    assertThat(waiting.toCompletableFuture()).isCompletedExceptionally();
    try {
      waiting.toCompletableFuture().join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(SpillRejectedException.class);
      assertThat(((SpillRejectedException) e.getCause()).reason())
          .isEqualTo(SpillRejectedException.Reason.NO_FUNCTION);
    }
    assertThat(sw.metrics().waiting()).isZero();
  }

  @Test
  void aPermitFreedBeforeTheWaitEndsRunsTheWaitingCallLocally() {
    Spillway<Echo, Echo> sw = spillway();
    CompletableFuture<Echo> held = new CompletableFuture<>();
    sw.callAsync(Echo.of("a"), e -> held);
    CompletionStage<Echo> waiting = sw.callAsync(Echo.of("b"),
        e -> CompletableFuture.completedFuture(Echo.of("local:" + e.text)));

    scheduler.advance(Duration.ofSeconds(30));
    held.complete(Echo.of("a"));

    assertThat(waiting.toCompletableFuture().join().text).isEqualTo("local:b");
    scheduler.advance(Duration.ofSeconds(60)); // the wait's timer fires on a finished wait
    assertThat(sw.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(2);
  }
}
