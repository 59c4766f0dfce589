package io.spillover.grpc;

import static io.spillover.grpc.TestService.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fault matrix's fixture: a destination and a twin, each a real gRPC server on loopback
 * (Netty), a spillway with one destination permit, and the helpers that hold that permit and make
 * calls. The tests assert that every call ends in the destination's answer, the twin's answer, or
 * one typed status, and count each method's executions on both servers.
 */
abstract class GrpcFixture {
  final CountDownLatch holdDestination = new CountDownLatch(1);
  final CountDownLatch destinationBusy = new CountDownLatch(1);
  final CountDownLatch holdTwin = new CountDownLatch(1);
  TestService destination;
  TestService twin;
  ManagedChannel destinationChannel;
  ManagedChannel twinChannel;
  SpilloverRegistry registry;
  GrpcSpillway logic;
  Channel channel;
  ClientCall<String, String> holdCall;
  final CompletableFuture<String> holder = new CompletableFuture<>();

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

  void wire(SpillwayConfig.Builder config) {
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

  static ManagedChannel loopback(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Occupies the only destination permit with a held Get, so the next spillable call is at the limit. */
  void atTheLimit() throws InterruptedException {
    destination.behaviour = (m, req, out) -> {
      if (req.equals("hold")) {
        destinationBusy.countDown();
        holdDestination.await(10, TimeUnit.SECONDS);
      }
      out.onNext("destination:" + req);
      out.onCompleted();
    };
    holdCall = channel.newCall(GET, CallOptions.DEFAULT);
    ClientCalls.asyncUnaryCall(holdCall, "hold", observer(holder));
    assertThat(destinationBusy.await(10, TimeUnit.SECONDS)).isTrue();
  }

  String call(MethodDescriptor<String, String> m, String req) {
    return call(m, req, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
  }

  String call(MethodDescriptor<String, String> m, String req, CallOptions options) {
    return ClientCalls.blockingUnaryCall(channel, m, options, req);
  }

  StatusRuntimeException failure(MethodDescriptor<String, String> m, String req,
      CallOptions options) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> call(m, req, options));
    assertThat(e).as("the call ends in one status").isNotNull();
    return e;
  }

  static SpillRejectedException.Reason reason(StatusRuntimeException e) {
    assertThat(e.getCause()).isInstanceOf(SpillRejectedException.class);
    return ((SpillRejectedException) e.getCause()).reason();
  }

  static CallOptions within(long millis) {
    return CallOptions.DEFAULT.withDeadlineAfter(millis, TimeUnit.MILLISECONDS);
  }

  static StreamObserver<String> observer(CompletableFuture<String> answer) {
    return new StreamObserver<String>() {
      @Override
      public void onNext(String value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
