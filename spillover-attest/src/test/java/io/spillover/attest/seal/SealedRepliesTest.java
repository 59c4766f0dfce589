package io.spillover.attest.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.CallOptions;
import io.spillover.Classification;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.attest.audit.AuditLog;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.function.ReplayGuard;
import io.spillover.testing.WireTap;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.limit.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed calls with real sessions, in process, the platform replaced by a tap that reads and
 * rewrites envelopes: error replies are sealed like results; a reply that does not open (altered,
 * truncated, another call's, or plain) is a failed spill that ends locally and leaves an audit
 * record; a captured call replayed to another instance of the function runs once at most unless
 * the caller declared it idempotent.
 */
class SealedRepliesTest {
  private static final String SSN = "078-05-1120";
  private static final String DIAGNOSIS = "DX-CANARY-sepsis";
  private static final FunctionRef A = FunctionRef.of("in-process", "instance-a");
  private static final CallOptions IDEMPOTENT = CallOptions.builder().idempotent(true).build();

  @TempDir Path dir;
  private final SealFixture f;
  private final AtomicInteger runs = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private AuditLog audit;

  SealedRepliesTest() throws Exception {
    f = new SealFixture();
  }

  /** What the twin reads. */
  public static final class Vitals {
    public String patient;
    public int pulse;
  }

  /** What a caller with a drifted schema sends: the twin cannot decode it. */
  public static final class Loose {
    public String patient;
    public String pulse;

    Loose(String patient, String pulse) {
      this.patient = patient;
      this.pulse = pulse;
    }
  }

  /** The twin's answer. */
  public static final class Triage {
    public String diagnosis;

    public Triage() {}

    Triage(String diagnosis) {
      this.diagnosis = diagnosis;
    }
  }

  private static Vitals vitals(String patient, int pulse) {
    Vitals v = new Vitals();
    v.patient = patient;
    v.pulse = pulse;
    return v;
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    if (audit != null) {
      audit.close();
    }
  }

  private FunctionApp instance(ReplayGuard shared) {
    FunctionApp.Builder b = FunctionApp.builder().clock(f.clock)
        .sealedCallOpener(f.opener().build())
        .handle("triage", Vitals.class, Triage.class, v -> {
          runs.incrementAndGet();
          if (v.pulse < 0) {
            throw new IllegalArgumentException("no triage for patient " + v.patient);
          }
          return new Triage(DIAGNOSIS + " for " + v.patient);
        }).sealedOnly("triage");
    return shared == null ? b.build() : b.sharedReplayGuard(shared).build();
  }

  /** A caller, two instances of the function (same keys), and the tapping platform between. */
  private final class Rig implements AutoCloseable {
    final WireTap tap;
    final SpilloverRegistry registry;

    Rig(ReplayGuard shared, boolean declareGuard) throws Exception {
      audit = AuditLog.open(dir.resolve("audit.jsonl"), f.clock, false);
      tap = new WireTap(InProcessProvider.create().deploy(A.target(), instance(shared))
          .deploy("instance-b", instance(shared)));
      SealingCallSealer.Builder sealer = SealingCallSealer.builder().caller(f.frontend)
          .clock(f.clock).target(A, f.publicKeyset()).spillListener(audit.sealedSpillListener());
      if (declareGuard) {
        sealer.sharedReplayGuard(A);
      }
      registry = SpilloverRegistry.builder().provider(tap).callSealer(sealer.build())
          .clock(f.clock).tickInterval(Duration.ZERO).build();
    }

    <Q> Spillway<Q, Triage> spillway(Class<Q> type) {
      return registry.spillway("triage", SpillwayConfig.custom().limit(Limits.fixed(1))
          .function(A).classification(Classification.CONFIDENTIAL).retry(1, Duration.ofMillis(1))
          .timeout(Duration.ofSeconds(20)).build(), type, Triage.class);
    }

    /** Spills {@code request}: the one local permit is held until the platform has answered. */
    <Q> Triage spill(Spillway<Q, Triage> sw, Q request, CallOptions options) throws Exception {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      tap.afterReply(release::countDown);
      pool.submit(() -> sw.call(request, held -> {
        holding.countDown();
        await(release);
        return new Triage("held");
      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      try {
        return sw.call(request, options, q -> new Triage("local"));
      } finally {
        release.countDown();
      }
    }

    @Override
    public void close() {
      registry.close();
      audit.close();
      audit = null;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void assertNoCanary(List<String> wire, String... canaries) {
    assertThat(wire).isNotEmpty();
    for (String canary : canaries) {
      assertThat(wire).as("on the wire").noneMatch(e -> e.contains(canary));
    }
  }

  @Test
  void aHandlerExceptionTravelsSealedAndIsTheCallsAnswer() throws Exception {
    try (Rig rig = new Rig(null, false)) {
      Spillway<Vitals, Triage> sw = rig.spillway(Vitals.class);
      assertThatThrownBy(() -> rig.spill(sw, vitals(SSN, -1), IDEMPOTENT))
          .isInstanceOfSatisfying(FunctionErrorException.class, e -> {
            assertThat(e.type()).isEqualTo("HANDLER_ERROR");
            assertThat(e.getMessage()).contains("no triage for patient " + SSN);
          });
      assertThat(runs).hasValue(1);
      assertNoCanary(rig.tap.wire(), SSN, "no triage", "IllegalArgumentException",
          "HANDLER_ERROR");
    }
  }

  @Test
  void aBodyTheTwinCannotDecodeIsRefusedSealedAndTheCallRunsLocally() throws Exception {
    try (Rig rig = new Rig(null, false)) {
      Spillway<Loose, Triage> sw = rig.spillway(Loose.class);
      assertThat(rig.spill(sw, new Loose("x", SSN), IDEMPOTENT).diagnosis).isEqualTo("local");
      assertThat(runs).hasValue(0);
      assertNoCanary(rig.tap.wire(), SSN, "BAD_REQUEST", "Cannot deserialize");
      assertThat(sw.metrics().tamperedReplies()).as("that refusal was authentic").isZero();
    }
  }

  @Test
  void repliesThatDoNotOpenEndLocallyWithAnAuditRecordAndNeverAsTheForgery() throws Exception {
    try (Rig rig = new Rig(null, false)) {
      Spillway<Vitals, Triage> sw = rig.spillway(Vitals.class);
      assertThat(rig.spill(sw, vitals("first", 80), IDEMPOTENT).diagnosis)
          .isEqualTo(DIAGNOSIS + " for first");
      byte[] earlierCiphertext = EnvelopeFormat.decodeResponse(
          rig.tap.replies().get(0).getBytes(StandardCharsets.UTF_8)).sealedCiphertext;
      List<UnaryOperator<byte[]>> forgeries = List.of(
          sealed(ct -> flipLast(ct)),
          sealed(ct -> Arrays.copyOf(ct, ct.length - 5)),
          sealed(ct -> earlierCiphertext),
          reply -> plain(ResponseEnvelope.error(null, "HANDLER_ERROR", "forged", false, 1)),
          reply -> plain(new ResponseEnvelope(null, true,
              "{\"diagnosis\":\"FORGED\"}".getBytes(StandardCharsets.UTF_8), null, null, null,
              false, 1)));
      for (UnaryOperator<byte[]> forgery : forgeries) {
        rig.tap.rewrite(forgery);
        assertThat(rig.spill(sw, vitals(SSN, 80), IDEMPOTENT).diagnosis).isEqualTo("local");
      }
      assertThat(sw.metrics().tamperedReplies()).isEqualTo(5);
      assertThat(Files.readAllLines(dir.resolve("audit.jsonl")))
          .filteredOn(l -> l.contains("\"kind\":\"SEALED_REPLY_TAMPERED\""))
          .extracting(l -> l.replaceAll(".*\"reply\":\"([A-Z_]+)\".*", "$1"))
          .containsExactly("DOES_NOT_OPEN", "DOES_NOT_OPEN", "DOES_NOT_OPEN", "PLAIN_ERROR",
              "PLAIN_RESULT");
      assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
      assertNoCanary(rig.tap.wire(), SSN, DIAGNOSIS);
    }
  }

  @Test
  void aCallNotMarkedIdempotentStaysLocalUnlessTheTargetSharesAReplayGuard() throws Exception {
    try (Rig rig = new Rig(null, false)) {
      Spillway<Vitals, Triage> sw = rig.spillway(Vitals.class);
      assertThatThrownBy(() -> rig.spill(sw, vitals(SSN, 80), CallOptions.builder()
          .timeout(Duration.ofMillis(300)).build()))
          .isInstanceOfSatisfying(SpillRejectedException.class, e -> assertThat(e.reason())
              .isEqualTo(SpillRejectedException.Reason.CONFIDENTIAL_NOT_IDEMPOTENT));
      assertThat(rig.tap.requests()).isEmpty();
    }
    try (Rig rig = new Rig(null, true)) { // the caller is told so, wrongly: the twin refuses
      Spillway<Vitals, Triage> sw = rig.spillway(Vitals.class);
      assertThat(rig.spill(sw, vitals(SSN, 80), CallOptions.defaults()).diagnosis)
          .isEqualTo("local");
      assertThat(runs).hasValue(0);
      assertNoCanary(rig.tap.wire(), SSN, "REPLAY_UNGUARDED");
    }
  }

  @Test
  void aReplayToAnotherInstanceRunsOnceUnderASharedGuard() throws Exception {
    try (Rig rig = new Rig(ReplayGuard.inMemory(1000, f.clock), true)) {
      Spillway<Vitals, Triage> sw = rig.spillway(Vitals.class);
      assertThat(rig.spill(sw, vitals(SSN, 80), CallOptions.defaults()).diagnosis)
          .isEqualTo(DIAGNOSIS + " for " + SSN);
      byte[] captured = rig.tap.sent().get(0);
      var original = new io.spillover.function.Invocation("x", "triage", captured,
          f.clock.epochMillis() + 20_000, false);
      byte[] atB = rig.tap.replay("instance-b", original, captured);
      byte[] atA = rig.tap.replay(A.target(), original, captured);
      assertThat(runs).as("ran once in all").hasValue(1);
      assertThat(EnvelopeFormat.decodeResponse(atB).sealed()).as("refused, sealed").isTrue();
      assertThat(new String(atA, StandardCharsets.UTF_8)).as("the first reply, again")
          .isEqualTo(rig.tap.replies().get(0));
      assertNoCanary(List.of(new String(atB, StandardCharsets.UTF_8)), SSN, "REPLAYED");
    }
  }

  @Test
  void anIdempotentCallReplayedToAnotherInstanceRunsThereAgainAsDocumented() throws Exception {
    try (Rig rig = new Rig(null, false)) {
      Spillway<Vitals, Triage> sw = rig.spillway(Vitals.class);
      rig.spill(sw, vitals(SSN, 80), IDEMPOTENT);
      byte[] captured = rig.tap.sent().get(0);
      var original = new io.spillover.function.Invocation("x", "triage", captured,
          f.clock.epochMillis() + 20_000, false);
      rig.tap.replay("instance-b", original, captured);
      rig.tap.replay(A.target(), original, captured);
      assertThat(runs).as("once per instance: the caller declared it may run twice")
          .hasValue(2);
    }
  }

  private static UnaryOperator<byte[]> sealed(UnaryOperator<byte[]> ciphertext) {
    return reply -> {
      ResponseEnvelope e = EnvelopeFormat.decodeResponse(reply);
      return plain(ResponseEnvelope.sealed(e.id, ciphertext.apply(e.sealedCiphertext.clone()),
          e.cold, e.millis));
    };
  }

  private static byte[] flipLast(byte[] ct) {
    ct[ct.length - 1] ^= 1;
    return ct;
  }

  private static byte[] plain(ResponseEnvelope e) {
    return EnvelopeFormat.encodeResponse(e, true);
  }
}
