package io.spillover.grpc;

import static io.spillover.grpc.TestService.CHARGE;
import static io.spillover.grpc.TestService.CREATE;
import static io.spillover.grpc.TestService.GET;
import static io.spillover.grpc.TestService.WATCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The destination side of the gRPC fault matrix: its answers and overload statuses reach the caller
 * unchanged and teach the limit; calls that may not spill (streaming, unlisted non-idempotent) go
 * to it once; a passed deadline runs nowhere; a cancelled local call releases its permit.
 */
class GrpcDestinationFaultTest extends GrpcFixture {
  @Test
  void underTheLimitTheDestinationAnswers() {
    assertThat(call(GET, "a")).isEqualTo("destination:a");
    assertThat(call(CREATE, "b")).isEqualTo("destination:b");
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void destinationOverloadStatusesReachTheCallerUnchanged() {
    for (Status s : List.of(Status.UNAVAILABLE, Status.RESOURCE_EXHAUSTED)) {
      destination.behaviour = (m, req, out) -> out.onError(s.withDescription("busy").asException());
      StatusRuntimeException e = failure(GET, "a", within(5000));
      assertThat(e.getStatus().getCode()).isEqualTo(s.getCode());
      assertThat(e.getStatus().getDescription()).isEqualTo("busy");
    }
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void overloadStatusesLowerTheAdaptiveLimitAndOtherErrorsDoNot() {
    wire(SpillwayConfig.custom().limit(Limits.aimd().initial(8).max(8).build()));
    destination.behaviour = (m, req, out) -> out.onError(Status.INTERNAL.asException());
    failure(GET, "a", within(5000));
    assertThat(logic.metrics().limit()).isEqualTo(8);
    destination.behaviour = (m, req, out) -> out.onError(Status.UNAVAILABLE.asException());
    failure(GET, "a", within(5000));
    assertThat(logic.metrics().limit()).isLessThan(8);
  }

  @Test
  void aSlowDestinationEndsInDeadlineExceeded() {
    destination.behaviour = (m, req, out) -> holdDestination.await(10, TimeUnit.SECONDS);
    StatusRuntimeException e = failure(GET, "a", within(300));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void aShutDownDestinationEndsInUnavailable() throws InterruptedException {
    destination.shutdown();
    StatusRuntimeException e = failure(GET, "a", within(5000));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void anUnlistedNonIdempotentMethodGoesToTheDestinationOnlyAndOnce() throws InterruptedException {
    atTheLimit();
    assertThat(call(CHARGE, "a")).isEqualTo("destination:a");
    assertThat(destination.executions(CHARGE)).isEqualTo(1);
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void streamingCallsPassThroughUntouchedAtTheLimit() throws InterruptedException {
    atTheLimit();
    List<String> replies = new java.util.ArrayList<>();
    ClientCalls.blockingServerStreamingCall(channel, WATCH, within(5000), "w")
        .forEachRemaining(replies::add);
    assertThat(replies).containsExactly("destination:1", "destination:2");
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void cancellingALocalCallReleasesItsPermit() throws InterruptedException {
    atTheLimit();
    assertThat(logic.metrics().inflightLocal()).isEqualTo(1);
    holdCall.cancel("the caller gave up", null);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> logic.metrics().inflightLocal() == 0);
    holdDestination.countDown();
    destination.behaviour = (m, req, out) -> {
      out.onNext("destination:" + req);
      out.onCompleted();
    };
    assertThat(call(GET, "after")).isEqualTo("destination:after");
    assertThat(twin.executionsOfAll()).isZero();
  }

  @Test
  void aPassedDeadlineRunsNowhere() throws InterruptedException {
    StatusRuntimeException e = failure(GET, "a", within(0));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    atTheLimit();
    e = failure(GET, "b", CallOptions.DEFAULT.withDeadlineAfter(-1, TimeUnit.MILLISECONDS));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(twin.executionsOfAll()).isZero();
    assertThat(destination.executions(GET)).isEqualTo(1); // the held call only
  }
}
