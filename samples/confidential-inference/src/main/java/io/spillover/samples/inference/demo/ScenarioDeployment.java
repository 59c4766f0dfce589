package io.spillover.samples.inference.demo;

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
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.local.FunctionSpec;
import io.spillover.local.FunctionStats;
import io.spillover.local.LocalPlatform;
import io.spillover.openwhisk.OpenWhiskProvider;
import io.spillover.samples.inference.model.ModelCatalog;
import io.spillover.samples.inference.model.SealedModel;
import io.spillover.samples.inference.twin.InferenceAction;
import io.spillover.samples.inference.twin.InferenceLambdaHandler;
import io.spillover.samples.inference.twin.TwinEnvironment;
import io.spillover.samples.inference.vm.VmInference;
import io.spillover.samples.inference.vm.WireTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Everything the scenario runs on one machine: a key service on loopback (development
 * deployment: it trusts the attestation simulator's key file) whose policy pins the twin's
 * measurement, names the tenants and grants each model's key to its tenants; the function image
 * (the models sealed under their keys); the local function platform with two deployments of the
 * same twin, one attested and one whose evidence shows a debug TEE or another measurement; and
 * the VM side, made per phase. The key service and the VM side append to one audit log.
 */
final class ScenarioDeployment implements AutoCloseable {
  /** The function's name at the key service. */
  static final String FUNCTION = TwinEnvironment.DEFAULT_FUNCTION;
  static final String TWIN = "inference-twin";
  static final String BAD_TWIN = "inference-twin-unattested";
  /** The launch measurement of the twin's (simulated) image, pinned by the key service. */
  static final String MEASUREMENT = "5eed".repeat(24);
  static final String OTHER_MEASUREMENT = "badc0de0".repeat(12);

  private final ScenarioOptions options;
  private final List<CallerIdentity> tenants = new ArrayList<>();
  final Path auditFile;
  final AuditLog audit;
  final KeyService keyService;
  final LocalPlatform platform;
  private final FunctionPublicKeyset keyset;
  private final List<OkHttpClient> clients = new ArrayList<>();

  ScenarioDeployment(ScenarioOptions o) throws Exception {
    this.options = o;
    Path work = Files.createDirectories(o.work());
    KeyPair simulator = DevEvidenceKeys.generate();
    Path simulatorKey = work.resolve("dev-tee.pem");
    DevEvidenceKeys.write(simulator, simulatorKey);
    Tenants.NAMES.forEach(n -> tenants.add(CallerIdentity.generate(n)));
    this.auditFile = work.resolve("audit.jsonl");
    this.audit = AuditLog.open(auditFile);
    FunctionPolicy.Builder policy = FunctionPolicy.builder().allowMeasurement(MEASUREMENT)
        .platforms(List.of(Platform.DEV)).callers(Tenants.NAMES);
    Tenants.GRANTS.forEach((model, granted) -> policy.grant(ModelCatalog.dataKey(model), granted));
    KeyServiceConfig.Builder config = KeyServiceConfig.builder().port(0).bind("127.0.0.1")
        .keyDirectory(work.resolve("keys")).masterKeyset(work.resolve("keys/master.json"))
        .createMissingKeys(true).devEvidenceKey(simulator.getPublic())
        .function(FUNCTION, policy.build());
    tenants.forEach(t -> config.caller(t.name(), t.publicKeyset()));
    this.keyService = KeyService.builder().auditLog(audit).deployment(Deployment.DEVELOPMENT)
        .config(config.build()).start();
    Path image = Files.createDirectories(work.resolve("image"));
    for (String model : ModelCatalog.NAMES) {
      Files.write(image.resolve(model + ".sealed"), SealedModel.seal(
          ModelCatalog.reference(model), keyService.dataKey(ModelCatalog.dataKey(model))));
    }
    boolean debugTee = o.badEvidence().equals("debug");
    this.platform = LocalPlatform.builder().workDir(work.resolve("platform"))
        .functions(twin(TWIN, MEASUREMENT, false, simulatorKey, image),
            twin(BAD_TWIN, debugTee ? MEASUREMENT : OTHER_MEASUREMENT, debugTee, simulatorKey,
                image))
        .maxConcurrency(2 * capacity()).perFunctionConcurrency(capacity())
        .idleTimeout(Duration.ofMinutes(10)).build().start();
    this.keyset = KeyServiceClient.builder().baseUrl(keyService.uri().toString())
        .keyServiceVerifyKeyset(keyService.verifyKeyset()).build()
        .publicKeyset(FUNCTION, tenants.get(0));
  }

  /**
   * Calls in flight the twin may take: instances times the action's concurrency on OpenWhisk;
   * on Lambda as many instances, one call each.
   */
  private int capacity() {
    return options.maxInstances() * options.actionConcurrency();
  }

  private FunctionSpec twin(String name, String measurement, boolean debug, Path simulatorKey,
      Path image) {
    FunctionSpec.Builder spec = options.openWhisk()
        ? FunctionSpec.openWhisk(name, InferenceAction.class.getName())
            .concurrency(options.actionConcurrency())
        : FunctionSpec.lambda(name, InferenceLambdaHandler.class.getName());
    return spec.memoryMb(256)
        .environment(TwinEnvironment.KEY_SERVICE_URL, keyService.uri().toString())
        .environment(TwinEnvironment.KEY_SERVICE_VERIFY_KEYSET,
            options.work().resolve("keys/keyservice-verify.json").toString())
        .environment(TwinEnvironment.FUNCTION, FUNCTION)
        .environment(TwinEnvironment.TEE, "dev")
        .environment(TwinEnvironment.DEV_TEE_KEY, simulatorKey.toString())
        .environment(TwinEnvironment.DEV_TEE_MEASUREMENT, measurement)
        .environment(TwinEnvironment.DEV_TEE_DEBUG, Boolean.toString(debug))
        .environment(TwinEnvironment.MODEL_DIR, image.toString())
        .environment(TwinEnvironment.MODEL_MEMORY_BYTES, Long.toString(options.modelMemoryBytes()))
        .environment(TwinEnvironment.MODEL_MILLIS, Long.toString(options.modelMillis()))
        .build();
  }

  /** The VM side of one phase: spilling to {@code twin} through {@code tap}, or not at all. */
  VmInference vm(String twin, WireTap tap) {
    return vm(twin, tap, b -> b);
  }

  /** {@link #vm(String, WireTap)} with settings of the caller's on top. */
  VmInference vm(String twin, WireTap tap, UnaryOperator<VmInference.Builder> settings) {
    VmInference.Builder b = VmInference.builder().tenants(tenants).grants(Tenants.GRANTS)
        .localLimit(options.localLimit()).modelMillis(options.modelMillis())
        .maxConcurrentSpills(Math.max(1, capacity() / Tenants.NAMES.size()))
        .spillListener(audit.sealedSpillListener());
    if (options.prewarm()) {
      b.prewarm(Duration.ofSeconds(2));
    }
    if (twin == null) {
      return settings.apply(b).build();
    }
    // OkHttp's dispatcher allows 5 calls per host by default: far too few for spills, which
    // all go to one platform endpoint (the providers' own clients allow 256)
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    OkHttpClient client = new OkHttpClient.Builder().dispatcher(dispatcher)
        .addNetworkInterceptor(tap).readTimeout(Duration.ZERO).build();
    clients.add(client);
    String endpoint = platform.endpoint().toString();
    FunctionRef ref = FunctionRef.of(options.platform(), twin);
    return settings.apply(b.twin(ref, keyset, tenant -> provider(endpoint, client))).build();
  }

  private FunctionProvider provider(String endpoint, OkHttpClient client) {
    if (options.openWhisk()) {
      return OpenWhiskProvider.builder().apiHost(endpoint).apiKey("local-uuid:local-key")
          .okHttpClient(client).build();
    }
    return LambdaProvider.builder().region("us-east-1").endpointOverride(endpoint)
        .credentials("AKIDLOCALPLATFORM", "local-secret").okHttpClient(client).build();
  }

  /** The platform's counters of {@code function}. */
  FunctionStats stats(String function) {
    return platform.stats().function(function);
  }

  @Override
  public void close() {
    for (OkHttpClient c : clients) {
      c.dispatcher().executorService().shutdown();
      c.connectionPool().evictAll();
    }
    platform.close();
    keyService.close();
    audit.close();
  }
}
