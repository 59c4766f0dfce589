package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.FunctionTransportException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a failed spill the call waits for a local permit at most {@code maxWait}, as a call that
 * cannot spill does, and not until its deadline: a broken target must not hold every caller for
 * the whole timeout. The manual clock stands still, so the wait the spillway chose shows in the
 * rejection's numbers, not in elapsed time.
 */
class FallbackWaitTest {
  private final SpillwayFixture f = new SpillwayFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void theFallbackOfAFailedSpillWaitsAtMostMaxWaitNotUntilTheDeadline() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .timeout(Duration.ofSeconds(30)).maxWait(Duration.ofMillis(40)).build());
    f.fill(sw, 1);
    f.provider.thenFail(new FunctionTransportException("connection refused", false, null));

    Future<Echo> call = f.blocker.submit(() -> sw.call(Echo.of("t"), e -> e));
    // generous: with the wait bounded the call ends after ~40 ms; unbounded it would take 30 s
    Throwable thrown = catchThrowable(() -> call.get(20, TimeUnit.SECONDS));

    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOfSatisfying(SpillRejectedException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.SPILL_FAILED);
      assertThat(e.getCause()).isInstanceOf(FunctionTransportException.class);
      assertThat(e.getMessage()).contains("no permit within 40 ms");
    });
    assertThat(sw.metrics().fallbacks()).isZero();
  }

  @Test
  void aShortDeadlineStillBoundsTheFallbackBelowMaxWait() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .maxWait(Duration.ofSeconds(20)).build());
    f.fill(sw, 1);
    f.provider.thenFail(new FunctionTransportException("connection refused", false, null));
    CallOptions deadline = CallOptions.builder().timeout(Duration.ofMillis(30)).build();

    Future<Echo> call = f.blocker.submit(() -> sw.call(Echo.of("t"), deadline, e -> e));
    Throwable thrown = catchThrowable(() -> call.get(15, TimeUnit.SECONDS));

    assertThat(thrown.getCause()).isInstanceOfSatisfying(SpillRejectedException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.SPILL_FAILED);
      assertThat(e.getMessage()).contains("no permit within 30 ms");
    });
  }

  @Test
  void theDefaultTimeoutIsOneAServiceWouldChoose() {
    assertThat(SpillwayConfig.ofDefaults().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(SpillwayConfig.ofDefaults().maxWait()).isEqualTo(Duration.ofSeconds(2));
  }
}
