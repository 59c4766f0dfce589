package io.spillover.grpc;

import static io.spillover.grpc.TestService.CHARGE;
import static io.spillover.grpc.TestService.CREATE;
import static io.spillover.grpc.TestService.GET;
import static io.spillover.grpc.TestService.WATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC adapter against real loopback gRPC servers (destination and twin): every call ends in
 * the destination's answer, the twin's answer, or one typed status; a non-idempotent method never
 * runs twice.
 */
class GrpcFaultMatrixTest {
  private final CountDownLatch holdDestination = new CountDownLatch(1);
  private final CountDownLatch destinationBusy = new CountDownLatch(1);
  private final CountDownLatch holdTwin = new CountDownLatch(1);
  private TestService destination;
  private TestService twin;
  private ManagedChannel destinationChannel;
  private ManagedChannel twinChannel;
  private SpilloverRegistry registry;
  private GrpcSpillway logic;
  private Channel channel;
  private ClientCall<String, String> holdCall;
  private final CompletableFuture<String> holder = new CompletableFuture<>();

  @BeforeEach
  void setUp() throws Exception {
    destination = new TestService("destination");
    twin = new TestService("twin");
    destinationChannel = loopback(destination.port());
    twinChannel = loopback(twin.port());
    registry = SpilloverRegistry.builder()
        .provider(new TwinGrpcProvider().twin("logic", twinChannel))
        .tickInterval(Duration.ZERO).build();
    wire(SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofMillis(1)));
  }

  private void wire(SpillwayConfig.Builder config) {
    logic = new GrpcSpillway(registry, "logic-" + System.nanoTime(),
        config.function(TwinGrpcProvider.ref("logic")).build(),
        GrpcMethodRules.defaults().spill("test.Logic/Create"));
    channel = ClientInterceptors.intercept(destinationChannel, new SpilloverGrpcInterceptor(logic));
  }

  @AfterEach
  void tearDown() throws Exception {
    holdDestination.countDown();
    holdTwin.countDown();
    if (holdCall != null) {
      try {
        holder.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // the holder's own outcome is not under test
      }
    }
    registry.close();
    destinationChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    twinChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    destination.close();
    twin.close();
  }

  private static ManagedChannel loopback(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Occupies the only destination permit with a held Get, so the next spillable call is at the limit. */
  private void atTheLimit() throws InterruptedException {
    destination.behaviour = (m, req, out) -> {
      if (req.equals("hold")) {
        destinationBusy.countDown();
        holdDestination.await(10, TimeUnit.SECONDS);
      }
      out.onNext("destination:" + req);
      out.onCompleted();
    };
    holdCall = channel.newCall(GET, CallOptions.DEFAULT);
    ClientCalls.asyncUnaryCall(holdCall, "hold", new StreamObserver<String>() {
      @Override
      public void onNext(String value) {
        holder.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        holder.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    });
    assertThat(destinationBusy.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private String call(MethodDescriptor<String, String> m, String req) {
    return call(m, req, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
  }

  private String call(MethodDescriptor<String, String> m, String req, CallOptions options) {
    return ClientCalls.blockingUnaryCall(channel, m, options, req);
  }

  private StatusRuntimeException failure(MethodDescriptor<String, String> m, String req,
      CallOptions options) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> call(m, req, options));
    assertThat(e).as("the call ends in one status").isNotNull();
    return e;
  }

  private static SpillRejectedException.Reason reason(StatusRuntimeException e) {
    assertThat(e.getCause()).isInstanceOf(SpillRejectedException.class);
    return ((SpillRejectedException) e.getCause()).reason();
  }

  private static CallOptions within(long millis) {
    return CallOptions.DEFAULT.withDeadlineAfter(millis, TimeUnit.MILLISECONDS);
  }

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
  void aPassedDeadlineRunsNowhere() throws InterruptedException {
    StatusRuntimeException e = failure(GET, "a", within(0));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    atTheLimit();
    e = failure(GET, "b", CallOptions.DEFAULT.withDeadlineAfter(-1, TimeUnit.MILLISECONDS));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(twin.executionsOfAll()).isZero();
    assertThat(destination.executions(GET)).isEqualTo(1); // the held call only
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
}
