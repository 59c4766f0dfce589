package io.spillover.grpc;

import static io.spillover.grpc.TestService.CREATE;
import static io.spillover.grpc.TestService.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.spillover.SpillRejectedException;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The twin side of the gRPC fault matrix: at the limit a call spills as the same call with its
 * metadata and deadline; the twin's throttle, error, slowness and absence each end in one answer
 * or one typed status; a listed non-idempotent method never runs twice.
 */
class GrpcTwinFaultTest extends GrpcFixture {
  private final java.util.concurrent.ScheduledExecutorService scheduler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

  @org.junit.jupiter.api.AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void atTheLimitAnIdempotentCallSpillsAsTheSameCallWithItsMetadataAndDeadline()
      throws InterruptedException {
    atTheLimit();
    Metadata md = new Metadata();
    md.put(TestService.TENANT, "acme");
    Channel withTenant = ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(md));
    String r = ClientCalls.blockingUnaryCall(withTenant, GET, within(2000), "a");
    assertThat(r).isEqualTo("twin:a");
    Metadata seen = twin.headers.get(0);
    assertThat(seen.get(TestService.TENANT)).isEqualTo("acme");
    assertThat(seen.keys()).contains("x-spillover-id", "x-spillover-deadline");
    assertThat(twin.deadlinesMillis).singleElement()
        .satisfies(left -> assertThat(left).isBetween(1L, 2000L));
  }

  @Test
  void aCallCancelledDuringItsSpillIsNotStartedOnTheDestinationWhenAPermitFrees()
      throws Exception {
    wire(SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofSeconds(5)));
    atTheLimit();
    CountDownLatch twinBusy = new CountDownLatch(1);
    twin.behaviour = (m, req, out) -> {
      twinBusy.countDown();
      holdTwin.await(10, TimeUnit.SECONDS);
      out.onError(Status.RESOURCE_EXHAUSTED.asException()); // back to a destination permit
    };
    ClientCall<String, String> spilled = channel.newCall(GET, within(10_000));
    CompletableFuture<String> answer = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(spilled, "a", observer(answer));
    assertThat(twinBusy.await(10, TimeUnit.SECONDS)).isTrue();
    spilled.cancel("the caller gave up", null);
    holdTwin.countDown();
    holdDestination.countDown();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> logic.metrics().fallbacks() == 1 && logic.metrics().inflightLocal() == 0);
    assertThat(destination.headers).as("the held call only reached the destination").hasSize(1);
    assertThat(destination.executions(GET)).isEqualTo(1);
    assertThat(answer).isCompletedExceptionally();
  }

  @Test
  void theContextsDeadlineWhenEarlierIsTheSpillsDeadline() throws Exception {
    atTheLimit();
    String r = io.grpc.Context.current()
        .withDeadlineAfter(1500, TimeUnit.MILLISECONDS, scheduler)
        .call(() -> call(GET, "a", within(60_000)));
    assertThat(r).isEqualTo("twin:a");
    assertThat(twin.deadlinesMillis).singleElement()
        .satisfies(left -> assertThat(left).isBetween(1L, 1500L));
  }

  @Test
  void twinThrottledAndNoPermitFreesEndsInUnavailableWithTheReason() throws InterruptedException {
    atTheLimit();
    twin.behaviour = (m, req, out) -> out.onError(Status.RESOURCE_EXHAUSTED.asException());
    StatusRuntimeException e = failure(GET, "a", within(5000));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(reason(e)).isEqualTo(SpillRejectedException.Reason.SPILL_FAILED);
  }

  @Test
  void twinThrottledThenAPermitFreesAndTheDestinationAnswers() throws InterruptedException {
    wire(SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofSeconds(3)));
    atTheLimit();
    twin.behaviour = (m, req, out) -> {
      holdDestination.countDown(); // the held call ends, its permit frees
      out.onError(Status.RESOURCE_EXHAUSTED.asException());
    };
    assertThat(call(GET, "a")).isEqualTo("destination:a");
  }

  @Test
  void twinInternalErrorIsTheTwinsAnswer() throws InterruptedException {
    atTheLimit();
    twin.behaviour = (m, req, out) ->
        out.onError(Status.INTERNAL.withDescription("twin broke").asException());
    StatusRuntimeException e = failure(GET, "a", within(5000));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription()).isEqualTo("twin broke");
  }

  @Test
  void aSlowTwinEndsInDeadlineExceededAtTheCallersDeadline() throws InterruptedException {
    atTheLimit();
    twin.behaviour = (m, req, out) -> holdTwin.await(10, TimeUnit.SECONDS);
    StatusRuntimeException e = failure(GET, "a", within(400));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(e.getCause()).isInstanceOf(SpillRejectedException.class);
  }

  @Test
  void aShutDownTwinEndsInUnavailableWithTheReason() throws InterruptedException {
    twin.shutdown();
    atTheLimit();
    StatusRuntimeException e = failure(GET, "a", within(5000));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(reason(e)).isEqualTo(SpillRejectedException.Reason.SPILL_FAILED);
  }

  @Test
  void aListedNonIdempotentMethodWhoseTwinTimedOutNeverRunsTwice() throws Exception {
    atTheLimit();
    twin.behaviour = (m, req, out) -> holdTwin.await(10, TimeUnit.SECONDS);
    StatusRuntimeException e = failure(CREATE, "a", within(400));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(reason(e)).isEqualTo(SpillRejectedException.Reason.SPILL_OUTCOME_UNKNOWN);
    holdDestination.countDown(); // a destination permit frees: the call must not run there now
    assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("destination:hold");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> logic.metrics().inflightLocal() == 0);
    assertThat(twin.executions(CREATE)).isEqualTo(1);
    assertThat(destination.executions(CREATE)).isZero();
  }

  @Test
  void aListedNonIdempotentMethodWhoseTwinIsDownIsNotRunOnTheDestination()
      throws InterruptedException {
    twin.shutdown();
    atTheLimit();
    StatusRuntimeException e = failure(CREATE, "a", within(5000));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(destination.executions(CREATE)).isZero();
  }

  @Test
  void cancellingASpilledCallClosesItWithCancelledAtOnce() throws Exception {
    atTheLimit();
    CountDownLatch twinBusy = new CountDownLatch(1);
    twin.behaviour = (m, req, out) -> {
      twinBusy.countDown();
      holdTwin.await(10, TimeUnit.SECONDS);
    };
    ClientCall<String, String> spilled = channel.newCall(GET, within(10_000));
    CompletableFuture<String> answer = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(spilled, "a", observer(answer));
    assertThat(twinBusy.await(10, TimeUnit.SECONDS)).isTrue();
    spilled.cancel("the caller gave up", null);
    Throwable e = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
        () -> answer.get(5, TimeUnit.SECONDS)).getCause();
    assertThat(e).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.CANCELLED);
  }
}
