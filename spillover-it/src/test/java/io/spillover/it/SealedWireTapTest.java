package io.spillover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.CallOptions;
import io.spillover.Classification;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import io.spillover.attest.keyservice.KeyService;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.keyservice.KeyServiceConfig;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.WireTap;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.it.CanaryTwin.LooseVitals;
import io.spillover.it.CanaryTwin.Triage;
import io.spillover.it.CanaryTwin.Vitals;
import io.spillover.limit.Limits;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed calls through the real Lambda provider to twins in worker JVMs of the local platform,
 * with the platform's view tapped (and, where the test says so, its replies rewritten): under
 * every error path (handler exception, decode error, unknown caller, replay, tampered reply,
 * forged reply) no request or reply value crosses the wire outside ciphertext, in either
 * direction, and a forged reply ends in a local result, never in the forgery. Two functions,
 * {@code canary-a} and {@code canary-b}, are two instances of one attested function.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealedWireTapTest {
  private static final String MEASUREMENT = "0ddba11c".repeat(12);
  private static final String SSN = "078-05-1120";
  private static final FunctionRef A = FunctionRef.of("lambda", "canary-a");
  private static final String B = "canary-b";
  private static final CallOptions IDEMPOTENT = CallOptions.builder().idempotent(true).build();

  private Path work;
  private final CallerIdentity vm = CallerIdentity.generate("vm-frontend");
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private AuditLog audit;
  private KeyService keyService;
  private LocalPlatform platform;
  private FunctionPublicKeyset keyset;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    work = dir;
    KeyPair tee = DevEvidenceKeys.generate();
    Path teeKey = work.resolve("dev-tee.pem");
    DevEvidenceKeys.write(tee, teeKey);
    Path keys = work.resolve("keys");
    audit = AuditLog.open(work.resolve("audit.jsonl"));
    keyService = KeyService.builder().auditLog(audit).deployment(Deployment.DEVELOPMENT)
        .config(KeyServiceConfig.builder().port(0).keyDirectory(keys)
            .masterKeyset(keys.resolve("master.json")).createMissingKeys(true)
            .devEvidenceKey(DevEvidenceKeys.readPublic(teeKey)).caller(vm.name(), vm.publicKeyset())
            .function(CanaryTwin.FUNCTION, FunctionPolicy.builder().allowMeasurement(MEASUREMENT)
                .platforms(List.of(Platform.DEV)).callers(List.of(vm.name())).build()).build())
        .start();
    List<FunctionSpec> twins = new ArrayList<>();
    for (String name : List.of(A.target(), B)) {
      twins.add(FunctionSpec.lambda(name, CanaryTwin.Handler.class.getName())
          .environment(ConfidentialTwin.KEY_SERVICE_URL, keyService.uri().toString())
          .environment(ConfidentialTwin.KEY_SERVICE_VERIFY_KEYSET,
              keys.resolve("keyservice-verify.json").toString())
          .environment(ConfidentialTwin.DEV_TEE_KEY, teeKey.toString())
          .environment(ConfidentialTwin.DEV_TEE_MEASUREMENT, MEASUREMENT).build());
    }
    platform = LocalPlatform.builder().workDir(work.resolve("platform")).functions(twins).build()
        .start();
    keyset = KeyServiceClient.builder().baseUrl(keyService.uri().toString())
        .keyServiceVerifyKeyset(keyService.verifyKeyset()).build()
        .publicKeyset(CanaryTwin.FUNCTION, vm);
  }

  @AfterAll
  void stop() {
    pool.shutdownNow();
    platform.close();
    keyService.close();
    audit.close();
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }

  private LambdaProvider lambda() {
    return LambdaProvider.builder().region("us-east-1")
        .endpointOverride(platform.endpoint().toString())
        .credentials("AKIDLOCALPLATFORM", "local-secret").build();
  }

  /** One caller VM: its identity, a tap on its provider, and a spillway of limit 1. */
  private final class Caller implements AutoCloseable {
    final WireTap tap = new WireTap(lambda());
    final SpilloverRegistry registry;

    Caller(CallerIdentity identity, boolean targetSharesAGuard) {
      SealingCallSealer.Builder sealer = SealingCallSealer.builder().caller(identity)
          .target(A, keyset).spillListener(audit.sealedSpillListener());
      if (targetSharesAGuard) {
        sealer.sharedReplayGuard(A);
      }
      registry = SpilloverRegistry.builder().provider(tap).callSealer(sealer.build()).build();
    }

    <Q> Spillway<Q, Triage> spillway(Class<Q> type) {
      return registry.spillway(CanaryTwin.SERVICE, SpillwayConfig.custom().limit(Limits.fixed(1))
          .function(A).classification(Classification.CONFIDENTIAL).retry(1, Duration.ofMillis(1))
          .timeout(Duration.ofSeconds(60)).build(), type, Triage.class);
    }

    /** Spills {@code request}: the one local permit is held until the platform answered. */
    <Q> Triage spill(Spillway<Q, Triage> sw, Q request, CallOptions options) throws Exception {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      tap.afterReply(release::countDown);
      pool.submit(() -> sw.call(request, held -> {
        holding.countDown();
        awaitQuietly(release);
        return new Triage("held");
      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      try {
        return sw.call(request, options, q -> new Triage("local"));
      } finally {
        release.countDown();
      }
    }

    /** The platform sends a captured request again, to {@code target}. */
    byte[] replay(String target, byte[] payload) throws Exception {
      try (LambdaProvider platformSide = lambda()) {
        return platformSide.invoker(FunctionRef.of("lambda", target)).invoke(new Invocation(
            "replay", CanaryTwin.SERVICE, payload, System.currentTimeMillis() + 60_000, false))
            .get(60, TimeUnit.SECONDS);
      }
    }

    @Override
    public void close() {
      registry.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void assertNothingInClear(List<String> wire, String... values) {
    assertThat(wire).isNotEmpty();
    for (String value : values) {
      assertThat(wire).as("envelopes on the wire").noneMatch(e -> e.contains(value));
    }
  }

  private long auditRecords(String kind) throws Exception {
    return Files.readAllLines(work.resolve("audit.jsonl")).stream()
        .filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
  }

  @Test
  void anAnsweredCallKeepsTheRequestAndTheAnswerInsideTheCiphertext() throws Exception {
    try (Caller caller = new Caller(vm, false)) {
      Triage t = caller.spill(caller.spillway(Vitals.class), new Vitals(SSN, 80), IDEMPOTENT);
      assertThat(t.diagnosis()).isEqualTo(CanaryTwin.DIAGNOSIS + " for " + SSN);
      assertThat(caller.tap.requests()).singleElement().asString().contains("\"sealed\"");
      assertNothingInClear(caller.tap.wire(), SSN, CanaryTwin.DIAGNOSIS, "\"body\"");
    }
  }

  @Test
  void aHandlerExceptionTravelsSealed() throws Exception {
    try (Caller caller = new Caller(vm, false)) {
      assertThatThrownBy(() -> caller.spill(caller.spillway(Vitals.class), new Vitals(SSN, -1),
          IDEMPOTENT)).isInstanceOfSatisfying(FunctionErrorException.class, e -> {
            assertThat(e.type()).isEqualTo("HANDLER_ERROR");
            assertThat(e.getMessage()).contains("no triage for patient " + SSN);
          });
      assertNothingInClear(caller.tap.wire(), SSN, "no triage", "IllegalArgumentException",
          "HANDLER_ERROR");
    }
  }

  @Test
  void aDecodeErrorTravelsSealedAndTheCallRunsLocally() throws Exception {
    try (Caller caller = new Caller(vm, false)) {
      Spillway<LooseVitals, Triage> sw = caller.spillway(LooseVitals.class);
      assertThat(caller.spill(sw, new LooseVitals("p", SSN), IDEMPOTENT).diagnosis())
          .isEqualTo("local");
      assertNothingInClear(caller.tap.wire(), SSN, "BAD_REQUEST");
      assertThat(sw.metrics().tamperedReplies()).as("the refusal was authentic").isZero();
    }
  }

  @Test
  void anUnknownCallerGetsAFixedTextAndTheCallRunsLocally() throws Exception {
    try (Caller intruder = new Caller(CallerIdentity.generate("intruder"), false)) {
      Spillway<Vitals, Triage> sw = intruder.spillway(Vitals.class);
      assertThat(intruder.spill(sw, new Vitals(SSN, 80), IDEMPOTENT).diagnosis())
          .isEqualTo("local");
      assertThat(intruder.tap.replies()).singleElement().asString()
          .contains("\"SEALING_REJECTED\"").contains("\"sealed call refused\"");
      assertNothingInClear(intruder.tap.wire(), SSN, "intruder' is not named");
      assertThat(sw.metrics().tamperedReplies()).as("a plain refusal cannot be authenticated")
          .isEqualTo(1);
    }
  }

  @Test
  void replaysToEitherInstanceGetSealedAnswersAndRunNoNonIdempotentCallTwice()
      throws Exception {
    try (Caller caller = new Caller(vm, true)) { // told the target shares a guard: it does not
      Spillway<Vitals, Triage> sw = caller.spillway(Vitals.class);
      assertThat(caller.spill(sw, new Vitals(SSN, 80), CallOptions.defaults()).diagnosis())
          .as("refused sealed (REPLAY_UNGUARDED), so run locally").isEqualTo("local");
      byte[] notIdempotent = caller.tap.requests().get(0).getBytes(StandardCharsets.UTF_8);
      List<String> answers = new ArrayList<>(caller.tap.wire());
      for (String target : List.of(A.target(), B)) {
        ResponseEnvelope r = EnvelopeFormat.decodeResponse(caller.replay(target, notIdempotent));
        assertThat(r.sealed()).as(target).isTrue();
        answers.add(new String(EnvelopeFormat.encodeResponse(r, true), StandardCharsets.UTF_8));
      }

      assertThat(caller.spill(sw, new Vitals(SSN, 81), IDEMPOTENT).diagnosis())
          .startsWith(CanaryTwin.DIAGNOSIS);
      byte[] idempotent = caller.tap.requests().get(1).getBytes(StandardCharsets.UTF_8);
      String firstAnswer = caller.tap.replies().get(1);
      byte[] again = caller.replay(A.target(), idempotent);
      assertThat(EnvelopeFormat.decodeResponse(again).sealedCiphertext)
          .as("the same instance answers a duplicate with its first reply")
          .isEqualTo(EnvelopeFormat.decodeResponse(firstAnswer.getBytes(StandardCharsets.UTF_8))
              .sealedCiphertext);
      answers.add(new String(caller.replay(B, idempotent), StandardCharsets.UTF_8));
      answers.addAll(caller.tap.wire());
      assertNothingInClear(answers, SSN, CanaryTwin.DIAGNOSIS, "REPLAY", "\"error\"");
    }
  }

  @Test
  void tamperedAndForgedRepliesEndLocallyNeverInTheForgery() throws Exception {
    long recordsBefore = auditRecords("SEALED_REPLY_TAMPERED");
    try (Caller caller = new Caller(vm, false)) {
      Spillway<Vitals, Triage> sw = caller.spillway(Vitals.class);
      List<UnaryOperator<byte[]>> forgeries = List.of(
          sealed(ct -> {
            ct[ct.length / 2] ^= 1;
            return ct;
          }),
          sealed(ct -> Arrays.copyOf(ct, ct.length - 7)),
          reply -> plain(ResponseEnvelope.error(null, "HANDLER_ERROR", "forged: " + SSN, false, 1)),
          reply -> plain(new ResponseEnvelope(null, true,
              "{\"diagnosis\":\"FORGED\"}".getBytes(StandardCharsets.UTF_8), null, null, null,
              false, 1)));
      for (UnaryOperator<byte[]> forgery : forgeries) {
        caller.tap.rewrite(forgery);
        assertThat(caller.spill(sw, new Vitals(SSN, 80), IDEMPOTENT).diagnosis())
            .isEqualTo("local");
      }
      assertThat(sw.metrics().tamperedReplies()).isEqualTo(4);
      assertThat(sw.metrics().fallbacks()).isEqualTo(4);
      assertThat(auditRecords("SEALED_REPLY_TAMPERED") - recordsBefore).isEqualTo(4);
      assertNothingInClear(caller.tap.wire(), SSN, CanaryTwin.DIAGNOSIS);
    }
  }

  private static UnaryOperator<byte[]> sealed(UnaryOperator<byte[]> ciphertext) {
    return reply -> {
      ResponseEnvelope e = EnvelopeFormat.decodeResponse(reply);
      return plain(ResponseEnvelope.sealed(e.id, ciphertext.apply(e.sealedCiphertext.clone()),
          e.cold, e.millis));
    };
  }

  private static byte[] plain(ResponseEnvelope e) {
    return EnvelopeFormat.encodeResponse(e, true);
  }
}
