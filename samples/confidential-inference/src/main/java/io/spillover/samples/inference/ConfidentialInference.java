package io.spillover.samples.inference;

import io.spillover.CallOptions;
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
import io.spillover.attest.seal.AttestedFunction;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole sample on one machine: a key service on loopback, the model published encrypted under
 * its data key {@code model}, a function twin that attests on its first sealed call, and the VM
 * side's spillway, which classifies every call {@code CONFIDENTIAL} and so spills it only sealed.
 * The twin runs on {@link InProcessProvider}; {@link #provider()} is where a real platform's
 * provider goes.
 */
public final class ConfidentialInference implements AutoCloseable {
  /** The function's name at the key service. */
  public static final String FUNCTION = "triage";
  /** Where the twin is deployed. */
  public static final FunctionRef TWIN = FunctionRef.of("in-process", "triage-twin");
  /** The launch measurement of the twin's (simulated) image, pinned by the key service. */
  public static final String MEASUREMENT = "5eed".repeat(24);

  private final Path auditFile;
  private final AuditLog audit;
  private final KeyService keyService;
  private final AttestedFunction twin;
  private final WireTap provider;
  private final SpilloverRegistry registry;
  private final Spillway<Vitals, Assessment> spillway;
  private final TriageModel model = TriageModel.reference();
  private final Runnable localWork;

  /** Local vs spilled calls of a burst (fallbacks count as local), inputs and answers in order. */
  public record Burst(long local, long spilled, long fallbacks, List<Vitals> inputs,
      List<Assessment> answers) {}

  private ConfidentialInference(Path workDir, TwinTee tee, int localLimit, Runnable localWork)
      throws Exception {
    this.localWork = localWork;
    KeyPair simulatorKey = DevEvidenceKeys.generate();
    CallerIdentity vm = CallerIdentity.generate("vm-frontend");
    this.auditFile = workDir.resolve("audit.jsonl");
    this.audit = AuditLog.open(auditFile);
    this.keyService = KeyService.builder().auditLog(audit).deployment(Deployment.DEVELOPMENT)
        .config(KeyServiceConfig.builder().port(0).keyDirectory(workDir.resolve("keys"))
            .masterKeyset(workDir.resolve("keys/master.json")).createMissingKeys(true)
            .devEvidenceKey(simulatorKey.getPublic()).caller(vm.name(), vm.publicKeyset())
            .function(FUNCTION, FunctionPolicy.builder().allowMeasurement(MEASUREMENT)
                .platforms(List.of(Platform.DEV)).callers(List.of(vm.name()))
                .dataKeys(List.of("model")).build()).build()).start();
    byte[] artifact = SealedModel.seal(model, keyService.dataKey("model"));
    KeyServiceClient client = KeyServiceClient.builder().baseUrl(keyService.uri().toString())
        .keyServiceVerifyKeyset(keyService.verifyKeyset()).build();
    this.twin = AttestedFunction.builder().function(FUNCTION).keyService(client)
        .evidenceSource(tee.source(simulatorKey)).build();
    this.provider = new WireTap(InProcessProvider.create()
        .deploy(TWIN.target(), InferenceTwin.create(twin, artifact)));
    SealingCallSealer sealer = SealingCallSealer.builder().caller(vm)
        .spillListener(audit.sealedSpillListener())
        .target(TWIN, client.publicKeyset(FUNCTION, vm)).build();
    this.registry = SpilloverRegistry.builder().provider(provider).callSealer(sealer).build();
    this.spillway = registry.spillway(InferenceTwin.SERVICE, SpillwayConfig.custom()
        .limit(Limits.fixed(localLimit)).function(TWIN).classification(Classification.CONFIDENTIAL)
        // triage is a pure function of the vitals: it may run twice, so it may spill without a
        // replay guard shared by the twin's instances
        .idempotent(true).timeout(Duration.ofSeconds(20)).build(), Vitals.class, Assessment.class);
  }

  /**
   * Starts everything. {@code localWork} stands for the model's compute time on the VM (it runs
   * under the local permit); {@code localLimit} is the VM's concurrency limit.
   */
  public static ConfidentialInference start(Path workDir, TwinTee tee, int localLimit,
      Runnable localWork) throws Exception {
    return new ConfidentialInference(workDir, tee, localLimit, localWork);
  }

  /** Sends {@code requests} calls from {@code threads} concurrent clients and waits for all. */
  public Burst burst(int requests, int threads) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    try {
      Random random = new Random(42);
      List<Vitals> inputs = new ArrayList<>();
      List<Future<Assessment>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        Vitals v = new Vitals(60 + random.nextInt(80), 90 + random.nextInt(70),
            36 + random.nextInt(40) / 10.0, 85 + random.nextInt(15));
        inputs.add(v);
        calls.add(clients.submit(() -> spillway.call(v, CallOptions.defaults(), x -> {
          localWork.run();
          return model.classify(x, "vm");
        })));
      }
      List<Assessment> answers = new ArrayList<>();
      for (Future<Assessment> f : calls) {
        answers.add(f.get());
      }
      return new Burst(spillway.metrics().calls(Route.LOCAL, Outcome.SUCCESS),
          spillway.metrics().calls(Route.FUNCTION, Outcome.SUCCESS),
          spillway.metrics().fallbacks(), inputs, answers);
    } finally {
      clients.shutdownNow();
    }
  }

  /** The twin instance's attestation state and keys. */
  public AttestedFunction twin() {
    return twin;
  }

  /** The VM side's provider: every envelope on the wire is recorded here. */
  public WireTap provider() {
    return provider;
  }

  public KeyService keyService() {
    return keyService;
  }

  public Path auditFile() {
    return auditFile;
  }

  @Override
  public void close() {
    registry.close();
    keyService.close();
    audit.close();
  }
}
