package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A spill that failed after its request was sent may have run on the function. A call not
 * declared idempotent must then not run again locally (it would run twice): it ends in a
 * {@link SpillRejectedException} ({@code SPILL_OUTCOME_UNKNOWN}). A spill that surely did not run
 * (throttled, never sent) still falls back to a local permit, and so does an idempotent call.
 * In every case the twin has run the call before it failed, and a local permit is free.
 */
class MayHaveRunTest {
  private final SpillwayFixture f = new SpillwayFixture();
  private final AtomicInteger localRuns = new AtomicInteger();

  @AfterEach
  void close() {
    f.close();
  }

  /** One call that spills; the twin runs it, then the reply is lost as {@code failure}. */
  private Future<Echo> spillThatRanThenFailed(CallOptions options, RuntimeException failure)
      throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    CompletableFuture<byte[]> pending = new CompletableFuture<>();
    f.provider.then(inv -> pending);
    Future<Echo> call = f.blocker.submit(() -> sw.call(Echo.of("pay"), options, e -> {
      localRuns.incrementAndGet();
      return Echo.of("local");
    }));
    Awaitility.await().until(() -> f.provider.invocations.size() == 1);
    f.app.dispatch(f.provider.invocations.get(0).payload()); // it ran on the twin
    f.blocker.release(); // a local permit is free for a fallback
    Awaitility.await().until(() -> sw.metrics().inflightLocal() == 0);
    pending.completeExceptionally(failure);
    return call;
  }

  private void assertEndsWithoutASecondRun(RuntimeException failure) throws Exception {
    Future<Echo> call = spillThatRanThenFailed(CallOptions.builder().idempotent(false).build(),
        failure);
    Throwable thrown = catchThrowable(() -> call.get(10, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOfSatisfying(SpillRejectedException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.SPILL_OUTCOME_UNKNOWN);
      assertThat(e.getCause()).isSameAs(failure);
    });
    assertThat(f.twinRuns).hasValue(1);
    assertThat(localRuns).as("never run locally after it may have run").hasValue(0);
  }

  @Test
  void aTimeoutAfterSendingEndsInARejectionNotASecondRun() throws Exception {
    assertEndsWithoutASecondRun(new FunctionTimeoutException("no reply within 10000 ms"));
  }

  @Test
  void aResetAfterSendingEndsInARejectionNotASecondRun() throws Exception {
    assertEndsWithoutASecondRun(new FunctionTransportException("connection reset", true, null));
  }

  @Test
  void aServerErrorOfUnknownStateEndsInARejectionNotASecondRun() throws Exception {
    assertEndsWithoutASecondRun(new FunctionErrorException("HTTP_502", "bad gateway"));
  }

  @Test
  void aCallThatSurelyDidNotRunStillFallsBackLocally() throws Exception {
    Future<Echo> throttled = spillThatRanThenFailed(CallOptions.builder().build(),
        new FunctionThrottledException("429"));
    assertThat(throttled.get(10, TimeUnit.SECONDS).text).isEqualTo("local");
    assertThat(localRuns).hasValue(1);
  }

  @Test
  void aCallNeverSentStillFallsBackLocally() throws Exception {
    Future<Echo> notSent = spillThatRanThenFailed(CallOptions.builder().build(),
        new FunctionTransportException("could not reach twin", false, null));
    assertThat(notSent.get(10, TimeUnit.SECONDS).text).isEqualTo("local");
    assertThat(localRuns).hasValue(1);
  }

  @Test
  void anIdempotentCallThatMayHaveRunFallsBackLocally() throws Exception {
    Future<Echo> call = spillThatRanThenFailed(CallOptions.builder().idempotent(true).build(),
        new FunctionTimeoutException("no reply within 10000 ms"));
    assertThat(call.get(10, TimeUnit.SECONDS).text).isEqualTo("local");
    assertThat(localRuns).hasValue(1);
  }
}
