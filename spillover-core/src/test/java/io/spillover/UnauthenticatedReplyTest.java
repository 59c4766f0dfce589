package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.FunctionErrorException;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import io.spillover.seal.UnauthenticatedReplyException;
import io.spillover.seal.UnauthenticatedReplyException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's side of a sealed call: only a reply that opens under the call's session is the
 * function's answer. A plain reply of any kind, or a platform-reported function error, is a
 * failed spill (retried only when idempotent, then a local permit), counted and reported.
 */
class UnauthenticatedReplyTest {
  private final List<String> tampered = new CopyOnWriteArrayList<>();
  private final List<String> recorded = new CopyOnWriteArrayList<>();
  private volatile boolean sharedGuard;

  /** Seals by reversing (the fixture's twin reverses back); records rejected replies. */
  private final SealedChannel channel = new SealedChannel() {
    @Override
    public SealedPayload seal(String service, String id, long deadline, byte[] body) {
      return new SealedPayload("session-1", ConfidentialRoutingTest.reverse(body));
    }

    @Override
    public byte[] openReply(String service, String id, byte[] ciphertext) {
      return ConfidentialRoutingTest.reverse(ciphertext);
    }

    @Override
    public boolean sharedReplayGuard() {
      return sharedGuard;
    }

    @Override
    public void replyRejected(String service, String requestId, Kind kind) {
      recorded.add(service + " " + requestId + " " + kind);
    }
  };

  private final SpillwayFixture f = new SpillwayFixture(SpilloverRegistry.builder()
      .callSealer(target -> Optional.of(channel))
      .listener(new SpillwayListener() {
        @Override
        public void onTamperedReply(String spillway, String requestId, Kind kind) {
          tampered.add(spillway + " " + requestId + " " + kind);
        }
      }));

  @AfterEach
  void close() {
    f.close();
  }

  private static byte[] plain(ResponseEnvelope e) {
    return EnvelopeFormat.encodeResponse(e, true);
  }

  private static final CallOptions CONFIDENTIAL_IDEMPOTENT =
      CallOptions.builder().confidential().idempotent(true).build();

  /** Sends one confidential call whose first reply is {@code forged}; the permit frees first. */
  private Echo callWithForgedReply(Spillway<Echo, Echo> sw, CallOptions options,
      Supplier<CompletableFuture<byte[]>> forged) throws Exception {
    f.fill(sw, 1);
    CompletableFuture<byte[]> pending = new CompletableFuture<>();
    f.provider.then(inv -> pending);
    Future<Echo> call = f.blocker.submit(() -> sw.call(Echo.of("ssn 078-05-1120"), options,
        e -> Echo.of("local")));
    Awaitility.await().until(() -> f.provider.invocations.size() == 1);
    f.blocker.release();
    Awaitility.await().until(() -> sw.metrics().inflightLocal() == 0);
    forged.get().whenComplete((r, e) -> {
      if (e != null) {
        pending.completeExceptionally(e);
      } else {
        pending.complete(r);
      }
    });
    return call.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aForgedHandlerErrorLeadsToALocalResultNeverToTheForgery() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    Echo r = callWithForgedReply(sw, CONFIDENTIAL_IDEMPOTENT, () -> CompletableFuture
        .completedFuture(plain(ResponseEnvelope.error(null, "HANDLER_ERROR", "forged", false, 1))));
    assertThat(r.text).isEqualTo("local");
    assertThat(sw.metrics().fallbacks()).isEqualTo(1);
    assertThat(sw.metrics().calls(Route.FUNCTION, Outcome.ERROR)).isZero();
    assertThat(sw.metrics().tamperedReplies()).isEqualTo(1);
    String id = f.provider.invocations.get(0).requestId();
    assertThat(tampered).containsExactly("svc " + id + " PLAIN_ERROR");
    assertThat(recorded).containsExactly("svc " + id + " PLAIN_ERROR");
  }

