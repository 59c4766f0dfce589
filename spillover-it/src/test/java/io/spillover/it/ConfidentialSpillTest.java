package io.spillover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Classification;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.KeyService;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.keyservice.KeyServiceConfig;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionRef;
import io.spillover.it.ConfidentialTwin.Digest;
import io.spillover.it.ConfidentialTwin.Secret;
import io.spillover.limit.Limits;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.testing.WireTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confidential spillover end to end on the local platform: the twin runs in a worker JVM, attests
 * with the development simulator to a key service on loopback on its first sealed call, and
 * serves calls a {@link SealingCallSealer} sealed; the wire carries no plain text.
 */
class ConfidentialSpillTest {
  private static final String MEASUREMENT = "c0ffee00".repeat(12);
  private static final FunctionRef TWIN = FunctionRef.of("lambda", "secret-twin");
  private static final long PID = ProcessHandle.current().pid();
  @TempDir Path work;

  @AfterEach
  void noWorkerLeft() {
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }

  @Test
  void sealedCallsReachTheAttestedTwinAndNoPlainTextCrossesTheWire() throws Exception {
    KeyPair tee = DevEvidenceKeys.generate();
    Path teeKey = work.resolve("dev-tee.pem");
    DevEvidenceKeys.write(tee, teeKey);
    CallerIdentity vm = CallerIdentity.generate("vm-frontend");
    Path keys = work.resolve("keys");
    try (AuditLog audit = AuditLog.open(work.resolve("audit.jsonl"));
        KeyService keyService = KeyService.builder().auditLog(audit)
            .deployment(Deployment.DEVELOPMENT)
            .config(KeyServiceConfig.builder().port(0).keyDirectory(keys)
                .masterKeyset(keys.resolve("master.json")).createMissingKeys(true)
                .devEvidenceKey(DevEvidenceKeys.readPublic(teeKey)).caller(vm.name(), vm.publicKeyset())
                .function(ConfidentialTwin.SERVICE, FunctionPolicy.builder()
                    .allowMeasurement(MEASUREMENT).platforms(List.of(Platform.DEV))
                    .callers(List.of(vm.name())).build()).build()).start();
        LocalPlatform platform = LocalPlatform.builder().workDir(work.resolve("platform"))
            .functions(FunctionSpec.lambda(TWIN.target(), ConfidentialLambdaHandler.class.getName())
                .environment(ConfidentialTwin.KEY_SERVICE_URL, keyService.uri().toString())
                .environment(ConfidentialTwin.KEY_SERVICE_VERIFY_KEYSET,
                    keys.resolve("keyservice-verify.json").toString())
                .environment(ConfidentialTwin.DEV_TEE_KEY, teeKey.toString())
                .environment(ConfidentialTwin.DEV_TEE_MEASUREMENT, MEASUREMENT).build())
            .build().start()) {
      assertThat(keys.resolve("keyservice-verify.json")).exists();
      KeyServiceClient client = KeyServiceClient.builder().baseUrl(keyService.uri().toString())
          .keyServiceVerifyKeyset(keyService.verifyKeyset()).build();
      WireTap wire = new WireTap(LambdaProvider.builder().region("us-east-1")
          .endpointOverride(platform.endpoint().toString())
          .credentials("AKIDLOCALPLATFORM", "local-secret").build());
      SealingCallSealer sealer = SealingCallSealer.builder().caller(vm)
          .target(TWIN, client.publicKeyset(ConfidentialTwin.SERVICE, vm)).build();
      try (SpilloverRegistry registry = SpilloverRegistry.builder().provider(wire)
          .callSealer(sealer).build()) {
        Spillway<Secret, Digest> digest = registry.spillway(ConfidentialTwin.SERVICE,
            SpillwayConfig.custom().limit(Limits.fixed(1)).function(TWIN)
                .classification(Classification.CONFIDENTIAL).idempotent(true)
                .timeout(Duration.ofSeconds(60)).build(), Secret.class, Digest.class);
        CountDownLatch localRunning = new CountDownLatch(1);
        CountDownLatch releaseLocal = new CountDownLatch(1);
        CompletableFuture<Digest> heldLocal = CompletableFuture.supplyAsync(() ->
            digest.call(new Secret("local"), s -> {
              localRunning.countDown();
              awaitQuietly(releaseLocal);
              return new Digest(ConfidentialTwin.sha256(s.text()), PID, false);
            }));
        localRunning.await();

        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          String secret = "patient-" + UUID.randomUUID();
          secrets.add(secret);
          Digest d = digest.call(new Secret(secret), s -> {
            throw new AssertionError("ran locally");
          });
          assertThat(d.sha256()).isEqualTo(ConfidentialTwin.sha256(secret));
          assertThat(d.pid()).as("computed in the worker JVM").isNotEqualTo(PID);
          assertThat(d.attested()).as("the twin had attested").isTrue();
        }
        releaseLocal.countDown();
        heldLocal.get();

        assertThat(digest.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(3);
        assertThat(wire.requests()).hasSize(3).allSatisfy(r ->
            assertThat(r).contains("\"sealed\"").doesNotContain("\"body\""));
        assertThat(wire.replies()).hasSize(3);
        List<String> onTheWire = new ArrayList<>(wire.requests());
        onTheWire.addAll(wire.replies());
        for (String secret : secrets) {
          assertThat(onTheWire).noneMatch(e -> e.contains(secret)
              || e.contains(ConfidentialTwin.sha256(secret)));
        }
        assertThat(Files.readAllLines(work.resolve("audit.jsonl")))
            .as("one key release: the twin attested once, lazily")
            .filteredOn(l -> l.contains("\"KEY_RELEASE\"")).hasSize(1);
        assertThat(platform.stats().function(TWIN.target()).coldStarts()).isEqualTo(1);
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