  @Test
  void aForgedResultLeadsToALocalResult() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    Echo r = callWithForgedReply(sw, CONFIDENTIAL_IDEMPOTENT, () -> CompletableFuture
        .completedFuture(plain(new ResponseEnvelope(null, true,
            "{\"text\":\"forged\"}".getBytes(StandardCharsets.UTF_8), null, null, null, false,
            1))));
    assertThat(r.text).isEqualTo("local");
    assertThat(tampered).singleElement().asString().endsWith("PLAIN_RESULT");
  }

  @Test
  void aFunctionErrorReportedByThePlatformIsNotTheHandlersAnswer() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    Echo r = callWithForgedReply(sw, CONFIDENTIAL_IDEMPOTENT, () -> CompletableFuture
        .failedFuture(new FunctionErrorException("HANDLER_ERROR", "Unhandled")));
    assertThat(r.text).isEqualTo("local");
    assertThat(tampered).singleElement().asString().endsWith("PLATFORM_ERROR");
  }

  @Test
  void anIdempotentCallIsRetriedWithTheSameIdAndTheAuthenticReplyCounts() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().retry(2, Duration.ofMillis(1))
        .build());
    f.fill(sw, 1);
    f.provider.then(inv -> CompletableFuture.completedFuture(
        plain(ResponseEnvelope.error(inv.requestId(), "HANDLER_ERROR", "forged", false, 1))));
    Echo r = sw.call(Echo.of("x"), CONFIDENTIAL_IDEMPOTENT, e -> Echo.of("local"));
    assertThat(r.text).isEqualTo("fn:x");
    assertThat(f.provider.invocations).hasSize(2).extracting(i -> i.requestId())
        .containsOnly(f.provider.invocations.get(0).requestId());
    assertThat(sw.metrics().tamperedReplies()).isEqualTo(1);
  }

  @Test
  void aCallThatIsNotIdempotentIsNotRetriedAfterAForgery() throws Exception {
    sharedGuard = true; // the caller believes the target guards replays
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().retry(3, Duration.ofMillis(1))
        .build());
    // a refusal the caller cannot authenticate says nothing: the call may have run there, so it
    // neither runs again there nor locally (MayHaveRunTest)
    Throwable thrown = catchThrowable(() -> callWithForgedReply(sw,
        CallOptions.builder().confidential().build(), () -> CompletableFuture.completedFuture(
            plain(ResponseEnvelope.error(null, "SEALING_REJECTED", "forged", false, 1)))));
    assertThat(thrown).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SPILL_OUTCOME_UNKNOWN));
    assertThat(f.provider.invocations).hasSize(1);
  }

  @Test
  void aConfidentialCallThatIsNotIdempotentStaysLocalUnlessTheTargetSharesAReplayGuard()
      throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
    f.fill(sw, 1);
    assertThatThrownBy(() -> sw.call(Echo.of("x"), CallOptions.builder().confidential().build(),
        e -> e)).isInstanceOfSatisfying(SpillRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONFIDENTIAL_NOT_IDEMPOTENT));
    assertThat(f.provider.invocations).isEmpty();
    assertThat(sw.metrics().rejections(Reason.CONFIDENTIAL_NOT_IDEMPOTENT)).isEqualTo(1);
    sharedGuard = true; // the fixture's twin has no guard: it refuses, sealed, and the call waits
    CallOptions shortDeadline = CallOptions.builder().confidential()
        .timeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> sw.call(Echo.of("x"), shortDeadline, e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SPILL_FAILED);
          assertThat(e.getCause()).isInstanceOfSatisfying(FunctionErrorException.class,
              c -> assertThat(c.type()).isEqualTo("REPLAY_UNGUARDED"));
        });
    assertThat(f.twinRuns).hasValue(0);
    assertThat(sw.metrics().tamperedReplies()).as("that refusal was sealed").isZero();
  }

  @Test
  void anUnauthenticatedReplyMayHaveRun() {
    UnauthenticatedReplyException e = new UnauthenticatedReplyException(Kind.PLAIN_ERROR,
        "HANDLER_ERROR\n<script>", null);
    assertThat(e.mayHaveRun()).isTrue();
    assertThat(e.claimedType()).isEqualTo("HANDLER_ERROR??script?");
  }
}
